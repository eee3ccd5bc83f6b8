/** The shapes of a loaded config, from the config reader (`@coursemark/remark-plugin/config`). */
export type {Config, ConfigProblem, EffectiveSettings, FileSettings, FrontmatterSettings, Json, LinkSettings, Override} from '@coursemark/remark-plugin/config'
