export * from './generator/index';
export { RotatingLogWriter, type RotatingLogWriterOptions, type RotationStats } from './log-writer/rotating-log-writer';
export { FleetRunner, type EventSink, type FleetRunnerOptions } from './runner/fleet-runner';
