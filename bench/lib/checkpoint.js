/**
 * Deterministic checkpoint markdown, shaped like real course checkpoints:
 * YAML frontmatter (`title`, `author`, `team`, `time`, often `uuid`,
 * sometimes `timeHours`), an overview, objectives, sections with prose,
 * lists, code, tables, images and links, additional resources and an
 * assignment. Some files carry defects that a linter should report.
 *
 * All text is made up from the word lists below (nothing is copied from real
 * lessons).
 */

const nouns = [
  'function', 'variable', 'loop', 'array', 'object', 'request', 'response', 'server', 'client',
  'database', 'query', 'table', 'column', 'index', 'schema', 'component', 'module', 'package',
  'test', 'assertion', 'branch', 'commit', 'repository', 'terminal', 'command', 'script', 'file',
  'folder', 'path', 'string', 'number', 'boolean', 'promise', 'callback', 'event', 'listener',
  'element', 'selector', 'style', 'layout', 'grid', 'form', 'input', 'button', 'route', 'handler',
  'middleware', 'token', 'session', 'cookie', 'header', 'status', 'error', 'exception', 'stack',
  'queue', 'graph', 'tree', 'node', 'edge', 'model', 'dataset', 'feature', 'metric', 'chart',
  'notebook', 'cell', 'kernel', 'pipeline', 'deployment', 'container', 'image', 'service', 'port',
  'network', 'interview', 'resume', 'portfolio', 'project', 'mentor', 'cohort', 'deadline',
  'workflow', 'review', 'feedback', 'checkpoint', 'exercise', 'solution', 'example', 'pattern',
  'algorithm', 'complexity', 'recursion', 'closure', 'scope', 'prototype', 'class', 'method',
  'argument', 'parameter', 'value', 'reference', 'state', 'prop', 'hook', 'reducer', 'store'
]

const verbs = [
  'build', 'write', 'read', 'test', 'debug', 'refactor', 'deploy', 'explain', 'compare', 'describe',
  'create', 'update', 'delete', 'fetch', 'parse', 'render', 'validate', 'store', 'query', 'sort',
  'filter', 'map', 'reduce', 'install', 'configure', 'run', 'inspect', 'measure', 'plot', 'train',
  'evaluate', 'design', 'sketch', 'review', 'commit', 'merge', 'publish', 'share', 'practice',
  'identify', 'implement', 'use', 'apply', 'combine', 'split', 'handle', 'log', 'trace', 'model'
]

const objectiveVerbs = [
  'Explain', 'Describe', 'Build', 'Write', 'Use', 'Identify', 'Compare', 'Implement', 'Debug',
  'Create', 'Apply', 'Evaluate', 'Design', 'Test', 'Deploy', 'Refactor', 'Query', 'Model'
]

const adjectives = [
  'simple', 'small', 'large', 'common', 'useful', 'basic', 'advanced', 'new', 'existing', 'local',
  'remote', 'global', 'nested', 'empty', 'valid', 'invalid', 'fast', 'slow', 'clear', 'short',
  'long', 'public', 'private', 'shared', 'final', 'first', 'second', 'next', 'previous', 'main',
  'careful', 'readable', 'reusable', 'asynchronous', 'synchronous', 'relational', 'functional'
]

const glue = [
  'the', 'a', 'each', 'every', 'your', 'this', 'that', 'one', 'another', 'some', 'the same'
]

const connectors = [
  'and then', 'so that', 'because', 'while', 'before', 'after', 'when', 'until', 'even if',
  'which means', 'in order to', 'as long as', 'unless'
]

const openers = [
  'In this checkpoint,', 'First,', 'Next,', 'Then,', 'Finally,', 'Remember that', 'Notice that',
  'In practice,', 'For example,', 'Most of the time,', 'As you saw earlier,', 'By now,', 'Often,'
]

const authors = ['Thinkful', 'Bloc', 'Curriculum Team', 'A. Rivera', 'J. Okafor', 'M. Chen', 'S. Novak']
const teams = ['web-dev', 'data-science', 'careers', 'ux-design', 'engineering', 'foundations']
const times = [
  () => '120',
  () => '60',
  () => '45',
  () => '"80 minutes"',
  () => '1 hour',
  () => '1.5 hours',
  () => '90 mins',
  () => '2 hours',
  () => '30 minutes'
]

const hosts = [
  'docs.example.com', 'developer.example.org', 'blog.example.net', 'www.example.com',
  'learn.example.edu', 'wiki.example.org', 'video.example.com', 'api.example.io',
  'status.example.com', 'forum.example.org', 'courses.example.edu', 'news.example.net'
]

const languages = ['js', 'python', 'sql', 'bash', 'html', 'css', 'json']

/**
 * @typedef {import('./random.js').Random} Random
 */

