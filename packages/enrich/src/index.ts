export * from './event-columns';
export * from './user-kind';
