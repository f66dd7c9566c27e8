/**
 * Front door of the run store: where runs live on disk (.liftoff/runs/<experiment>/<id>/run.json), how a record
 * is read and written, finished-run history, re-attaching to live runs and diagnosing failed ones. Shells import
 * this module, not the files behind it.
 */
export * from './run-record';
export * from './run-reason';
export * from './record-check';
export * from './safe-read';
export * from './run-store';
export * from './history';
export * from './last-metric';
export * from './reattach';
export * from './diagnose';
export * from './explain';
export * from './cost';
export * from './fix-edit';
export * from './run-end';
export * from './notify-hook';
export * from './retry';
export * from './timeline';
export * from './run-log';
export * from './run-identity';
export * from './run-diff';
export * from './run-listing';
