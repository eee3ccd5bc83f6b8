/**
 * ## What is this?
 *
 * Checks that the declared `time` is believable for the content: it
 * estimates the minutes a learner needs (reading time of the prose, plus
 * minutes per assignment step, per embedded media element such as an
 * `<iframe>` or `<video>`, and per code block) and reports a `time` that is
 * far off.
 *
 * - Too low: `time` is below `lowRatio` (half) of the estimate. A lesson that
 *   takes an hour to read cannot be done in twenty minutes.
 * - Too high: `time` is more than `highRatio` (10) times the estimate and
 *   more than `highSlack` (60) minutes above it, and nothing in the
 *   checkpoint can take that time. Work whose size is not on the page is
 *   never called too long, however short the page is to read:
 *   - an assignment, or a section of work (an exercise, challenge, capstone,
 *     project, drill, lab, practice or quiz heading);
 *   - a task list (`- [ ] Deploy the app`);
 *   - a title that names work (`Capstone: a weather app`, `Weekly
 *     challenge`), or a `type` of work in the frontmatter (`project`,
 *     `capstone`, `challenge`, …);
 *   - embedded media or a notebook;
 *   - a link to where the work is: any external link (a video, a course, a
 *     notebook host, a repository), or a local link to a notebook
 *     (`capstone.ipynb`), code, data, an archive or a folder (`starter/`).
 *     A link to another page (`notes.md`, `setup.html`) or an image is not
 *     work.
 *
 * A difference under `minDifference` minutes is never reported. Checkpoints
 * without a `time` (or whose `time` is not a duration: that is
 * `frontmatter-schema`'s) and stubs that only embed a notebook are skipped.
 *
 * ## When should I use this?
 *
 * When learners plan their week with the `time` of each checkpoint.
 *
 * ## Options
 *
 * - `minutesPerStep` (`number`, default `5`): least minutes an assignment
 *   step takes.
 * - `minutesPerEmbed` (`number`, default `5`): minutes per embedded media
 *   element (`<iframe>`, `<video>`, a custom element).
 * - `minutesPerCodeBlock` (`number`, default `1`): minutes per code block.
 * - `lowRatio` (`number`, default `0.5`): report when `time` is below the
 *   estimate times this.
 * - `highRatio` (`number`, default `10`): report when `time` is above the
 *   estimate times this (only without assignment or media).
 * - `highSlack` (`number`, default `60`): and above the estimate plus this.
 * - `minDifference` (`number`, default `10`): never report a difference of
 *   fewer minutes.
 *
 * The reading speed is the `wordsPerMinute` setting (200 by default).
 *
 * ## Recommendation
 *
 * The estimate is rough, so the defaults only catch times that are far off.
 * On in `recommended` and `strict` as a warning.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   time: 30
 *   ---
 *
 *   ## Assignment
 *
 *   1. Write a loop.
 *   2. Write another loop.
 *
 * @example
 *   {"label": "input", "name": "too-low.md", "config": {"minutesPerStep": 30}}
 *
 *   ---
 *   time: 15
 *   ---
 *
 *   ## Assignment
 *
 *   1. Build a small web page.
 *   2. Publish it.
 *
 * @example
 *   {"label": "output", "name": "too-low.md"}
 *
 *   2:7-2:9: Unexpected `time` of 15 minutes, expected at least 30 minutes for about 60 minutes of content (reading 1, assignment 60)
 *
 * @example
 *   {"name": "video.md"}
 *
 *   ---
 *   time: 90
 *   ---
 *
 *   Watch [the talk on loops](https://www.youtube.com/watch?v=abc123).
 *
 * @example
 *   {"name": "challenge.md"}
 *
 *   ---
 *   time: 160
 *   ---
 *
 *   ## Challenge
 *
 *   Build a calculator that adds two numbers.
 *
 * @example
 *   {"name": "project.md"}
 *
 *   ---
 *   time: 6 hours
 *   type: project
 *   ---
 *
 *   Build the landing page from the brief.
 *
 * @example
 *   {"name": "external.md"}
 *
 *   ---
 *   time: 120
 *   ---
 *
 *   Complete the [regular expressions course](https://example.com/course/regex).
 *
 * @example
 *   {"name": "task-list.md", "format": "checkpoint"}
 *
 *   ---
 *   time: 240
 *   ---
 *
 *   - [ ] Build the sign-up form
 *   - [ ] Deploy it
 *
 * @example
 *   {"name": "notebook.md"}
 *
 *   ---
 *   time: 240
 *   ---
 *
 *   Work through [the capstone notebook](capstone.ipynb).
 *
 * @example
 *   {"name": "starter.md"}
 *
 *   ---
 *   time: 4 hours
 *   ---
 *
 *   Start from [the starter code](./starter/) and make the tests pass.
 *
 * @example
 *   {"name": "capstone.md"}
 *
 *   ---
 *   title: "Capstone: a weather app"
 *   time: 240
 *   ---
 *
 *   Show the week's weather for a city.
 *
 * @example
 *   {"label": "input", "name": "page-link.md"}
 *
 *   ---
 *   time: 240
 *   ---
 *
 *   Read [the notes](notes.md) and look at ![a chart](chart.png).
 *
 * @example
 *   {"label": "output", "name": "page-link.md"}
 *
 *   2:7-2:10: Unexpected `time` of 240 minutes, expected at most 60 minutes for about 1 minute of content (reading 1)
 *
 * @example
 *   {"label": "input", "name": "too-high.md"}
 *
 *   ---
 *   time: 8 hours
 *   ---
 *
 *   Variables hold values.
 *
 * @example
 *   {"label": "output", "name": "too-high.md"}
 *
 *   2:7-2:14: Unexpected `time` of 480 minutes, expected at most 60 minutes for about 1 minute of content (reading 1)
 */
