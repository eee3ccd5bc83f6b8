/**
 * `no-tracking-params`: what the fix writes, for every shape of query, and
 * when no fix is offered.
 */
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {registry} from '../src/index.js'
import rule from '../src/rules/no-tracking-params.js'
import {applyRuleFixes} from './helpers.js'

const fix = (value: string) => applyRuleFixes(value, rule)

describe('no-tracking-params', () => {
  it('removes every parameter and the `?` when all of them track, keeping the fragment', async () => {
    expect(await fix('[a](https://example.com/a?utm_source=x&utm_medium=y#part)\n')).toEqual({
      output: '[a](https://example.com/a#part)\n',
      messages: [
        '1:27-1:52: Unexpected tracking parameters `utm_source` and `utm_medium`, expected the URL without them'
      ]
    })
  })

  it('keeps the other parameters in order', async () => {
    expect(
      (await fix('<https://example.com/?gclid=1&page=2&utm_campaign=z&sort=new>\n')).output
    ).toBe('<https://example.com/?page=2&sort=new>\n')
  })

  it('removes Amazon tracking from the path and the query, and keeps what selects the page', async () => {
    expect(
      (await fix('[b]: https://www.amazon.co.uk/Title/dp/1449080340/ref=sr_1_1?ie=UTF8&qid=15&sr=8-1\n'))
        .output
    ).toBe('[b]: https://www.amazon.co.uk/Title/dp/1449080340?ie=UTF8\n')
  })

  it('fixes an HTML `href` written with `&amp;`', async () => {
    expect(
      (await fix('<a href="https://example.com/?id=4&amp;fbclid=abc&amp;x=1">a</a>\n')).output
    ).toBe('<a href="https://example.com/?id=4&amp;x=1">a</a>\n')
  })

  it('reports, but does not fix, a URL that is not written verbatim', async () => {
    const result = await fix('[a](https://example.com/a\\_b?utm_source=x)\n')
    expect(result).toEqual({
      output: '[a](https://example.com/a\\_b?utm_source=x)\n',
      messages: ['1:1-1:43: Unexpected tracking parameter `utm_source`, expected the URL without it']
    })
  })

  it('leaves relative links, mail links and parameters of other hosts alone', async () => {
    expect(
      await fix(
        '[a](page.md?utm_source=x) [b](mailto:a@example.com?utm_source=x) [c](https://example.com/?qid=1&ref=a)\n'
      )
    ).toEqual({
      output:
        '[a](page.md?utm_source=x) [b](mailto:a@example.com?utm_source=x) [c](https://example.com/?qid=1&ref=a)\n',
      messages: []
    })
  })

  it('fails loudly on a bad option', async () => {
    const file = new VFile({path: 'x.md', value: '[a](https://example.com/?a=1)\n'})
    // The registry's plugin takes `unknown` options, as a config file gives them.
    const plugin = registry.find((meta) => meta.id === 'no-tracking-params')?.plugin
    if (!plugin) throw new Error('Unexpected missing rule, expected `no-tracking-params` in the registry')
    const processor = unified()
      .use(remarkParse)
      .use(plugin, ['error', {params: 'utm_source'}])
    await processor.run(processor.parse(file), file)
    expect(file.messages.map((message) => [String(message), message.fatal, message.ruleId])).toEqual([
      [
        'x.md:1:1: Unexpected value `"utm_source"` for `params`, expected a list of parameter names',
        true,
        'no-tracking-params'
      ]
    ])
  })
})