/**
 * @typedef CheckpointOptions
 * @property {number} index
 *   Position in the corpus (used for names and ids).
 * @property {number} targetSize
 *   Rough size in bytes (3,000 to 25,000).
 * @property {string[]} defects
 *   Defects to put in (see `defectKinds`).
 * @property {string | undefined} [duplicateUuid]
 *   A uuid of an earlier file, for the `duplicate-uuid` defect.
 * @property {(() => string | undefined) | undefined} [nextLink]
 *   Where inline link URLs come from; `undefined` from it means "write no
 *   link". Default: a made-up URL on an `example` host.
 * @property {boolean | undefined} [images]
 *   Write local images (default `true`).
 * @property {(() => string[]) | undefined} [extraResources]
 *   URLs to list under "Additional Resources" (every one of them is written),
 *   asked for once the body is written (so it can hold the links `nextLink`
 *   did not place).
 */

/** Defects a corpus can hold; each should make a checkpoint linter report something. */
export const defectKinds = [
  'no-title',
  'bad-time',
  'yaml-error',
  'no-objectives',
  'empty-link-text',
  'bold-heading',
  'skipped-heading-level',
  'duplicate-uuid',
  'no-assignment',
  'insecure-link'
]

/**
 * @param {Random} random
 * @returns {string}
 */
