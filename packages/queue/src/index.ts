export * from './batch-rows';
export * from './payloads';
export * from './producers';
export * from './queues';
export * from './redis-connection';
