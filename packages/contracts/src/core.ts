// The parts of the contracts that need no schema library: what the agent
// imports, so that it ships without Zod (about 10 MB of resident memory).
export * from './audit-vocabulary';
export * from './errors';
export * from './field-path';
export * from './limits';
export * from './storable';
export * from './stream-id';
