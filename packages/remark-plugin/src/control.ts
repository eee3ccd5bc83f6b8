/**
 * Inline control of coursemark messages, as remark users already write it:
 * `<!--lint disable rule-id-->`, `<!--lint enable rule-id-->`,
 * `<!--lint ignore rule-id-->` (the next node only), and the same without ids
 * for every rule.
 *
 * The semantics are `remark-message-control`'s (which remark-lint uses),
 * read from the shared node index instead of two walks of the tree: the
 * same comment syntax, the same states, the same "gaps" (messages after the
 * last node are dropped). It controls messages whose source is `coursemark`;
 * other sources are left alone. A file with no HTML comment is not looked at.
 *
 * One addition: comments that directly follow the frontmatter (before any
 * other content) apply from the start of the file, so that
 * `<!--lint disable duplicate-uuid-->` there turns off a rule that reports in
 * the frontmatter; remark-message-control would apply them from where they
 * are, after the frontmatter.
 *
 * The messages of a finish phase over the file set come after this runs: the
 * fact each file recorded for it says whether they are kept (`SetRecord`).
 */
import type {Nodes, Parents, Root} from 'mdast'
import type {Plugin, Processor} from 'unified'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {indexOf, nodesOfType} from './node-index.js'
import {sourceOf} from './position.js'

/** A comment marker: the whole of an HTML node such as `<!--lint disable a b-->`. */
const markerExpression = /^\s*<!--\s*([a-zA-Z\d-]+)(\s+([\s\S]*))?\s*-->\s*$/
/** What `mdast-comment-marker` accepts after the name: `key`, `key=value`, `key="value"`, `key='value'`. */
const parameters = /\s+([-\w]+)(?:=(?:"((?:\\[\s\S]|[^"])*)"|'((?:\\[\s\S]|[^'])*)'|((?:\\[\s\S]|[^"'\s])+)))?/gi

interface Mark {
  point: Point
  state: boolean
}

/** Toggles by rule id, and for every rule. */
interface Marks {
  scope: Map<string, Mark[]>
  globals: Mark[]
  /** Whether every rule is off, after the last `disable` or `enable` without ids. */
  reset: boolean
}

/**
 * Let `<!--lint …-->` comments turn coursemark rules off and on. Like
 * remark-lint, it adds its transform when the processor is frozen, after
 * every other plugin, so it sees the messages of every rule.
 */
export const remarkCoursemarkControl: Plugin<[], Root> = function (this: Processor) {
  this.use(control)
}

function control() {
  return function (tree: Root, file: VFile) {
    if (sourceOf(file).includes('<!--')) controlMessages(tree, file)
  }
}

/** Drop the coursemark messages of `file` that `<!--lint …-->` comments in `tree` turn off. */
export function controlMessages(tree: Root, file: VFile): void {
  const marks = readMarks(tree, file)
  const gaps = gapsOf(tree)
  const lines = lineStarts(sourceOf(file))
  file.messages = file.messages.filter((message) => keep(message, marks, gaps, lines))
  // The finish phase over the file set reports later, after this transform:
  // each fact says now whether a message of its rule at its place is kept.
  for (const [ruleId, record] of Object.entries(file.data.coursemarkSet ?? {})) {
    const probe = new VFileMessage('', {place: record.fact.place ?? undefined, ruleId, source: 'coursemark'})
    record.enabled = keep(probe, marks, gaps, lines)
  }
}

function readMarks(tree: Root, file: VFile): Marks {
  const marks: Marks = {scope: new Map(), globals: [], reset: false}
  let parents: Map<Nodes, Parents> | undefined
  const head = headComments(tree)

  for (const node of nodesOfType(tree, 'html')) {
    // A comment that directly follows the frontmatter applies from the start
    // of the file, so that it can turn off a rule that reports in the frontmatter.
    const point = head.has(node) ? tree.position?.start : node.position?.start
    const attributes = point ? markerAttributes(node.value) : undefined
    if (!point || attributes === undefined) continue
    const ids = attributes.split(/[ \t\n\r\f]+/).filter(Boolean)
    const verb = ids.shift()
    if (verb !== 'enable' && verb !== 'disable' && verb !== 'ignore') {
      file.fail(`Unknown keyword \`${verb}\`: expected \`'enable'\`, \`'disable'\`, or \`'ignore'\``, node)
    }

    let tail: Point | undefined
    if (verb === 'ignore') {
      parents ??= parentsOf(tree)
      const parent = parents.get(node)
      const next = parent ? parent.children[parent.children.indexOf(node as never) + 1] : undefined
      tail = next?.position?.end
    }

    for (const id of ids.length === 0 ? [undefined] : ids) {
      if (verb === 'ignore') {
        if (tail) {
          toggle(marks, point, false, id)
          toggle(marks, tail, true, id)
        }
      } else {
        toggle(marks, point, verb === 'enable', id)
        if (id === undefined) marks.reset = verb === 'disable'
      }
    }
  }

  return marks
}

