/**
 * Frontmatter schemas as validate functions. Our own schemas are
 * precompiled by `npm run generate` (ajv's standalone code in
 * `validators.generated.js`), so a run that uses them never loads ajv.
 * A project's own schema is compiled with ajv, loaded then: synchronously
 * in Node, or after `await loadSchemaCompiler()` elsewhere (a browser).
 *
 * Compiled once per distinct schema object, and per JSON text (a schema
 * sent to a worker arrives as a new object).
 */
import type {Ajv2020, AnySchemaObject, ErrorObject} from 'ajv/dist/2020.js'
import {setUpAjv, ajvOptions} from '../ajv-setup.js'
import {isDurationIn, type ReadAlready} from '../duration.js'
import type {JsonObject} from '../model/checkpoint.js'
import {createSchemaContext, type SchemaContext} from './schema-resolve.js'
import {schemas} from '../schemas.generated.js'
import {frontmatterValidators} from '../validators.generated.js'

/** A validate function, precompiled or compiled by ajv: `errors` holds the last run's errors. */
export interface Validate {
  (this: ReadAlready | undefined, data: unknown): boolean
  errors?: ErrorObject[] | null | undefined
}

/** A schema ready to validate with. */
export interface CompiledSchema {
  /** What the schema declares, for wording. */
  readonly context: SchemaContext
  /** Whether it is one of ours, precompiled. */
  readonly precompiled: boolean
  /** Validate against the schema; `closed` also refuses keys it does not declare. */
  validator(closed: boolean): Validate
}

type AjvModule = {Ajv2020: typeof Ajv2020; _: typeof import('ajv/dist/2020.js')._}
type FormatsPlugin = (ajv: Ajv2020) => unknown

let loaded: {ajv: AjvModule; addFormats: FormatsPlugin} | undefined

/**
 * Load ajv, which compiles a project's own frontmatter schema. Node loads it
 * by itself when needed; call this first where `require` is not available
 * (a browser bundle) before validating against a schema of your own.
 */
export async function loadSchemaCompiler(): Promise<void> {
  if (loaded) return
  const [ajv, formats] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')])
  loaded = {ajv: ajv as unknown as AjvModule, addFormats: formats.default.default as unknown as FormatsPlugin}
}

function loadSync(): {ajv: AjvModule; addFormats: FormatsPlugin} {
  if (loaded) return loaded
  const host = globalThis as {process?: {getBuiltinModule?: (id: string) => unknown}}
  const module = host.process?.getBuiltinModule?.('module') as
    | {createRequire(url: string): (id: string) => unknown}
    | undefined
  if (!module) {
    throw new Error(
      'Unexpected frontmatter schema of your own before `await loadSchemaCompiler()`, expected that call first outside Node'
    )
  }

  const require = module.createRequire(import.meta.url)
  const formats = require('ajv-formats') as {default: FormatsPlugin}
  loaded = {ajv: require('ajv/dist/2020.js') as AjvModule, addFormats: formats.default}
  return loaded
}

const ours = new Map<string, JsonObject>()
for (const schema of Object.values(schemas)) {
  if (typeof schema.$id === 'string') ours.set(schema.$id, schema)
}

const oursByText = new Map<string, string>()
const cache = new WeakMap<object, CompiledSchema | Error>()
const cacheByText = new Map<string, CompiledSchema | Error>()
const maxCachedTexts = 32

/**
 * Compile a frontmatter schema, or find it precompiled.
 *
 * @throws {Error}
 *   "Unexpected frontmatter schema that cannot be compiled (…), expected a
 *   JSON Schema (draft 2020-12)".
 */
export function compileFrontmatterSchema(schema: JsonObject): CompiledSchema {
  let cached = cache.get(schema)
  let text: string | undefined
  if (!cached && !isOurs(schema)) {
    text = JSON.stringify(schema)
    cached = cacheByText.get(text)
    if (cached) cache.set(schema, cached)
  }

  if (cached instanceof Error) throw cached
  if (cached) return cached
  let result: CompiledSchema | Error
  try {
    result = precompiled(schema, text) ?? compileWithAjv(schema)
  } catch (error) {
    result = new Error(
      `Unexpected frontmatter schema that cannot be compiled (${schemaProblem(schema, error)}), expected a JSON Schema (draft 2020-12)`
    )
  }

  cache.set(schema, result)
  if (text !== undefined) {
    if (cacheByText.size >= maxCachedTexts) {
      const oldest = cacheByText.keys().next()
      if (!oldest.done) cacheByText.delete(oldest.value)
    }

    cacheByText.set(text, result)
  }

  if (result instanceof Error) throw result
  return result
}

function isOurs(schema: JsonObject): boolean {
  return typeof schema.$id === 'string' && ours.get(schema.$id) === schema
}

/** Ours, as an object or as a copy with the same text. */
function precompiled(schema: JsonObject, text: string | undefined): CompiledSchema | undefined {
  const id = schema.$id
  if (typeof id !== 'string') return undefined
  const validators = frontmatterValidators[id]
  const own = ours.get(id)
  if (!validators || !own) return undefined
  if (own !== schema) {
    let ownText = oursByText.get(id)
    if (ownText === undefined) {
      ownText = JSON.stringify(own)
      oursByText.set(id, ownText)
    }

    if (ownText !== (text ?? JSON.stringify(schema))) return undefined
  }

  return {
    context: createSchemaContext(own, id, (other) => ours.get(other)),
    precompiled: true,
    validator: (closed) => (closed ? validators.closed : validators.open)
  }
}

function compileWithAjv(schema: JsonObject): CompiledSchema {
  const {ajv: module, addFormats} = loadSync()
  const ajv = new module.Ajv2020(ajvOptions)
  setUpAjv(ajv, {_: module._, addFormats, isDurationIn})
  let root: AnySchemaObject = schema
  let rootId = typeof schema.$id === 'string' ? schema.$id : undefined
  if (rootId === undefined) {
    rootId = 'urn:coursemark:frontmatter-schema'
    root = {...schema, $id: rootId}
  }

  // A project schema may `$ref` ours, unless it replaces one.
  for (const [id, own] of ours) {
    if (id !== rootId && id.endsWith('-frontmatter.schema.json')) ajv.addSchema(own)
  }

  ajv.addSchema(root)
  const id = rootId
  // Compile now, so that a bad schema fails here and not on the first file.
  const open: Validate = ajv.compile({$ref: id})
  let closed: Validate | undefined
  return {
    context: createSchemaContext(root, id, (other) => ours.get(other) ?? ajv.getSchema(other)?.schema),
    precompiled: false,
    validator(wantClosed) {
      if (!wantClosed) return open
      // `unevaluatedProperties` (not `additionalProperties`) sees the keys declared
      // through `$ref` and `allOf`, so a project can extend the schema and close it here.
      const result: Validate = closed ?? ajv.compile({type: 'object', $ref: id, unevaluatedProperties: false})
      closed = result
      return result
    }
  }
}

/** What is wrong with a schema that does not compile, in ajv's words (our instance builds no messages). */
function schemaProblem(schema: JsonObject, error: unknown): string {
  try {
    const {ajv: module} = loadSync()
    const checker = new module.Ajv2020({allErrors: true, strict: false})
    if (!checker.validateSchema(schema)) return checker.errorsText(checker.errors, {dataVar: 'schema'})
  } catch {
    // ajv cannot be loaded: the error itself says what went wrong.
  }

  return String(error instanceof Error ? error.message : error)
}
