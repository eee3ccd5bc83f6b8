/**
 * The lines of a markdown file with whether each is inside a fenced code
 * block (the fence lines themselves are left out), as the docs tests read
 * them: a line of three or more backticks or tildes opens a fence, and a
 * line starting with the same run closes it.
 */
export function* markdownLines(markdown: string): Generator<{line: string; fenced: boolean}> {
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined
      continue
    }

    yield {line, fenced: fence !== undefined}
  }
}