/** The HTML nodes that directly follow the frontmatter, before any other content. */
function headComments(tree: Root): Set<Nodes> {
  const head = new Set<Nodes>()
  const [first] = tree.children
  if (first?.type !== 'yaml' && first?.type !== 'toml') return head
  for (const node of tree.children.slice(1)) {
    if (node.type !== 'html') break
    head.add(node)
  }

  return head
}

/** The attributes of a `lint` marker (`disable a b`), or `undefined` when `value` is no such marker. */
function markerAttributes(value: string): string | undefined {
  const match = markerExpression.exec(value)
  if (!match || match[1] !== 'lint') return undefined
  // `mdast-comment-marker` reads the attributes as parameters: other text makes it no marker.
  if ((match[2] ?? '').replace(parameters, '').replace(/\s+/g, '') !== '') return undefined
  return (match[3] ?? '').trim()
}

function toggle(marks: Marks, point: Point, state: boolean, id: string | undefined): void {
  let list = marks.globals
  if (id !== undefined) {
    list = marks.scope.get(id) ?? []
    marks.scope.set(id, list)
  }

  const last = list.at(-1)
  const current = last ? last.state : !marks.reset
  if (current !== state) list.push({point, state})
  if (id === undefined) {
    for (const known of marks.scope.keys()) toggle(marks, point, state, known)
  }
}

function keep(message: VFileMessage, marks: Marks, gaps: Array<[number, number]>, lines: number[]): boolean {
  if (message.source !== 'coursemark') return true
  // As remark-message-control: a message without a place counts as at 1:1.
  if (!message.line) message.line = 1
  if (!message.column) message.column = 1
  const offset = (lines[message.line - 1] ?? Number.POSITIVE_INFINITY) + message.column - 1
  for (const [start, end] of gaps) {
    if (start <= offset && end > offset) return false
  }

  // Before any mark of its rule, a message follows the last `disable`/`enable`
  // without ids anywhere in the file (remark-message-control's `reset`).
  const local = !message.ruleId || state(message, marks.scope.get(message.ruleId) ?? [], !marks.reset)
  return local && state(message, marks.globals, true)
}

/** The state of the last mark at or before the message, or on when none is. */
function state(message: VFileMessage, marks: Mark[], fallback: boolean): boolean {
  for (let index = marks.length - 1; index >= 0; index--) {
    const point = marks[index]?.point
    if (point && (point.line < (message.line ?? 0) || (point.line === message.line && point.column <= (message.column ?? 0)))) {
      return marks[index]?.state === true
    }
  }

  return fallback
}

/**
 * Ranges of offsets no node covers after the last node (remark-message-control
 * drops messages there): from the furthest start or leaf end to the end of the
 * tree.
 */
function gapsOf(tree: Root): Array<[number, number]> {
  let offset = 0
  let gap = false
  const gaps: Array<[number, number]> = []
  const update = (latest: number | undefined) => {
    if (latest === undefined) {
      gap = true
    } else if (offset < latest) {
      if (gap) {
        gaps.push([offset, latest])
        gap = false
      }

      offset = latest
    }
  }

  for (const node of indexOf(tree).all) {
    update(node.position?.start.offset)
    if (!('children' in node)) update(node.position?.end.offset)
  }

  const end = tree.position?.end.offset
  if (end !== undefined && offset !== end) {
    update(undefined)
    update(end)
  }

  return gaps
}

/** Offsets at which each line starts (`\r\n`, `\r` and `\n` end a line). */
function lineStarts(value: string): number[] {
  const starts = [0]
  const ending = /\r\n|\r|\n/g
  for (let match = ending.exec(value); match; match = ending.exec(value)) starts.push(match.index + match[0].length)
  return starts
}

function parentsOf(tree: Root): Map<Nodes, Parents> {
  const parents = new Map<Nodes, Parents>()
  for (const node of indexOf(tree).all) {
    if ('children' in node) for (const child of node.children) parents.set(child, node)
  }

  return parents
}
