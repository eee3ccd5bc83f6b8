/**
 * The curriculum formats the config can name (`format:`), until core's
 * profiles export their own `FormatName`.
 */

/** A curriculum format: the profile its files are read with. */
export type FormatName = 'checkpoint' | 'carpentries' | 'hugo' | 'odin' | 'freecodecamp'

/** Every format name, in the order the docs list them. */
export const formatNames: readonly FormatName[] = ['checkpoint', 'carpentries', 'hugo', 'odin', 'freecodecamp']
