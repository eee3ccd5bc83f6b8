/** Words of `text` in lines of at most `size` characters (a longer word stands alone): help and `coursemark rules`. */
export function wrapWords(text: string, size: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > size) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : line + ' ' + word
    }
  }

  if (line !== '') lines.push(line)
  return lines
}
