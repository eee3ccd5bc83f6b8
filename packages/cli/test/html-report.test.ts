/**
 * The HTML link report in a real browser: headless Chromium (the system's
 * `/usr/bin/chromium`, which `.ci/run` installs) driven by playwright-core.
 * The page is opened from `file://`; every request it makes is recorded, and
 * any that is not the page itself is refused and fails the test.
 */
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Browser, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {placeholder, scenarioServer, t0, week, type ScenarioServer} from './link-scenario.js'

const executablePath = process.env.COURSEMARK_CHROMIUM ?? '/usr/bin/chromium'

let server: ScenarioServer
let browser: Browser
let page: Page
let pageUrl = ''
/** Every URL the page asked for, and those refused (anything but the page). */
const requested: string[] = []
const refused: string[] = []

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at \`${executablePath}\`, expected the system browser: install it with \`apt-get install -y chromium\` (\`.ci/run\` does), or set COURSEMARK_CHROMIUM to its path`
    )
  }

  server = await scenarioServer()
  const folder = server.scenario()
  server.play.run = 1
  await server.run(['links', '-f', 'json'], folder, t0)
  server.play.run = 2
  const result = await server.run(['links', '-f', 'html'], folder, t0 + week)
  expect(result.stderr).toBe('')
  const file = join(folder, 'report.html')
  writeFileSync(file, result.stdout)
  pageUrl = pathToFileURL(file).href

  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  const context = await browser.newContext({viewport: {width: 1200, height: 900}})
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url === pageUrl) {
      await route.continue()
    } else {
      refused.push(url)
      await route.abort()
    }
  })
  page = await context.newPage()
  page.on('request', (request) => requested.push(request.url()))
  await page.goto(pageUrl, {waitUntil: 'load'})
  // Starting a browser on a busy CI machine can take a while.
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Visible rows of the URL table: `[url, class]`. */
async function visibleRows(view = '#urls'): Promise<string[][]> {
  return page.locator(`${view} tbody tr:not([hidden])`).evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('td.url')?.textContent ?? '', row.getAttribute('data-class') ?? ''])
  )
}

function path(url: string): string {
  return url.replace(placeholder, '')
}

describe('the HTML link report in Chromium', () => {
  it('renders the summary and the table, problems first, `ok` hidden at first', async () => {
    expect(await page.title()).toBe('Link report 2026-11-09')
    expect(await page.locator('.count').allTextContents()).toEqual([' 3 dead', ' 1 redirected', ' 1 unverifiable', ' 1 ok', ' 0 skipped'])
    expect((await visibleRows()).map(([url, kind]) => [path(url ?? ''), kind])).toEqual([
      ['/loops-chapter', 'dead'],
      ['/quoting-guide', 'dead'],
      ['/special-variables', 'dead'],
      ['/environment', 'redirected'],
      ['/forum', 'unverifiable']
    ])
    const guide = page.locator('#urls tbody tr', {hasText: '/quoting-guide'})
    expect(await guide.locator('td').allInnerTexts()).toEqual([
      `${placeholder}/quoting-guide`,
      'dead',
      '404 Not Found',
      'dead since 2026-11-09 (1 check)',
      `archived copy: https://web.archive.org/web/20190302101500/${placeholder}/quoting-guide from 2019-03-02`,
      'lessons/functions.md:14:5\nlessons/loops.md:15:10\nlessons/variables.md:15:5'
    ])
  })

  it('filters by class', async () => {
    await page.locator('input[value=dead]').uncheck()
    await page.locator('input[value=ok]').check()
    expect((await visibleRows()).map(([url, kind]) => [path(url ?? ''), kind])).toEqual([
      ['/environment', 'redirected'],
      ['/forum', 'unverifiable'],
      ['/bash-manual', 'ok']
    ])
    await page.locator('input[value=dead]').check()
    await page.locator('input[value=ok]').uncheck()
    expect(await visibleRows()).toHaveLength(5)
  })

  it('searches URLs, statuses and files', async () => {
    await page.locator('#search').fill('quoting')
    expect((await visibleRows()).map(([url]) => path(url ?? ''))).toEqual(['/quoting-guide'])
    await page.locator('#search').fill('410')
    expect((await visibleRows()).map(([url]) => path(url ?? ''))).toEqual(['/special-variables'])
    await page.locator('#search').fill('nothing like this')
    expect(await visibleRows()).toEqual([])
    expect(await page.locator('#urls .empty').isVisible()).toBe(true)
    await page.locator('#search').fill('')
    expect(await visibleRows()).toHaveLength(5)
  })

  it('shows each file with its links in the per-file view', async () => {
    await page.locator('#by-file').click()
    expect(await page.locator('#urls').isVisible()).toBe(false)
    expect(await page.locator('#files .file h2').allTextContents()).toEqual([
      'lessons/functions.md',
      'lessons/loops.md',
      'lessons/variables.md'
    ])
    const loops = page.locator('#files .file', {hasText: 'lessons/loops.md'})
    expect(await loops.locator('tbody tr:not([hidden]) td:first-child').allTextContents()).toEqual(['15:10', '17:1', '26:3'])
    await page.locator('#search').fill('variables.md')
    expect(await page.locator('#files .file:not([hidden]) h2').allTextContents()).toEqual(['lessons/variables.md'])
    await page.locator('#search').fill('')
    await page.locator('#by-url').click()
    expect(await page.locator('#files').isVisible()).toBe(false)
  })

  it('is readable on a phone and hides the controls in print', async () => {
    await page.setViewportSize({width: 375, height: 800})
    expect(await page.locator('#urls thead').evaluate((element) => getComputedStyle(element).display)).toBe('none')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.setViewportSize({width: 1200, height: 900})
    await page.emulateMedia({media: 'print'})
    expect(await page.locator('.controls').isVisible()).toBe(false)
    expect(await page.locator('#urls table').isVisible()).toBe(true)
    await page.emulateMedia({media: 'screen'})
  })

  it('makes no request but for the page itself', () => {
    expect(refused).toEqual([])
    expect(requested).toEqual([pageUrl])
  })
})
