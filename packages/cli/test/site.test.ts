/**
 * `coursemark lint` on a site: the project's site is built once per run,
 * rules apply by the kind of each file, links resolve the way the site does
 * (`site.root`, `site.static`), root-absolute links it cannot check are said
 * once, the workers lint with the same site, and the cache follows it.
 */
import {cpSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {cli, scratch} from './helpers.js'

const plain = fileURLToPath(new URL('../../../fixtures/sites/plain/', import.meta.url))
const stats = {COURSEMARK_STATS: '1'}

const defects = [
  'lessons/01-soil.md:17:72  error  Unexpected anchor `#no-such-part` in `02-sowing.md` that matches no heading, expected the slug of a heading of `02-sowing.md`  no-missing-local-target',
  'lessons/01-soil.md:19:38  error  Unexpected missing file `03-harvest.md`, expected a path to an existing file  no-missing-local-target',
  '',
  '✖ 2 problems (2 errors)',
  ''
]

/** A copy of the plain site to change. */
function plainCopy(): string {
  const folder = scratch()
  cpSync(plain, folder, {recursive: true})
  return folder
}

describe('coursemark lint on a plain site', () => {
  it('reports the planted defects only: nothing on the README page and the issue template, and says once that `/images/…` was not checked', async () => {
    const result = await cli(['--workers', '0'], plain)
    expect(result.stdout.split('\n')).toEqual(defects)
    expect(result.stderr).toBe(
      'coursemark: info: not checked: 1 root-absolute link: set `site.root` (the folder published at `/`) or `site.static` in the config\n'
    )
    expect(result.code).toBe(1)
  })

  it('checks `/images/…` in `site.static` once it is set: found there, or reported when missing or in the wrong case', async () => {
    const found = await cli(['--workers', '0', '--config', 'with-static.yaml'], plain)
    expect(found.stdout.split('\n')).toEqual(defects)
    expect(found.stderr).toBe('')

    const folder = plainCopy()
    const lesson = join(folder, 'lessons', '01-soil.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8').replace('(/images/basil.png)', '(/images/Basil.png) ![Mint](/images/mint.png)'))
    const json = await cli(['--workers', '0', '--config', 'with-static.yaml', '-f', 'json'], folder)
    const report = JSON.parse(json.stdout) as Array<{path: string; messages: Array<{line: number; column: number; message: string}>}>
    expect(report.flatMap((file) => file.messages.map((message) => `${file.path} ${message.line}:${message.column} ${message.message}`))).toEqual([
      'lessons/01-soil.md 15:19 Unexpected path `/images/Basil.png` in the wrong case, expected `/images/basil.png`',
      'lessons/01-soil.md 15:46 Unexpected missing file `/images/mint.png`, expected a path to an existing file',
      'lessons/01-soil.md 17:72 Unexpected anchor `#no-such-part` in `02-sowing.md` that matches no heading, expected the slug of a heading of `02-sowing.md`',
      'lessons/01-soil.md 19:38 Unexpected missing file `03-harvest.md`, expected a path to an existing file'
    ])

    // Without `site.static`, neither is checked: counted once.
    const unset = await cli(['--workers', '0', '-f', 'json'], folder)
    expect(unset.stderr).toBe(
      'coursemark: info: not checked: 2 root-absolute links: set `site.root` (the folder published at `/`) or `site.static` in the config\n'
    )
  })

  it('resolves `/` against `site.root` when the site is published from a folder', async () => {
    const folder = plainCopy()
    writeFileSync(join(folder, 'site.yaml'), 'site:\n  root: lessons\n')
    const lesson = join(folder, 'lessons', '02-sowing.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nSee [the soil lesson](/01-soil.md#soil) and [the start](/README.md).\n')
    const result = await cli(['--workers', '0', '--config', 'site.yaml', '-f', 'json'], folder)
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{line: number; column: number; message: string}>}>
    expect(report.flatMap((file) => file.messages.map((message) => `${file.path} ${message.line}:${message.column} ${message.message}`))).toEqual([
      // `images/` is not under `lessons/`: the site does not publish it.
      'lessons/01-soil.md 15:19 Unexpected missing file `/images/basil.png`, expected a path to an existing file',
      'lessons/01-soil.md 17:72 Unexpected anchor `#no-such-part` in `02-sowing.md` that matches no heading, expected the slug of a heading of `02-sowing.md`',
      'lessons/01-soil.md 19:38 Unexpected missing file `03-harvest.md`, expected a path to an existing file',
      // Nor the README.
      'lessons/02-sowing.md 16:57 Unexpected missing file `/README.md`, expected a path to an existing file'
    ])
  })

  it('refuses a `site` folder outside the project', async () => {
    const folder = plainCopy()
    writeFileSync(join(folder, 'outside.yaml'), 'site:\n  static: [../elsewhere]\n')
    const result = await cli(['--workers', '0', '--config', 'outside.yaml'], folder)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('outside.yaml:2:12-2:24: Unexpected `site.static.0` `../elsewhere` outside the project, expected a folder inside')
  })
})

