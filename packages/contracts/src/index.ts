export * from './core';
export * from './agent-protocol';
export * from './audit-event';
