/**
 * Profiles: how a curriculum format writes a lesson. A profile says which
 * frontmatter syntax and schema the format uses, where objectives, time,
 * assignment and resources live, and which syntax is not markdown (fenced
 * divs, attribute lists, templates). Plain data, so that the config, `init`
 * and the docs can all read it.
 */

/** The formats coursemark knows. */
export type FormatName = 'checkpoint' | 'carpentries' | 'hugo' | 'odin' | 'freecodecamp' | 'markdown'

/** Frontmatter syntaxes: YAML between `---` lines, TOML between `+++` lines. */
export type FrontmatterSyntax = 'yaml' | 'toml'

/** Template languages whose syntax is left alone: Liquid (Jekyll) and Hugo shortcodes. */
export type TemplateSyntax = 'liquid' | 'hugo'

/** Attribute lists that set anchors: kramdown `{: #id}` and pandoc `{#id}` / `[text]{#id}`. */
export type AttributeSyntax = 'kramdown' | 'pandoc'

/** Headings (matched case-insensitively, punctuation ignored) that name the parts of a lesson. */
export interface HeadingAliases {
  objectives: string[]
  assignment: string[]
  resources: string[]
  /** The introduction of a lesson (`Overview`, Odin's `Introduction`, freeCodeCamp's `--description--`). */
  overview: string[]
}

/**
 * Where a lesson of a format states a part, as messages say it after
 * "expected": "a `::: objectives` block", "`objectives:` in the frontmatter".
 */
export interface PartPlaces {
  objectives: string
  assignment: string
  resources: string
}

/** A profile: how one curriculum format writes its lessons. */
export interface Profile {
  name: FormatName
  /** One line for `coursemark init` and the docs. */
  description: string
  frontmatter: {
    /** Accepted syntaxes, the usual one first. */
    syntaxes: FrontmatterSyntax[]
    /** Whether a lesson without frontmatter is a problem. */
    required: boolean
    /** `$id` of the frontmatter schema in core's `schemas` (a project's own schema still wins). */
    schema: string
    /** Frontmatter keys whose list (or table) holds the objectives. */
    objectives: string[]
    /** YAML read as YAML 1.1 (`yes`/`no` booleans), as the format's own reader does, with a portability warning. */
    yaml11?: boolean
  }
  /** Headings that name objectives, assignment, resources and overview sections. */
  headings: HeadingAliases
  time: {
    /**
     * Where the minutes come from, tried in order: one key is a duration
     * (`time: 90`, `time: 1.5 hours`); several keys are numbers of minutes
     * added up (the Carpentries' `teaching` + `exercises` + `break`). A key
     * ending in `?` may be absent; the others must all be numbers, unless an
     * optional one is given alone (a break: `break: 15`).
     */
    keys: string[][]
    /** Whether a lesson must say how long it takes. */
    required: boolean
  }
  /** Pandoc fenced divs (`::: challenge`) are read: objectives, questions, keypoints, challenges, solutions. */
  divs: boolean
  /** Template syntax that is not markdown; links made of it are never paths. */
  templates: TemplateSyntax[]
  /** Attribute lists that set anchors (and are not prose). */
  attributes: AttributeSyntax[]
  /** GitHub-flavoured markdown: autolink literals, tables, footnotes, task lists, strikethrough. */
  gfm: boolean
  /** Where its lessons state objectives, assignment and resources, for messages. */
  places: PartPlaces
  /**
   * The places as one site generator of the format has them (the Workbench
   * and the legacy Jekyll template write Carpentries objectives differently),
   * by site flavour (the site model's `SiteFlavour`); a part not given is
   * `places`'.
   */
  placesBySite: {[flavour: string]: Partial<PartPlaces>}
  /** Where a plain course writes its title, objectives and assignment; absent: those are read as before. */
  plain?: PlainLessons | undefined
}

/**
 * How plain lessons (a README per lesson, no frontmatter) name their parts:
 * in the prose and the first heading rather than in frontmatter keys.
 */
