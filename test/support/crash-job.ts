/**
 * The job of the crash proofs (test/integration/host-crash and runner-crash): a command whose end the test decides,
 * so a kill can land while it runs and its real exit status is known.
 */
import { renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The job: says its pid, waits for `go` in its run folder, then exits with the code written there. */
export const JOB = `
const fs = require('node:fs'), path = require('node:path');
console.log('job pid ' + process.pid);
const go = path.join(process.env.LIFTOFF_RUN_DIR, 'go');
setInterval(() => { if (fs.existsSync(go)) process.exit(Number(fs.readFileSync(go, 'utf8'))); }, 20);`;

/** Tells the job to exit with `code`: written aside, then renamed, so the job never reads a half-written file as 0. */
export function go(dir: string, code: number): void {
  writeFileSync(path.join(dir, 'go.tmp'), String(code));
  renameSync(path.join(dir, 'go.tmp'), path.join(dir, 'go'));
}