describe('rules by kind', () => {
  it('requires no frontmatter in a course whose lessons have none, and requires it of the lessons of a course that uses it', async () => {
    const folder = scratch()
    writeFileSync(join(folder, 'one.md'), '# One\n\nText of the first lesson.\n')
    writeFileSync(join(folder, 'two.md'), '# Two\n\nText of the second lesson.\n')
    writeFileSync(join(folder, '.coursemarkrc.yaml'), 'rules:\n  objectives-present: off\n')
    const none = await cli(['--workers', '0', '-f', 'json'], folder)
    expect((JSON.parse(none.stdout) as Array<{messages: unknown[]}>).flatMap((file) => file.messages)).toEqual([])

    writeFileSync(join(folder, 'three.md'), '---\ntitle: Three\ntime: 10\n---\n\n# Three\n\nText of the third lesson.\n')
    writeFileSync(join(folder, 'README.md'), '# About\n')
    const some = await cli(['--workers', '0', '-f', 'json'], folder)
    const report = JSON.parse(some.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    // The README is a page: no lesson schema.
    expect(report.map((file) => [file.path, file.messages.map((message) => message.ruleId)])).toEqual([
      ['README.md', []],
      ['one.md', ['frontmatter-schema']],
      ['three.md', []],
      ['two.md', ['frontmatter-schema']]
    ])
  })

  it('lints templates with nothing in the workers as in the main thread (the workers get the site)', async () => {
    const folder = scratch()
    mkdirSync(join(folder, '.github', 'ISSUE_TEMPLATE'), {recursive: true})
    for (let index = 0; index < 40; index++) {
      const name = `t-${String(index).padStart(2, '0')}.md`
      writeFileSync(join(folder, '.github', 'ISSUE_TEMPLATE', name), `---\nname: Report ${index}\n---\n\nTODO: see [this](missing-${index}.md).\n`)
      writeFileSync(join(folder, `lesson-${String(index).padStart(2, '0')}.md`), `---\ntitle: Lesson ${index}\ntime: 20\n---\n\n# Lesson ${index}\n\n[Broken](nope-${index}.md)\n`)
    }

    const inline = await cli(['--workers', '0', '-f', 'json'], folder, stats)
    const pooled = await cli(['--workers', '2', '-f', 'json'], folder, stats)
    expect(pooled.stdout).toBe(inline.stdout)
    const report = JSON.parse(pooled.stdout) as Array<{path: string; messages: Array<{ruleId: string}>}>
    expect(report.filter((file) => file.messages.length > 0).map((file) => file.path)).toEqual(
      Array.from({length: 40}, (_, index) => `lesson-${String(index).padStart(2, '0')}.md`)
    )
  })
})

describe('the lint cache and the site', () => {
  it('lints a file again when a candidate of its link appears, and when the site root changes', async () => {
    const folder = plainCopy()
    const location = join(folder, 'cache.json')
    const run = async (config: string[]) => cli(['--workers', '0', '--cache', '--cache-location', location, '-f', 'json', ...config], folder, stats)
    const paths = (stdout: string) =>
      (JSON.parse(stdout) as Array<{path: string; messages: Array<{message: string}>}>).flatMap((file) => file.messages.map((message) => message.message))
    writeFileSync(join(folder, 'lessons', '02-sowing.md'), readFileSync(join(folder, 'lessons', '02-sowing.md'), 'utf8') + '\n![Sage](/images/sage.png)\n')
    const first = await run(['--config', 'with-static.yaml'])
    expect(paths(first.stdout)).toContain('Unexpected missing file `/images/sage.png`, expected a path to an existing file')

    writeFileSync(join(folder, 'static', 'images', 'sage.png'), 'a picture\n')
    const second = await run(['--config', 'with-static.yaml'])
    expect(paths(second.stdout)).not.toContain('Unexpected missing file `/images/sage.png`, expected a path to an existing file')
    expect(second.stderr).toBe('coursemark: linted 1 of 4 files (3 from cache)\n')

    // Another site (no `site.static`): every result is stale, and the count of links not checked comes back from the cache too.
    const third = await run([])
    expect(third.stderr).toBe(
      'coursemark: info: not checked: 2 root-absolute links: set `site.root` (the folder published at `/`) or `site.static` in the config\ncoursemark: linted 4 of 4 files (0 from cache)\n'
    )
    const fourth = await run([])
    expect(fourth.stderr).toBe(
      'coursemark: info: not checked: 2 root-absolute links: set `site.root` (the folder published at `/`) or `site.static` in the config\ncoursemark: linted 0 of 4 files (4 from cache)\n'
    )
  })
})

describe('course-time-budget in coursemark lint', () => {
  it('reports a course over its budget from the lessons linted in the workers and in the main thread, and each rerun with --cache', async () => {
    const folder = plainCopy()
    writeFileSync(join(folder, 'budget.yaml'), 'rules:\n  course-time-budget: [warn, {course: 30}]\n  no-missing-local-target: off\n')
    const expected = 'Unexpected course of 40 minutes, expected at most 30 minutes (option `course`)'
    for (const workers of ['0', '2']) {
      const result = await cli(['--workers', workers, '--config', 'budget.yaml', '--cache', '-f', 'json'], folder)
      const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<{ruleId: string; message: string}>}>
      expect(report.flatMap((file) => file.messages.filter((message) => message.ruleId === 'course-time-budget').map((message) => message.message))).toEqual([expected])
    }

    writeFileSync(join(folder, 'budget.yaml'), 'rules:\n  course-time-budget: [warn, {course: 40}]\n  no-missing-local-target: off\n')
    const within = await cli(['--workers', '0', '--config', 'budget.yaml', '-f', 'json'], folder)
    expect(within.stdout).not.toContain('course-time-budget')
  })
})

