/**
 * The contract between `liftoff validate` and its worker threads. The main thread sends a slice of the files and
 * its one scan of the workspace index (workerData); the worker answers one message: the slice's FileResults, in
 * order. WORKER_MODULE is the file a worker loads: the CLI bundle itself (dist/cli/liftoff.js, whose entry skips
 * the command line when it is not the main thread), or this folder's compiled module under tsc.
 */
import * as path from 'node:path';
import type { WorkspaceDocument } from '../../server/src/service';
import type { Locale } from '../../core/src/l10n';

/** How validation is set up for a run: the size limit (KB) the "too large" finding uses. */
export interface ValidateSettings {
  readonly maxFileSizeKB?: number;
  /** The language of the messages (`--lang`, LANG). */
  readonly locale?: Locale;
}

export interface WorkerInput {
  readonly files: readonly string[];
  readonly workspace: string;
  readonly seed: readonly WorkspaceDocument[];
  readonly settings: ValidateSettings;
}

export const WORKER_MODULE =
  path.basename(__filename) === 'validate-worker-contract.js' ? path.join(__dirname, 'validate-worker.js') : __filename;
