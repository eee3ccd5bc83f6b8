/**
 * `coursemark init`: write a commented starter config and a GitHub Actions
 * workflow (see `workflows.ts`), asking nothing; an existing file is kept.
 * Prints what it did.
 */
import {mkdir, writeFile} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {findConfig} from './config.js'
import {configFor, describeDetection, detectProject} from './detect.js'
import {describeFsError, RunError} from './errors.js'
import type {CommandContext} from './types.js'
import {version} from './version.js'
import {starterWorkflow, workflowPath} from './workflows.js'

/** The starter config. */
export const starterConfig = `# coursemark config: https://github.com/coursemark/coursemark#cli
# Data only (YAML or JSON); nothing here is executed.
$schema: https://raw.githubusercontent.com/coursemark/coursemark/main/schemas/coursemark.config.schema.json

# Preset to start from: recommended (few errors, the rest warnings) or strict.
extends: recommended

# Per-rule severity: off, warn or error; or [severity, options].
# \`coursemark rules\` lists every rule.
rules:
  duplicate-title: warn

# Headings that name the objectives, assignment and resources sections.
# headings:
#   objectives: [Objectives, Learning objectives, Goals]

# Frontmatter: a custom JSON Schema, the allowed teams, unknown keys.
# frontmatter:
#   schema: schemas/frontmatter.schema.json
#   teams: [engineering, careers]
#   unknownKeys: warn

# More files to skip (.gitignore syntax); .gitignore and .coursemarkignore are read too.
# Repository docs are not checkpoints.
ignores:
  - README.md
  - CONTRIBUTING.md
  - CHANGELOG.md
  - drafts/

# Settings for some files only.
# overrides:
#   - files: ["archive/**/*.md"]
#     rules:
#       objectives-present: off
`

/** Where `init` writes a schema of the project's own frontmatter keys. */
export const ownSchemaFile = 'coursemark-frontmatter.schema.json'

/** Run `coursemark init`. */
export async function init(context: CommandContext): Promise<number> {
  const found = findConfig(context.cwd)
  const existing = found !== null && dirname(found) === resolve(context.cwd) ? basename(found) : undefined
  const files: Array<[string, string]> = []
  if (!existing) {
    // The config says which format the files are in: look at them first.
    const detection = await detectProject(context.cwd)
    for (const line of describeDetection(detection)) context.stdout.write(`${line}\n`)
    if (detection.ownSchema) files.push([ownSchemaFile, JSON.stringify(detection.ownSchema, undefined, 2) + '\n'])
    files.push(['.coursemarkrc.yaml', configFor(detection, starterConfig, ownSchemaFile)])
  } else {
    files.push(['.coursemarkrc.yaml', starterConfig])
  }

  files.push([workflowPath, starterWorkflow(version)])

  for (const [name, content] of files) {
    if (name === '.coursemarkrc.yaml' && existing) {
      context.stdout.write(`kept ${existing} (a config exists)\n`)
      continue
    }

    const path = join(context.cwd, name)
    try {
      await mkdir(dirname(path), {recursive: true})
      await writeFile(path, content, {flag: 'wx'})
      context.stdout.write(`wrote ${name}\n`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        context.stdout.write(`kept ${name} (it exists)\n`)
      } else {
        throw new RunError(`cannot write \`${name}\`: ${describeFsError(error)}`)
      }
    }
  }

  return 0
}
