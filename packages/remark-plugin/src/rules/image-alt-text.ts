/**
 * ## What is this?
 *
 * Checks that images have alternative text: `![](diagram.png)` with an empty
 * alt, or an HTML `<img>` with no `alt` attribute at all. Learners who use a
 * screen reader, or whose connection drops the image, get nothing.
 *
 * An HTML `<img alt="">` is left alone: an explicitly empty `alt` is how HTML
 * marks a decorative image. In the formats that write pandoc attribute lists
 * (`carpentries`, `hugo`), an `alt` given by one
 * (`![](plot.png){alt='Counts per year'}`) is the image's alt text.
 *
 * ## When should I use this?
 *
 * Always: accessible course material is a requirement in most institutions.
 *
 * ## Options
 *
 * None.
 *
 * ## Recommendation
 *
 * On in `recommended` (warning) and `strict` (error).
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ![Terminal showing `ls` output](ls.png)
 *
 *   <img src="divider.png" alt="">
 *
 *   <img src="graph.png" alt="Commits per day">
 *
 * @example
 *   {"label": "input", "name": "missing.md"}
 *
 *   ![](ls.png)
 *
 *   ![ ][graph]
 *
 *   <img class="wide" src="repos.png">
 *
 *   [graph]: graph.png
 *
 * @example
 *   {"label": "output", "name": "missing.md"}
 *
 *   1:1-1:12: Unexpected image without alt text, expected a short description of the image between `![` and `]`
 *   3:1-3:12: Unexpected image without alt text, expected a short description of the image between `![` and `]`
 *   5:1-5:35: Unexpected `<img>` without `alt`, expected an `alt` attribute that describes the image (or `alt=""` for decoration)
 */
import type {Root} from 'mdast'
import {getModel} from '../file-model.js'
import {defineRule, type RuleMetaInput} from '../rule.js'

const meta: RuleMetaInput = {
  id: 'image-alt-text',
  description: 'Warn on images without alt text (`![](x.png)`, `<img>` with no `alt`)',
  tags: ['images', 'accessibility'],
  fixable: false,
  presets: {recommended: 'warning', strict: 'error'}
}

const rule = defineRule(meta, ({tree, file, report}) => {
  const {checkpoint} = getModel(tree, file)

  for (const image of checkpoint.images) {
    if (image.syntax === 'html') {
      if (image.alt !== null) continue
      const message = report(
        'Unexpected `<img>` without `alt`, expected an `alt` attribute that describes the image (or `alt=""` for decoration)',
        {place: image.position}
      )
      message.actual = image.src
    } else if ((image.alt ?? '').trim() === '') {
      const message = report(
        'Unexpected image without alt text, expected a short description of the image between `![` and `]`',
        {place: image.position}
      )
      message.actual = image.src
    }
  }
})

export default rule
