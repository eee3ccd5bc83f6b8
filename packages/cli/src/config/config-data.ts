/** The shapes of a loaded config, from the config reader (`@coursemark/remark-plugin/config`). */
export type {Config, ConfigProblem, ConfigSettings, FrontmatterSettings, Json, LinkSettings, Override, Settings} from '@coursemark/remark-plugin/config'
