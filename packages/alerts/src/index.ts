export { columnsReferenced, parseTrigger, TriggerError, usesPrevious, type CompareOp, type Operand, type Trigger } from './trigger-syntax';
export { evaluateTrigger, type Row } from './trigger-eval';
export { dueWindows, type Schedule, type Window } from './windows';
export { decideFirings, groupKeyOf, type FiringAction, type GroupState } from './firings';
export { DEFAULT_TEMPLATE, renderTemplate, templateFields } from './template';
