/**
 * `objectives-present` in a course that never states objectives: the site
 * says so (`objectiveless`), and the rule asks for none.
 */
import {buildSite} from '@coursemark/core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import objectivesPresent from '../src/rules/objectives-present.js'
import '../src/file-site.js'

async function findings(objectiveless: boolean | undefined, value: string): Promise<string[]> {
  const site = buildSite({paths: ['a.md'], read: () => value})
  const file = new VFile({path: 'a.md', value})
  file.data.coursemarkSite = {site, path: 'a.md', objectiveless}
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(objectivesPresent.plugin, 'warn')
  await processor.run(processor.parse(file), file)
  return file.messages.map((message) => message.reason)
}

describe('objectives-present and a course without objectives', () => {
  it('asks for no objectives where no lesson of the course states any', async () => {
    expect(await findings(true, '# Set up\n\nRun the command.\n')).toEqual([])
  })

  it('still asks for them in a course that uses them, and still reports an empty section', async () => {
    expect(await findings(false, '# Set up\n\nRun the command.\n')).toHaveLength(1)
    expect(await findings(true, '# Set up\n\n## Objectives\n\n## Steps\n\nRun the command.\n')).toEqual(['Unexpected empty objectives section, expected a list of objectives'])
  })
})
