export { parsePolicy, lintPolicy } from './parse';
export { PolicyError, formatIssue } from './errors';
export { evaluatePolicy } from './evaluate';
export { attributesFromEvent } from './attributes';
export { applyPolicy } from './apply';
export { decodeCompiledPolicy, CompiledPolicyShapeError } from './decode-compiled';
export { PolicyTally, type ReplayRecord, type RuleTally, type TallyResult } from './replay';
export { advisePolicy, ruleCovers, type Advice, type AdviceCode } from './advise';
export { PRESETS, type PresetName } from './presets/index';
export type {
  CompiledGroupResources,
  CompiledPolicy,
  CompiledRule,
  PolicyApiVersion,
  PolicyDecision,
  PolicyIssue,
  RequestAttributes,
} from './types';
