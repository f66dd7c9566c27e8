/**
 * Validating many files for `liftoff validate`: one scan of the workspace index per run, then each file read
 * (regular files only, bounded) and validated, in this thread or, for large inputs on a machine with cores to
 * spare, in worker threads that share that one scan. Results come back in the order of the input, whatever
 * finished first, so the output is the same for any number of workers.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  createLanguageService,
  type LanguageService,
  type LiftoffDiagnostic,
  type WorkspaceDocument,
} from '../../server/src/service';
import { describeFileType } from '../../server/src/service/host';
import { looksLiftoff } from '../../server/src/service/validate';
import { bundledSchemas } from '../../server/src/host/schemas';
import { createNodeHost, type NodeHost } from '../../server/src/host/node-host';
import { NotReadable, readRegularSync } from '../../server/src/host/safe-read';
import { t, type Locale } from '../../core/src/l10n';
import { RULES_DOC_URL } from './version';
import { WORKER_MODULE, type ValidateSettings, type WorkerInput } from './validate-worker-contract';

export type { ValidateSettings } from './validate-worker-contract';

/** Where the rule reference is published (from package.json's repository, set at build time; see version.ts). */
export { RULES_DOC_URL } from './version';
/** Files larger than this are not read: far over any validation limit, and reading them whole would cost memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Below this many files per worker, starting a worker (its own schema compile, ~0.5 s) costs more than it saves. */
const FILES_PER_WORKER = 400;
/** Each worker holds its own copy of the service (~100 MB): beyond 3 the memory grows faster than the time falls. */
const MAX_WORKERS = 3;

export interface FileResult {
  readonly file: string;
  readonly diagnostics?: LiftoffDiagnostic[];
  /** Why the file could not be read (it is then not validated). */
  readonly error?: string;
  /** The file is meant to be a Liftoff document (by name, modeline, `kind:` or `apiVersion: liftoff/…`). */
  readonly liftoff?: boolean;
}

/** How many worker threads to use for `count` files: 0 means this thread. */
export function autoJobs(count: number): number {
  const jobs = Math.min(availableParallelism(), Math.floor(count / FILES_PER_WORKER), MAX_WORKERS);
  return jobs >= 2 ? jobs : 0;
}

/** Validates `files` (absolute paths) with `workspace` as the workspace folder; `jobs` workers (0: this thread). */
export async function validateFiles(
  files: readonly string[],
  workspace: string,
  jobs = autoJobs(files.length),
  settings: ValidateSettings = {},
): Promise<FileResult[]> {
  const host = createNodeHost({ workspaceFolders: [workspace], snapshot: true });
  if (jobs <= 0 || files.length < 2) return validateHere(files, host, settings);
  const seed = await host.workspaceDocuments();
  const size = Math.ceil(files.length / jobs);
  const chunks = Array.from({ length: jobs }, (_, i) => files.slice(i * size, (i + 1) * size)).filter(
    (c) => c.length > 0,
  );
  return (await Promise.all(chunks.map((chunk) => inWorker({ files: chunk, workspace, seed, settings })))).flat();
}

/** The same in this thread, with a host whose index may already be seeded (a worker's). */
export async function validateHere(
  files: readonly string[],
  host: NodeHost,
  settings: ValidateSettings = {},
): Promise<FileResult[]> {
  const service = createLanguageService(
    {
      ruleDocsUri: RULES_DOC_URL,
      maxFileSizeAdvice: t(settings.locale, 'Raise the limit with --max-file-size KB to validate it anyway.'),
      ...(settings.maxFileSizeKB !== undefined && { maxFileSizeKB: settings.maxFileSizeKB }),
      ...(settings.locale !== undefined && { locale: settings.locale }),
    },
    // Each file is validated once: no incremental state to build for a next edit.
    { ...bundledSchemas(), host, incremental: false },
  );
  const out: FileResult[] = [];
  for (const file of files) out.push(await validateOne(service, file, settings.locale));
  return out;
}

/** A host for a worker: the index is the main thread's scan. */
export function seededHost(workspace: string, seed: readonly WorkspaceDocument[]): NodeHost {
  return createNodeHost({ workspaceFolders: [workspace], index: { seed }, snapshot: true });
}

async function validateOne(service: LanguageService, file: string, locale?: Locale): Promise<FileResult> {
  let text: string;
  try {
    // Blocking: this thread (or worker) does nothing else, and it is several times cheaper per file.
    text = readRegularSync(file, MAX_FILE_BYTES, true).toString('utf8');
  } catch (err) {
    return { file, error: readError(err, locale) };
  }
  const uri = pathToFileURL(file).toString();
  const liftoff = isLiftoffText(uri, text);
  const diagnostics = await service.validate({ uri, text });
  service.forget(uri); // a run never re-validates: what the document depended on need not be kept
  return { file, diagnostics, liftoff: liftoff || diagnostics.length > 0 };
}

/** Meant to be a Liftoff document: the editor's test (name, modeline, `kind:`), or `apiVersion: liftoff/…`. */
export function isLiftoffText(uri: string, text: string): boolean {
  return looksLiftoff({ uri, text }) || /^apiVersion:\s*["']?liftoff\//m.test(text.slice(0, 65536));
}

function readError(err: unknown, locale?: Locale): string {
  if (!(err instanceof NotReadable)) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return t(locale, 'it does not exist');
    if (code === 'EACCES' || code === 'EPERM') return t(locale, 'permission denied');
    return (err as Error).message;
  }
  if (err.reason === 'not-regular' && err.type)
    return t(
      locale,
      'it is {0}, not a regular file; Liftoff validates regular files only',
      describeFileType(err.type, locale),
    );
  if (err.reason === 'too-large')
    return t(locale, 'it is larger than {0} MB; Liftoff does not read it', MAX_FILE_BYTES / 1024 / 1024);
  return err.message;
}

function inWorker(input: WorkerInput): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(`require(${JSON.stringify(WORKER_MODULE)}).runValidateWorker()`, {
      eval: true,
      workerData: input,
    });
    let done = false;
    worker.once('message', (results: FileResult[]) => {
      done = true;
      resolve(results);
    });
    worker.once('error', (err) => {
      done = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`a validation worker exited with code ${code} before answering`));
    });
  });
}
