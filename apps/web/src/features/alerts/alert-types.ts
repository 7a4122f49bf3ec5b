import type { RouterOutputs } from '../../lib/api-types';

export type AlertRuleRow = RouterOutputs['alerts']['rules'][number];
export type TestRun = RouterOutputs['alerts']['test'];
export type Evaluation = RouterOutputs['alerts']['history'][number];
export type AlertMessage = RouterOutputs['messages']['list'][number];
