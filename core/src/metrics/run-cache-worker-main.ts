/** A cache worker's entry (run-cache-workers.ts): the bundle's metrics-cache-worker.js is built from this file. */
import { runCacheWorker } from './run-cache-workers';

runCacheWorker();
