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
  messages: false
}

/**
 * Add the formats and the `duration` keyword to an ajv instance. The keyword
 * calls `isDuration` of `duration.ts` (what `parseDuration` reads, so that the
 * schema and `timeMinutes` never disagree); generated code imports it.
 *
 * @param {import('ajv/dist/2020.js').default} ajv
 * @param {{_: typeof import('ajv/dist/2020.js')._, addFormats: (ajv: import('ajv/dist/2020.js').default) => unknown, isDuration: (value: unknown) => boolean}} tools
 * @returns {void}
 */
export function setUpAjv(ajv, tools) {
  const {_, addFormats, isDuration} = tools
  addFormats(ajv)
  ajv.addKeyword({
    keyword: 'duration',
    type: ['number', 'string'],
    schemaType: 'boolean',
    metaSchema: {type: 'boolean'},
    code(context) {
      if (!context.schema) return
      const check = context.gen.scopeValue('func', {
        ref: isDuration,
        code: _`require("./duration.js").isDuration`
      })
      context.fail(_`!${check}(${context.data})`)
    }
  })
}