/** A stored site: two lines of JSON, the header and the project (its site). */
interface Store {
  header: {coursemarkSite: number; key: string; id?: string; reads: Record<string, string>}
  project: {site: {files: object}}
}

function readStore(path: string): Store {
  const [header = '', project = ''] = readFileSync(path, 'utf8').split('\n')
  return {header: JSON.parse(header) as Store['header'], project: JSON.parse(project) as Store['project']}
}

function writeStore(path: string, {header, project}: Store): void {
  writeFileSync(path, JSON.stringify(header) + '\n' + JSON.stringify(project) + '\n')
}

/** `store` with a project that lies about the repository: no file in its site. */
function lying(store: Store): Store {
  return {header: store.header, project: {...store.project, site: {...store.project.site, files: {}}}}
}

describe('the site stored beside the cache', () => {
  it('is built again when a file the site model read changes, and a file there that is not ours is left alone', async () => {
    const folder = plainCopy()
    const first = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    const store = join(folder, '.coursemark', 'cache', 'lint.json.site')
    const stored = readStore(store)
    expect(stored.header.coursemarkSite).toBe(1)

    // A stored site that lies about the repository is not believed once what it read changed.
    writeStore(store, lying(stored))
    const read = Object.keys(stored.header.reads)
    expect(read).toContain('lessons/01-soil.md')
    const lesson = join(folder, 'lessons', '01-soil.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nMore words.\n')
    const fresh = await cli(['--workers', '0', '-f', 'json'], folder)
    const rebuilt = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    expect(rebuilt.stdout).toBe(fresh.stdout)
    expect(first.stdout).toContain('"path": "README.md"')

    // Not ours: never replaced, and the run builds its own site.
    writeFileSync(store, 'not a site of ours\n')
    const foreign = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    expect(foreign.stdout).toBe(fresh.stdout)
    expect(readFileSync(store, 'utf8')).toBe('not a site of ours\n')
  })
})

