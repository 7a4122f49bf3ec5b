// What evaluating and applying a compiled policy needs, without the YAML
// parser: the agent imports this entry point only.
export { applyPolicy } from './apply';
export { evaluatePolicy } from './evaluate';
export { decodeCompiledPolicy, CompiledPolicyShapeError } from './decode-compiled';
export type { CompiledPolicy } from './types';