import type {Checkpoint, Section} from '@coursemark/core'
import {defaultWordsPerMinute} from '@coursemark/core/internal'
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {nodesOfType} from '../node-index.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

/** Options of `time-matches-content`. */
export interface Options {
  minutesPerStep?: number | undefined
  minutesPerEmbed?: number | undefined
  minutesPerCodeBlock?: number | undefined
  lowRatio?: number | undefined
  highRatio?: number | undefined
  highSlack?: number | undefined
  minDifference?: number | undefined
}

const meta: RuleMetaInput = {
  id: 'time-matches-content',
  description: 'Warn when the declared `time` is far from the estimate (reading, assignment steps, media, code)',
  tags: ['time', 'frontmatter'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'warning'},
  kinds: ['lesson']
}

const defaults: Required<{[Key in keyof Options]: number}> = {
  minutesPerStep: 5,
  minutesPerEmbed: 5,
  minutesPerCodeBlock: 1,
  lowRatio: 0.5,
  highRatio: 10,
  highSlack: 60,
  minDifference: 10
}

/** Headings and titles of work to do: its time is for doing the work, not reading. */
const workHeading =
  /\b(?:assignments?|exercises?|challenges?|capstones?|projects?|drills?|labs?|practi[cs]e|tasks?|briefs?|activit(?:y|ies)|homework|katas?|quiz(?:zes)?|workshops?|your turn)\b/i

/** Frontmatter `type` values of work to do. */
const workType = /^(?:assignment|assessment|capstone|challenge|drill|exercise|homework|lab|practi[cs]e|project|quiz|task|workshop)s?$/i

/** Local targets that are pages or pictures to look at, not work: markdown, HTML, images. */
const pageTarget = /\.(?:md|markdown|rmd|qmd|html?|png|jpe?g|gif|svg|webp|avif)$/i

