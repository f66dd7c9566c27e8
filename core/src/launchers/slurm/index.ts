/** The Slurm launcher: render and submit an sbatch script, track the job, cancel it, read partitions for validation. */
export * from './command-runner';
export * from './sbatch-script';
export * from './submit';
export * from './job-tracker';
export * from './job-query';
export * from './job-info';
export * from './run-state';
export * from './poll-schedule';
export * from './partitions';
export * from './reattach';
export * from './clock';
export { submitHint } from './submit-hint';
export { shellQuote } from './shell-quote';
export * from './queue';
export * from './queue-poller';
