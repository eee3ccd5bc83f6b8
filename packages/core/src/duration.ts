/**
 * Normalise the durations real curricula write (`120`, `"80 minutes"`,
 * `"1 hour"`, `"1.5 hours"`, `"90 mins"`, `"1h 30m"`, `"1:30"`) to minutes.
 */

/** The result of reading a duration. */
export type DurationResult =
  | {ok: true; minutes: number}
  | {ok: false; reason: string}

const unitMinutes: Record<string, number> = {
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440
}

const part = /(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+)\.?/gy

/**
 * Read a duration as minutes.
 *
 * A number is minutes. A string is minutes when it is a bare number, a
 * sum of `<number> <unit>` parts (`1 hour 30 minutes`, `1h30m`, `2 hrs`,
 * joined by spaces, commas or `and`), or `H:MM`.
 * Zero, negative and non-finite values are not durations.
 */
export function parseDuration(value: unknown): DurationResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) {
      return {ok: false, reason: 'expected a positive number of minutes'}
    }

    return {ok: true, minutes: value}
  }

  if (typeof value !== 'string') {
    return {
      ok: false,
      reason:
        value === null || value === undefined
          ? 'no value'
          : 'expected a number or a string'
    }
  }

  const text = value.trim().toLowerCase()

  if (/^\d+(?:\.\d+)?$/.test(text)) {
    return positive(Number(text))
  }

  const clock = /^(\d+):([0-5]\d)$/.exec(text)
  if (clock) {
    return positive(Number(clock[1]) * 60 + Number(clock[2]))
  }

  const compact = text.replace(/,|\band\b/g, ' ').replace(/\s+/g, ' ')
  let minutes = 0
  let index = 0
  let parts = 0

  while (index < compact.length) {
    if (compact.charCodeAt(index) === 32 /* ` ` */) {
      index++
      continue
    }

    part.lastIndex = index
    const match = part.exec(compact)
    if (!match) return notDuration()
    const factor = unitMinutes[match[2] ?? '']
    if (factor === undefined) return notDuration()
    minutes += Number(match[1]) * factor
    parts++
    index = part.lastIndex
  }

  if (parts === 0) return notDuration()
  return positive(Math.round(minutes * 1000) / 1000)
}

function positive(minutes: number): DurationResult {
  return minutes > 0 && Number.isFinite(minutes)
    ? {ok: true, minutes}
    : {ok: false, reason: 'expected a positive duration'}
}

function notDuration(): DurationResult {
  return {
    ok: false,
    reason: 'expected minutes (`90`) or a duration (`1.5 hours`)'
  }
}

/** Whether `value` is a duration `parseDuration` reads. */
export function isDuration(value: unknown): boolean {
  return parseDuration(value).ok
}

/** A file's `time` as the model read it: the value written and its duration. */
export interface TimeRead {
  /** The frontmatter's `time`, as written. */
  value: unknown
  /** What `parseDuration` made of it. */
  duration: DurationResult
}

/** What a validation is given of the file (ajv's context, `this` of the `duration` keyword). */
export interface ReadAlready {
  /** The file's `time`, read once by the model. */
  time?: TimeRead | undefined
}

/**
 * The duration of `value`: the model's reading when it is the file's `time`
 * (given as `read`), else read now. The one way the schema keyword, the
 * `timeHours` check and the model's minutes get a `time`.
 */
export function durationOf(value: unknown, read: ReadAlready | undefined): DurationResult {
  const time = read?.time
  return time !== undefined && Object.is(time.value, value) ? time.duration : parseDuration(value)
}

/**
 * The schema keyword `duration`: called with the validation's context as
 * `this` (ajv's `passContext`), so the `time` the model read is not read again.
 */
export function isDurationIn(this: ReadAlready | undefined, value: unknown): boolean {
  return durationOf(value, this).ok
}
