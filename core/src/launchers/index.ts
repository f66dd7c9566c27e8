/**
 * Front door of the launchers: planning a launch from an experiment, preparing its run folder, starting, stopping
 * and re-attaching local runs, and the Slurm launcher (./slurm). Shells import this module, not the files behind it.
 */
export * from './experiment-of';
export * from './launch-plan';
export * from './prepare-run';
export * from './process-tree';
export * from './runner';
export * from './stop-run';
export * from './slurm';
