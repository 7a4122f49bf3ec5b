export * from './agent-protocol';
export * from './audit-event';
export * from './errors';
export * from './field-path';
export * from './limits';
export * from './storable';