export function uuid(random) {
  /** @type {string[]} */
  const hex = []
  for (let i = 0; i < 32; i++) hex.push(random.int(0, 15).toString(16))
  hex[12] = '4'
  hex[16] = ((random.int(0, 3) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

/**
 * @param {Random} random
 * @param {number} min
 * @param {number} max
 */
function words(random, min, max) {
  const count = random.int(min, max)
  /** @type {string[]} */
  const out = []
  for (let i = 0; i < count; i++) {
    const r = random.next()
    out.push(r < 0.35 ? random.pick(nouns) : r < 0.55 ? random.pick(glue) : r < 0.75 ? random.pick(adjectives) : random.pick(verbs))
  }

  return out.join(' ')
}

/**
 * @param {Random} random
 */
function title(random) {
  const text = `${random.pick(verbs)} ${random.pick(glue)} ${random.pick(adjectives)} ${random.pick(nouns)}`
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * @param {Random} random
 */
function fakeUrl(random) {
  const host = random.pick(hosts)
  const path = `${random.pick(nouns)}/${random.pick(verbs)}-${random.pick(nouns)}-${random.int(1, 400)}`
  return `https://${host}/${path}`
}

/**
 * @param {Random} random
 * @param {() => string | undefined} nextLink
 */
function sentence(random, nextLink) {
  let text = `${random.pick(openers)} ${words(random, 4, 10)}`
  const r = random.next()
  if (r < 0.12) {
    const url = nextLink()
    text += url === undefined ? ` ${words(random, 2, 4)}` : ` [${words(random, 1, 4)}](${url})`
  } else if (r < 0.25) {
    text += ` \`${random.pick(nouns)}${random.pick(['()', '', '.length', '[0]', '.map()'])}\``
  } else if (r < 0.33) {
    text += ` **${words(random, 1, 3)}**`
  } else if (r < 0.38) {
    text += ` _${words(random, 1, 2)}_`
  }

  text += ` ${random.pick(connectors)} ${words(random, 3, 9)}`
  return text + random.pick(['.', '.', '.', '.', '?', '!'])
}

/**
 * @param {Random} random
 * @param {() => string | undefined} nextLink
 */
function paragraph(random, nextLink) {
  const count = random.int(2, 6)
  /** @type {string[]} */
  const out = []
  for (let i = 0; i < count; i++) out.push(sentence(random, nextLink))
  return out.join(' ')
}

/**
 * @param {Random} random
 * @param {() => string | undefined} nextLink
 */
function list(random, nextLink) {
  const ordered = random.chance(0.4)
  const count = random.int(3, 7)
  /** @type {string[]} */
  const out = []
  for (let i = 0; i < count; i++) {
    const marker = ordered ? `${i + 1}.` : '-'
    let item = words(random, 4, 14)
    item = item.charAt(0).toUpperCase() + item.slice(1)
    if (random.chance(0.15)) {
      const url = nextLink()
      if (url !== undefined) item += ` ([${random.pick(nouns)} guide](${url}))`
    }

    out.push(`${marker} ${item}`)
  }

  return out.join('\n')
}

/**
 * @param {Random} random
 */
function code(random) {
  const language = random.pick(languages)
  const lines = random.int(3, 14)
  /** @type {string[]} */
  const out = ['```' + language]
  for (let i = 0; i < lines; i++) {
    const indent = '  '.repeat(random.int(0, 2))
    out.push(`${indent}${random.pick(verbs)}_${random.pick(nouns)}(${random.pick(nouns)}, ${random.int(0, 99)})`)
  }

  out.push('```')
  return out.join('\n')
}

/**
 * @param {Random} random
 */
function table(random) {
  const columns = random.int(2, 4)
  const rows = random.int(2, 6)
  /** @type {string[]} */
  const head = []
  for (let c = 0; c < columns; c++) head.push(random.pick(nouns))
  const out = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`]
  for (let r = 0; r < rows; r++) {
    /** @type {string[]} */
    const cells = []
    for (let c = 0; c < columns; c++) cells.push(words(random, 1, 3))
    out.push(`| ${cells.join(' | ')} |`)
  }

  return out.join('\n')
}

/**
 * Make one checkpoint.
 *
 * @param {Random} random
 * @param {CheckpointOptions} options
 * @returns {{text: string, uuid: string | undefined}}
 */
export function checkpoint(random, options) {
  const defects = new Set(options.defects)
  const nextLink = options.nextLink ?? (() => fakeUrl(random))
  /** @type {string[]} */
  const blocks = []

  // Frontmatter.
  const id = defects.has('duplicate-uuid') && options.duplicateUuid ? options.duplicateUuid : random.chance(0.7) ? uuid(random) : undefined
  /** @type {string[]} */
  const yaml = []
  if (!defects.has('no-title')) yaml.push(`title: ${title(random)}`)
  yaml.push(`author: ${random.pick(authors)}`, `team: ${random.pick(teams)}`)
  yaml.push(`time: ${defects.has('bad-time') ? 'about an hour' : random.pick(times)()}`)
  if (id) yaml.push(`uuid: ${id}`)
  if (random.chance(0.2)) yaml.push(`timeHours: ${random.int(1, 4)}`)
  if (defects.has('yaml-error')) yaml.push(`tags: [${random.pick(nouns)}, ${random.pick(nouns)}`)
  blocks.push(`---\n${yaml.join('\n')}\n---`)

  blocks.push('## Overview', paragraph(random, nextLink))
  if (random.chance(0.5)) blocks.push(paragraph(random, nextLink))

  if (!defects.has('no-objectives')) {
    blocks.push('## Objectives', 'By the end of this checkpoint, you will be able to:')
    const count = random.int(3, 6)
    /** @type {string[]} */
    const items = []
    for (let i = 0; i < count; i++) items.push(`- ${random.pick(objectiveVerbs)} ${words(random, 3, 9)}`)
    blocks.push(items.join('\n'))
  }

  let size = blocks.join('\n\n').length
  let sectionIndex = 0
  const reserve = 1200
  while (size < options.targetSize - reserve || sectionIndex < 2) {
    const heading = title(random)
    if (sectionIndex === 1 && defects.has('bold-heading')) blocks.push(`## **${heading}**`)
    else blocks.push(`## ${heading}`)
    const parts = random.int(2, 6)
    for (let p = 0; p < parts; p++) {
      const r = random.next()
      let block
      if (r < 0.5) block = paragraph(random, nextLink)
      else if (r < 0.68) block = list(random, nextLink)
      else if (r < 0.8) block = code(random)
      else if (r < 0.86) block = table(random)
      else if (r < 0.92 && options.images !== false) block = `![${words(random, 2, 5)}](images/${random.pick(nouns)}-${random.int(1, 9)}.png)`
      else if (r < 0.96) block = `> ${paragraph(random, nextLink)}`
      else {
        const level = sectionIndex === 1 && defects.has('skipped-heading-level') ? '####' : '###'
        block = `${level} ${title(random)}\n\n${paragraph(random, nextLink)}`
      }

      blocks.push(block)
      size += block.length + 2
    }

    size += heading.length + 5
    sectionIndex++
  }

  blocks.push('## Additional Resources')
  /** @type {string[]} */
  const resources = []
  for (const url of options.extraResources?.() ?? []) resources.push(`- [${title(random)}](${url})`)
  if (!options.extraResources) {
    const count = random.int(1, 4)
    for (let i = 0; i < count; i++) {
      const url = defects.has('insecure-link') && i === 0 ? fakeUrl(random).replace('https:', 'http:') : fakeUrl(random)
      resources.push(`- [${title(random)}](${url})`)
    }
  }

  if (defects.has('empty-link-text')) resources.push(`- [](${fakeUrl(random)})`)
  if (resources.length === 0) resources.push(`- ${title(random)}`)
  blocks.push(resources.join('\n'))

  if (!defects.has('no-assignment')) {
    blocks.push('## Assignment')
    const count = random.int(2, 4)
    /** @type {string[]} */
    const steps = []
    for (let i = 0; i < count; i++) {
      let step = `${i + 1}. ${random.pick(objectiveVerbs)} ${words(random, 6, 18)}.`
      if (i === count - 1 && random.chance(0.5)) {
        const url = nextLink()
        if (url !== undefined) step += ` Submit it in the [${random.pick(nouns)} form](${url}).`
      }

      steps.push(step)
    }

    blocks.push(steps.join('\n'))
  }

  return {text: blocks.join('\n\n') + '\n', uuid: id}
}
