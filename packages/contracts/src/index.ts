export * from './core';
export * from './agent-protocol';
export * from './audit-event';
export * from './roles';
export * from './alerts';
export * from './saved-queries';
