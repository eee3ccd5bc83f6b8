/**
 * How coursemark sets up ajv, shared by `npm run generate` (which writes the
 * precompiled validators, `validators.generated.js`) and by the compiler of
 * a project's own schema (`frontmatter/schema-compile.ts`), so the two never differ.
 * Plain JavaScript so that the generator can import it before a build.
 */

/** Options of the ajv instance; `code.source` is set too when generating. */
export const ajvOptions = {
  allErrors: true,
  verbose: true,
  // Project schemas often carry editor keywords (`markdownDescription`).
  strict: false,
  allowUnionTypes: true,
  // Messages are ours (see `frontmatter/schema-errors.ts`), so ajv need not build its own.
  messages: false,
  // `this` of every validate function is the caller's: the `duration` keyword reads the `time` the model read already.
  passContext: true
}

/**
 * Add the formats and the `duration` keyword to an ajv instance. The keyword
 * calls `isDurationIn` of `duration.ts` with the validation's context (what
 * `parseDuration` reads, or what the model read already, so that the schema
 * and `timeMinutes` never disagree); generated code imports it.
 *
 * @param {import('ajv/dist/2020.js').default} ajv
 * @param {{_: typeof import('ajv/dist/2020.js')._, addFormats: (ajv: import('ajv/dist/2020.js').default) => unknown, isDurationIn: (this: import('./duration.js').ReadAlready | undefined, value: unknown) => boolean}} tools
 * @returns {void}
 */
export function setUpAjv(ajv, tools) {
  const {_, addFormats, isDurationIn} = tools
  addFormats(ajv)
  ajv.addKeyword({
    keyword: 'duration',
    type: ['number', 'string'],
    schemaType: 'boolean',
    metaSchema: {type: 'boolean'},
    code(context) {
      if (!context.schema) return
      const check = context.gen.scopeValue('func', {
        ref: isDurationIn,
        code: _`require("./duration.js").isDurationIn`
      })
      context.fail(_`!${check}.call(this, ${context.data})`)
    }
  })
}
