/**
 * The finish phase of the rules that report a value two files share: group
 * the facts by key in one pass, then report each member of a group of two or
 * more, naming a few of the others.
 */
import type {Position} from 'unist'
import type {SetEntry, SetReport} from './rule.js'

/** At most this many other places are named in a duplicate's message. */
const maxPlaces = 3

/**
 * Report every entry whose key (`keyOf`) another entry shares; an entry
 * without a key takes no part.
 *
 * @param name
 *   The frontmatter key compared, as messages name it.
 */
export function reportDuplicates<Options>(
  entries: ReadonlyArray<SetEntry<Options>>,
  keyOf: (entry: SetEntry<Options>) => string | undefined,
  name: string,
  report: SetReport<Options>
): void {
  const groups = new Map<string, Array<SetEntry<Options>>>()
  for (const entry of entries) {
    const key = keyOf(entry)
    if (key === undefined) continue
    const group = groups.get(key)
    if (group) group.push(entry)
    else groups.set(key, [entry])
  }

  for (const group of groups.values()) {
    if (group.length < 2) continue
    for (const entry of group) {
      // A few places, not thousands: a value shared by every file would make the report quadratic.
      const others: string[] = []
      for (const other of group) {
        if (other === entry) continue
        if (others.length === maxPlaces) break
        others.push('`' + other.path + where(other.fact.place) + '`')
      }

      if (group.length - 1 > maxPlaces) others.push(`and ${group.length - 1 - maxPlaces} more`)
      report(
        entry,
        `Unexpected duplicate \`${name}\` \`${entry.fact.value}\`, expected each checkpoint to have its own (also in ${others.join(', ')})`
      )
    }
  }
}

function where(place: Position | null): string {
  return place ? `:${place.start.line}:${place.start.column}` : ''
}
