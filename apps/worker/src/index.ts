export { startWorkers } from './start-workers';
export { loadWorkerConfig, type WorkerConfig } from './env';
export { scheduleAlertTick } from './alert-schedule';
