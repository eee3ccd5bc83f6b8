/**
 * Inline control works the way remark users write it: `<!--lint disable-->`,
 * `enable` and `ignore` comments, with remark-message-control's semantics,
 * for every coursemark rule (the ones that keep remark-lint's ids too).
 */
import {describe, expect, it} from 'vitest'
import {recommended} from '../src/index.js'
import {findings, lint} from './helpers.js'

const frontmatter = `---
title: Loops
author: Coursemark Fixtures
team: engineering
time: 30
---
`

const body = `
## Objectives

- Write a loop

## Assignment

1. Write a loop.
`

describe('inline control', () => {
  it('reports without comments', async () => {
    expect(await findings(frontmatter + '\n##Setup\n' + body, recommended)).toEqual([
      '8:1-8:8 error no-missing-heading-space: Unexpected heading `##Setup` without a space after `##`, expected `## Setup`'
    ])
  })

  it('`<!--lint disable id-->` turns a rule off until the end of the file', async () => {
    const value =
      frontmatter + '\n<!--lint disable no-missing-heading-space-->\n\n##Setup\n\n##Usage\n' + body
    expect(await findings(value, recommended)).toEqual([])
  })

  it('`<!--lint enable id-->` turns it back on', async () => {
    const value =
      frontmatter +
      '\n<!--lint disable no-missing-heading-space-->\n\n##Setup\n\n<!--lint enable no-missing-heading-space-->\n\n##Usage\n' +
      body
    expect(await findings(value, recommended)).toEqual([
      '14:1-14:8 error no-missing-heading-space: Unexpected heading `##Usage` without a space after `##`, expected `## Usage`'
    ])
  })

  it('`<!--lint ignore id-->` skips only the next node', async () => {
    const value =
      frontmatter + '\n<!--lint ignore no-missing-heading-space-->\n##Setup\n\n##Usage\n' + body
    expect(await findings(value, recommended)).toEqual([
      '11:1-11:8 error no-missing-heading-space: Unexpected heading `##Usage` without a space after `##`, expected `## Usage`'
    ])
  })

  it('`<!--lint disable-->` without ids turns every rule off, upstream ones too', async () => {
    const value = frontmatter + '\n<!--lint disable-->\n\n##Setup\n\n#### Skipped rank\n' + body
    expect(await findings(value, recommended)).toEqual([])
  })

  it('leaves other rules on', async () => {
    const value =
      frontmatter +
      '\n<!--lint disable no-heading-emphasis-->\n\n##Setup\n\n## **Usage**\n' +
      body
    expect(await findings(value, recommended)).toEqual([
      '10:1-10:8 error no-missing-heading-space: Unexpected heading `##Setup` without a space after `##`, expected `## Setup`'
    ])
  })

  it('`<!--lint ignore-->` without ids skips every rule on the next node', async () => {
    const value = frontmatter + '\n<!--lint ignore-->\n##Setup\n\n##Usage\n' + body
    expect(await findings(value, recommended)).toEqual([
      '11:1-11:8 error no-missing-heading-space: Unexpected heading `##Usage` without a space after `##`, expected `## Usage`'
    ])
  })

  it('`<!--lint disable-->` with no `enable` after it also turns off what comes before it, as remark-message-control does', async () => {
    expect(await findings(frontmatter + '\n##Setup\n\n<!--lint disable-->\n' + body, recommended)).toEqual([])
  })

  it('reads a comment with other text than ids as no marker', async () => {
    const value = frontmatter + '\n<!--lint disable no/such-->\n##Setup\n' + body
    expect(await findings(value, recommended)).toEqual([
      '9:1-9:8 error no-missing-heading-space: Unexpected heading `##Setup` without a space after `##`, expected `## Setup`'
    ])
  })

  it('fails on an unknown keyword, as remark-lint does', async () => {
    await expect(lint(frontmatter + '\n<!--lint off-->\n' + body, recommended)).rejects.toThrow(
      "Unknown keyword `off`: expected `'enable'`, `'disable'`, or `'ignore'`"
    )
  })
})