const rule = defineRule<Options>(
  // The rule's default options are part of its metadata.
  {...meta, options: defaults},
  ({tree, file, options, report}) => {
    const settings = readOptions(options)
    const {checkpoint, frontmatter} = getModel(tree, file)
    const declared = checkpoint.timeMinutes
    if (declared === null || !frontmatter || checkpoint.time === null) return
    if (checkpoint.wordCount === 0 && checkpoint.embeds.length > 0) return
    const place = frontmatter.locate(['time'], 'value')
    if (!place) return

    const wordsPerMinute = Math.max(1, file.data.coursemarkSettings?.wordsPerMinute ?? defaultWordsPerMinute)
    const codeBlocks = nodesOfType(tree, 'code').length

    const parts: Array<[string, number]> = [
      ['reading', checkpoint.wordCount / wordsPerMinute],
      ['assignment', (checkpoint.assignment?.steps.length ?? 0) * settings.minutesPerStep],
      ['media', checkpoint.embeds.length * settings.minutesPerEmbed],
      ['code', codeBlocks * settings.minutesPerCodeBlock]
    ]
    const estimate = parts.reduce((sum, [, minutes]) => sum + minutes, 0)
    const shown = parts.filter(([name, minutes]) => name === 'reading' || minutes > 0)
    const breakdown = shown.map(([name, minutes]) => `${name} ${round(minutes)}`).join(', ')
    const openEnded = hasWork(checkpoint)

    const low = estimate * settings.lowRatio
    const high = Math.max(estimate * settings.highRatio, estimate + settings.highSlack)
    let expected: string | undefined

    if (declared < low && estimate - declared >= settings.minDifference) {
      expected = `at least ${minutes(low)}`
    } else if (
      !openEnded &&
      declared > high &&
      declared - estimate >= settings.minDifference
    ) {
      expected = `at most ${minutes(high)}`
    }

    if (expected === undefined) return
    const message = report(
      `Unexpected \`time\` of ${minutes(declared)}, expected ${expected} for about ${minutes(estimate)} of content (${breakdown})`,
      {place}
    )
    message.actual = String(declared)
    message.expected = [expected]
  }
)

export default rule

/** Whether the checkpoint holds work that can take any time (see the docs above). */
function hasWork(checkpoint: Checkpoint): boolean {
  const type = checkpoint.frontmatter?.type
  return (
    checkpoint.assignment !== null ||
    checkpoint.tasks.length > 0 ||
    checkpoint.embeds.length > 0 ||
    checkpoint.links.some((link) => link.kind === 'external' || (link.kind === 'relative' && isWorkTarget(link.url))) ||
    (typeof type === 'string' && workType.test(type.trim())) ||
    (checkpoint.title !== null && workHeading.test(checkpoint.title)) ||
    someSection(checkpoint.sections, (section) => workHeading.test(section.text))
  )
}

/**
 * Whether a local link leads to work rather than a page to read: a
 * notebook, code, data, an archive, or a folder (starter code).
 */
function isWorkTarget(url: string): boolean {
  const path = url.replace(/[?#].*$/s, '')
  if (path === '' || path === '.' || path === './') return false
  return path.endsWith('/') || !pageTarget.test(path)
}

function someSection(sections: Section[], test: (section: Section) => boolean): boolean {
  return sections.some((section) => test(section) || someSection(section.children, test))
}

function readOptions(options: Options | undefined): Required<{[Key in keyof Options]: number}> {
  const result = {...defaults}
  for (const key of Object.keys(defaults) as Array<keyof typeof defaults>) {
    const value: unknown = options?.[key]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(
        `Unexpected value \`${JSON.stringify(value)}\` for \`${key}\`, expected a number of 0 or more`
      )
    }

    result[key] = value
  }

  return result
}

/** Whole minutes; anything above zero is at least 1. */
function round(value: number): number {
  return value > 0 ? Math.max(1, Math.round(value)) : 0
}

function minutes(value: number): string {
  const whole = round(value)
  return whole === 1 ? '1 minute' : `${whole} minutes`
}
