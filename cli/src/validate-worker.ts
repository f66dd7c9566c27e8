/** The worker side of `liftoff validate` (see ./validate-worker-contract): validates its slice, answers once. */
import { parentPort, workerData } from 'node:worker_threads';
import { seededHost, validateHere } from './validate-files';
import type { WorkerInput } from './validate-worker-contract';

export async function runValidateWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const results = await validateHere(input.files, seededHost(input.workspace, input.seed), input.settings);
  parentPort?.postMessage(results);
}