export interface PlainLessons {
  /** `title` is the first `# heading` when the frontmatter gives none. */
  titleFromHeading: boolean
  /**
   * Phrases (matched case-insensitively, punctuation ignored) that introduce
   * the objectives: in a paragraph ending in `:` just before a list
   * ("In this lesson, we'll cover:"), or in a heading ("What you will learn").
   */
  objectivesLeadIns: string[]
  /**
   * Heading aliases are tried in their order (the first alias that has a
   * heading wins) rather than in document order: `## Assignment` beats an
   * earlier `## Challenge`.
   */
  aliasOrder: boolean
}

/** Every format name, the default first. */
export const formatNames: readonly FormatName[] = [
  'checkpoint',
  'carpentries',
  'hugo',
  'odin',
  'freecodecamp',
  'markdown'
]

/** The format used when none is given. */
export const defaultFormat: FormatName = 'checkpoint'

const schemaBase = 'https://coursemark.dev/schemas/'

/** `$id` of the frontmatter schema of a format. */
export function frontmatterSchemaId(name: FormatName): string {
  return `${schemaBase}${name}-frontmatter.schema.json`
}

/** The heading aliases of the `checkpoint` format. */
export const defaultHeadingAliases: HeadingAliases = {
  objectives: [
    'objectives',
    'objective',
    'learning objectives',
    'learning objective',
    'learning goals',
    'learning outcomes',
    'goals',
    'goal',
    'outcomes'
  ],
  assignment: [
    'assignment',
    'assignments',
    'your task',
    'your tasks',
    'your assignment',
    'task',
    'tasks',
    'exercise',
    'exercises',
    'practice'
  ],
  resources: [
    'additional resources',
    'resources',
    'further reading',
    'supplementary resources',
    'supplemental resources',
    'more resources',
    'learn more',
    'references'
  ],
  overview: ['overview', 'overview and purpose', 'introduction', 'purpose']
}

/** Where a checkpoint states its parts: the wording other formats start from. */
const checkpointPlaces: PartPlaces = {
  objectives: 'an `## Objectives` section or an `**Objective:**` paragraph',
  assignment: 'an `## Assignment` section with steps for the learner',
  resources: 'an `## Additional resources` section with links for further study'
}

const noHeadings: HeadingAliases = {objectives: [], assignment: [], resources: [], overview: []}

