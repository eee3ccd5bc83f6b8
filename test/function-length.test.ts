/**
 * No function over 80 lines outside `vendor/` (copied upstream code). The
 * functions that are longer today are listed here by package and name, to be
 * split: the test fails on a new one, and on a listed one that got short
 * enough (take it off the list then), so the list stays true.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {basename, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))

/** The longest function body, in lines, that we write. */
const maxLines = 80

/**
 * Functions over `maxLines` today, as `package: file name: function name` (the
 * file's folder left out, so that moving a file does not change its entry; a
 * function without a name is named by the function it is in).
 */
const known: string[] = []

/**
 * The name of a function node: its own, its variable's or property's, or, for
 * an anonymous one, the call it is given to, after the function it is in.
 */
function nameOf(node: ts.Node, parent: string | undefined): string {
  const named = node as ts.Node & {name?: ts.Node}
  if (named.name && (ts.isIdentifier(named.name) || ts.isStringLiteral(named.name) || ts.isPrivateIdentifier(named.name))) {
    return ts.isClassElement(node) || ts.isObjectLiteralElement(node) ? `${className(node)}${named.name.text}` : named.name.text
  }
  if (ts.isConstructorDeclaration(node)) return `${className(node)}constructor`
  const holder = node.parent
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && ts.isIdentifier(holder.name)) return holder.name.text
  if (holder && ts.isCallExpression(holder) && holder.expression !== node) return `${parent ? parent + '/' : ''}${holder.expression.getText()} callback`
  return `${parent ? parent + '/' : ''}<anonymous>`
}

/** `Class.` for a class member, `` otherwise. */
function className(node: ts.Node): string {
  const owner = node.parent
  return owner && ts.isClassLike(owner) && owner.name ? `${owner.name.text}.` : ''
}

/** Every function of `file` longer than `maxLines`, from its first line to its last (as ESLint's `max-lines-per-function` counts). */
function longFunctions(file: string, text: string): Array<{name: string; lines: number}> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS)
  const found: Array<{name: string; lines: number}> = []
  const visit = (node: ts.Node, parent: string | undefined): void => {
    let name = parent
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      name = nameOf(node, parent)
      const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      if (lines > maxLines) found.push({name, lines})
    }
    ts.forEachChild(node, (child) => visit(child, name))
  }
  visit(source, undefined)
  return found
}

/** The source files of a package outside `vendor/`, generated files left out. */
function sources(pkg: string): string[] {
  const src = join(root, 'packages', pkg, 'src')
  return readdirSync(src, {recursive: true})
    .map((name) => String(name).split('\\').join('/'))
    .filter((name) => /\.(?:ts|js)$/.test(name) && !name.endsWith('.d.ts') && !/(?:^|\/)vendor\//.test(name) && !name.includes('.generated.'))
    .map((name) => join(src, name))
}

/** Every function over `maxLines` in the three packages, as `package: file name: function name (lines)`. */
function scan(): string[] {
  return ['core', 'remark-plugin', 'cli'].flatMap((pkg) =>
    sources(pkg).flatMap((file) => longFunctions(file, readFileSync(file, 'utf8')).map((found) => `${pkg}: ${basename(file)}: ${found.name} (${found.lines} lines)`))
  )
}

describe('function length', () => {
  it('measures a function in lines, nested functions by themselves', () => {
    const body = Array.from({length: maxLines - 2}, (_, index) => `  const a${index} = ${index}`).join('\n')
    const text = `export function fits() {\n${body}\n}\nconst outer = () => {\n  function inner() {\n${body}\n  call()\n  }\n${body}\n}\nclass Box {\n  run() {\n${body}\n\n}\n}\n`
    expect(longFunctions('sample.ts', text)).toEqual([
      {name: 'outer', lines: 2 * maxLines + 1},
      {name: 'inner', lines: maxLines + 1},
      {name: 'Box.run', lines: maxLines + 1}
    ])
  })

  it(`has no function over ${maxLines} lines outside vendor/ but the listed ones`, () => {
    const files = ['core', 'remark-plugin', 'cli'].flatMap((pkg) => sources(pkg))
    expect(files.length).toBeGreaterThan(100)
    expect(files.filter((file) => file.includes('/vendor/'))).toEqual([])
    expect(scan().map((found) => found.replace(/ \(\d+ lines\)$/, '')).sort()).toEqual([...known].sort())
  })
})
