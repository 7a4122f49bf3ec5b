export * from './event-columns';
export * from './user-kind';
export * from './hourly-rollup';
export * from './netset';
export * from './source-ips';