describe('a stored site of an older version', () => {
  it('is not believed without the id of what it was built from, and is replaced', async () => {
    const folder = plainCopy()
    await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    const store = join(folder, '.coursemark', 'cache', 'lint.json.site')
    const stored = readStore(store)
    expect(stored.header.id).toMatch(/^[\w-]{43}$/)
    // The key is the settings and the file names as they are, NUL-separated.
    expect(stored.header.key.split('\0')).toContain('lessons/01-soil.md')

    // Without an id, and lying about the repository: the key alone does not make it ours.
    const {id: _id, ...older} = stored.header
    writeStore(store, lying({header: older, project: stored.project}))
    const lesson = join(folder, 'lessons', '02-sowing.md')
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nMore words.\n')
    const fresh = await cli(['--workers', '0', '-f', 'json'], folder)
    const rerun = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    expect(rerun.stdout).toBe(fresh.stdout)
    const replaced = readStore(store)
    expect(replaced.header.id).toMatch(/^[\w-]{43}$/)
    expect(Object.keys(replaced.project.site.files)).toContain('lessons/01-soil.md')

    // As the last version wrote it: one line of JSON, the project inside. Built again and replaced.
    writeFileSync(store, JSON.stringify({...stored.header, ...lying(stored)}))
    writeFileSync(lesson, readFileSync(lesson, 'utf8') + '\nMore words.\n')
    const again = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    expect(again.stdout).toBe((await cli(['--workers', '0', '-f', 'json'], folder)).stdout)
    expect(Object.keys(readStore(store).project.site.files)).toContain('lessons/01-soil.md')
  })
})

describe('the stamps of the files a stored site read', () => {
  it('are kept for files old enough, and an edit of the same size with the modification time set back is still seen', async () => {
    const folder = plainCopy()
    const lesson = join(folder, 'lessons', '01-soil.md')
    const old = new Date('2026-01-01T00:00:00Z')
    utimesSync(lesson, old, old)
    // Copied just now: too recent (its change time) to be trusted by a stamp.
    await sleep(3_100)
    await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    const store = join(folder, '.coursemark', 'cache', 'lint.json.site')
    const stored = readStore(store)
    expect(stored.header.reads['lessons/01-soil.md']).toMatch(/^\S+ \d+ [\d.]+ [\d.]+ \d+$/)

    // A stored site that lies about the repository: believed while the stamps hold, not once a file it read changed.
    writeStore(store, lying(stored))
    const text = readFileSync(lesson, 'utf8')
    const edited = text.replace('soil', 'SOIL')
    expect(edited.length).toBe(text.length)
    const before = statSync(lesson).mtimeMs
    writeFileSync(lesson, edited)
    utimesSync(lesson, old, old)
    expect(statSync(lesson).mtimeMs).toBe(before)
    const fresh = await cli(['--workers', '0', '-f', 'json'], folder)
    const rerun = await cli(['--workers', '0', '--cache', '-f', 'json'], folder)
    expect(rerun.stdout).toBe(fresh.stdout)
  })
})

describe('cached results across a change of the site', () => {
  const hugo = fileURLToPath(new URL('../../../fixtures/sites/hugo/', import.meta.url))

  it('keeps the results whose links lead where they did, and lints again a file whose link now finds a new page', async () => {
    const folder = scratch()
    cpSync(hugo, folder, {recursive: true})
    const run = async () => cli(['--workers', '0', '--cache', '-f', 'json'], folder, stats)
    const messages = (stdout: string) =>
      (JSON.parse(stdout) as Array<{path: string; messages: Array<{message: string}>}>).flatMap((file) => file.messages.map((message) => `${file.path}: ${message.message}`))
    const compost = 'content/010_basics/soil.md: Unexpected missing file `../compost/`, expected a path to an existing file'
    const first = await run()
    expect(messages(first.stdout)).toContain(compost)
    const all = /linted (\d+) of (\d+) files/.exec(first.stderr)?.[2]

    // A file no link names: another site, the same results.
    writeFileSync(join(folder, 'content', 'notes.txt'), 'not a page\n')
    const unrelated = await run()
    expect(unrelated.stderr).toBe(`coursemark: linted 0 of ${all} files (${all} from cache)\n`)
    expect(unrelated.stdout).toBe(first.stdout)

    // A new page at the URL `../compost/` names: the file that links to it is linted again (and the page itself).
    writeFileSync(join(folder, 'content', '010_basics', 'compost.md'), '---\ntitle: Compost\nweight: 40\n---\n\n# Compost\n\nLeaves and peel.\n')
    const added = await run()
    expect(messages(added.stdout)).not.toContain(compost)
    expect(added.stderr).toBe(`coursemark: linted 2 of ${Number(all) + 1} files (${Number(all) - 1} from cache)\n`)

    const again = await run()
    expect(again.stderr).toBe(`coursemark: linted 0 of ${Number(all) + 1} files (${Number(all) + 1} from cache)\n`)
    expect(again.stdout).toBe(added.stdout)
  })
})
