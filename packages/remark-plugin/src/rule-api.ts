/**
 * `@coursemark/remark-plugin/rule`: how a rule is defined, how its setting is
 * read and how a fix rides on a message, without the rules themselves. It
 * loads no rule and no parser, so a tool that only reads rule metadata or
 * cached messages (the CLI's fully cached rerun) starts fast. Everything here
 * is also exported by the main entry.
 */
export {defineRule, defineRuleMeta, finishFinds, finishRule, ruleSetting} from './rule.js'
export type {
  Check,
  Finish,
  PresetName,
  Report,
  ReportOptions,
  Rule,
  RuleConfig,
  RuleConfigInput,
  RuleContext,
  RuleHooks,
  RuleMeta,
  RuleMetaInput,
  RuleSeverity,
  SetEntry,
  SetFact,
  SetRecord,
  SetReport,
  SeverityInput
} from './rule.js'
export {getFix, setFix} from './fix.js'
export type {FixEdit} from './fix.js'
