/**
 * What a JSON Schema declares, read without a validator: `$ref` resolution
 * (inside the schema and across the schemas it may refer to by `$id`) and
 * the top-level properties and required keys, following `$ref`, `allOf`,
 * `anyOf`, `oneOf`, `then` and `else`. Schema errors are worded from it.
 */

/** A schema with the schemas its `$ref`s may name, ready for wording. */
export interface SchemaContext {
  /** The schema being validated against. */
  readonly root: unknown
  /** Resolve a `$ref` (`undefined` when it cannot be). */
  resolveRef(ref: string): unknown
  /** Top-level properties the schema declares, in order. */
  properties(): Map<string, unknown>
  /** Keys the schema requires at the top level. */
  required(): string[]
}

/**
 * A context for `root`, whose `$id` is `rootId`; `known` gives other
 * schemas by `$id` (ours, which a project schema may extend).
 */
export function createSchemaContext(
  root: unknown,
  rootId: string,
  known: (id: string) => unknown
): SchemaContext {
  let properties: Map<string, unknown> | undefined
  let required: string[] = []

  function resolveRef(ref: string): unknown {
    if (ref.startsWith('#')) return pointer(root, ref.slice(1))
    const hash = ref.indexOf('#')
    const id = hash === -1 ? ref : ref.slice(0, hash)
    const target = id === rootId ? root : known(id)
    return hash === -1 ? target : pointer(target, ref.slice(hash + 1))
  }

  const context: SchemaContext = {
    root,
    resolveRef,
    properties() {
      if (!properties) {
        properties = new Map()
        required = []
        collectProperties(context, root, properties, required, new Set())
      }

      return properties
    },
    required() {
      context.properties()
      return required
    }
  }
  return context
}

function pointer(value: unknown, path: string): unknown {
  let current = value
  for (const raw of path.split('/').slice(1)) {
    let segment = raw
    try {
      segment = decodeURIComponent(raw)
    } catch {
      // Only used for wording: a pointer that cannot be decoded gives no words.
      return undefined
    }

    segment = segment.replaceAll('~1', '/').replaceAll('~0', '~')
    if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined
    current = current[segment]
  }

  return current
}

function collectProperties(
  context: SchemaContext,
  schema: unknown,
  into: Map<string, unknown>,
  required: string[],
  seen: Set<unknown>
) {
  if (!isRecord(schema) || seen.has(schema) || seen.size > 1000) return
  seen.add(schema)
  if (isRecord(schema.properties)) {
    for (const [key, value] of Object.entries(schema.properties)) {
      if (!into.has(key)) into.set(key, value)
    }
  }

  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === 'string' && !required.includes(key)) required.push(key)
    }
  }

  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword]
    if (Array.isArray(list)) {
      for (const item of list) {
        // Only `allOf` makes its `required` keys required.
        collectProperties(context, item, into, keyword === 'allOf' ? required : [], seen)
      }
    }
  }

  for (const keyword of ['then', 'else']) collectProperties(context, schema[keyword], into, [], seen)
  if (typeof schema.$ref === 'string') {
    collectProperties(context, context.resolveRef(schema.$ref), into, required, seen)
  }
}

/** A JSON object (not an array, not `null`). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