/** The profiles, by name. */
export const profiles: Readonly<Record<FormatName, Profile>> = {
  checkpoint: {
    name: 'checkpoint',
    description: 'coursemark checkpoints: YAML frontmatter with `title` and `time`, Objectives and Assignment sections',
    frontmatter: {
      syntaxes: ['yaml'],
      required: true,
      schema: frontmatterSchemaId('checkpoint'),
      objectives: ['objectives']
    },
    headings: defaultHeadingAliases,
    time: {keys: [['time'], ['teaching', 'exercises']], required: true},
    divs: false,
    templates: [],
    attributes: [],
    gfm: true,
    places: checkpointPlaces,
    placesBySite: {}
  },
  carpentries: {
    name: 'carpentries',
    description: 'Carpentries lessons (Workbench and legacy Jekyll): `teaching` + `exercises` minutes, fenced divs',
    frontmatter: {
      syntaxes: ['yaml'],
      required: true,
      schema: frontmatterSchemaId('carpentries'),
      objectives: ['objectives'],
      yaml11: true
    },
    headings: defaultHeadingAliases,
    time: {keys: [['teaching', 'exercises', 'break?'], ['time']], required: true},
    divs: true,
    templates: ['liquid'],
    attributes: ['kramdown', 'pandoc'],
    gfm: true,
    places: {
      ...checkpointPlaces,
      objectives: 'a `::: objectives` block or `objectives:` in the frontmatter',
      assignment: 'a `::: challenge` block'
    },
    placesBySite: {
      workbench: {objectives: 'a `::: objectives` block'},
      jekyll: {objectives: '`objectives:` in the frontmatter', assignment: 'a `{: .challenge}` block'}
    }
  },
  hugo: {
    name: 'hugo',
    description: 'Hugo sites (CodeYourFuture): TOML `+++` or YAML frontmatter with `title`, `time` and `objectives`',
    frontmatter: {
      syntaxes: ['toml', 'yaml'],
      required: true,
      schema: frontmatterSchemaId('hugo'),
      objectives: ['objectives']
    },
    headings: defaultHeadingAliases,
    time: {keys: [['time']], required: false},
    divs: false,
    templates: ['hugo'],
    attributes: ['pandoc'],
    gfm: true,
    places: {...checkpointPlaces, objectives: '`objectives` in the frontmatter or an `## Objectives` section'},
    placesBySite: {}
  },
  odin: {
    name: 'odin',
    description: 'The Odin Project: no frontmatter, `Lesson overview` and `Assignment` sections, kramdown anchors',
    frontmatter: {
      syntaxes: ['yaml'],
      required: false,
      schema: frontmatterSchemaId('odin'),
      objectives: []
    },
    headings: {
      objectives: ['lesson overview', 'learning outcomes', 'learning objectives'],
      assignment: ['assignment', 'assignments'],
      resources: ['additional resources'],
      overview: ['introduction']
    },
    time: {keys: [], required: false},
    divs: false,
    templates: [],
    attributes: ['kramdown'],
    gfm: true,
    places: {
      objectives: 'a `### Lesson overview` list',
      assignment: 'an `### Assignment` section',
      resources: 'an `### Additional resources` section with links for further study'
    },
    placesBySite: {}
  },
  freecodecamp: {
    name: 'freecodecamp',
    description: 'freeCodeCamp challenges: `id`, `challengeType`, `dashedName`; `# --description--` and `# --instructions--` sections',
    frontmatter: {
      syntaxes: ['yaml'],
      required: true,
      schema: frontmatterSchemaId('freecodecamp'),
      objectives: []
    },
    headings: {...noHeadings, assignment: ['instructions'], overview: ['description']},
    time: {keys: [], required: false},
    divs: false,
    templates: [],
    attributes: [],
    gfm: true,
    places: {...checkpointPlaces, assignment: 'a `# --instructions--` section'},
    placesBySite: {}
  },
  markdown: {
    name: 'markdown',
    description: 'Plain markdown lessons (a README per lesson, a folder of notes): no frontmatter needed, the title from the first `# heading`',
    frontmatter: {
      syntaxes: ['yaml'],
      required: false,
      schema: frontmatterSchemaId('markdown'),
      objectives: []
    },
    headings: {
      ...defaultHeadingAliases,
      // No `task` or `exercise`: plain lessons use `### Task` for steps inside the body.
      assignment: ['assignment', 'assignments', 'your assignment', 'homework', 'challenge', 'challenges'],
      resources: [...defaultHeadingAliases.resources, 'review and self study', 'review self study']
    },
    time: {keys: [['time']], required: false},
    divs: false,
    templates: [],
    attributes: [],
    gfm: true,
    places: checkpointPlaces,
    placesBySite: {},
    plain: {
      titleFromHeading: true,
      objectivesLeadIns: [
        'in this lesson',
        'in this chapter',
        'in this module',
        'you will learn',
        'you ll learn',
        'you will be able to',
        'you ll be able to',
        'learning objectives',
        'learning goals',
        'goals',
        'objectives'
      ],
      aliasOrder: true
    }
  }
}

/** Whether `value` names a format. */
export function isFormatName(value: unknown): value is FormatName {
  return typeof value === 'string' && Object.hasOwn(profiles, value)
}

/**
 * The profile of a format (`checkpoint` when none is given).
 * Throws on an unknown name, with the names it expected.
 */
export function getProfile(name: FormatName | undefined = defaultFormat): Profile {
  if (!isFormatName(name)) {
    throw new Error(
      `Unexpected format \`${String(name)}\`, expected ${formatNames.map((known) => `\`${known}\``).join(', ')}`
    )
  }

  return profiles[name]
}

/**
 * Where a lesson of `format` states `part`, in the words of its site
 * generator when the site is known (`flavour`, the site model's).
 */
export function partPlace(format: FormatName, part: keyof PartPlaces, flavour?: string): string {
  const profile = getProfile(format)
  return (flavour === undefined ? undefined : profile.placesBySite[flavour]?.[part]) ?? profile.places[part]
}
