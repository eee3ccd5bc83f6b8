/** The path helpers of the config reader (`@coursemark/remark-plugin/config`), shared by the CLI. */
export {joinName, plainlyInside, relativePath, resolveRelative, splitPlain, toSlashes} from '@coursemark/remark-plugin/config'
