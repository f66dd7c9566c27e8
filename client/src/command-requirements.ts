/**
 * Which Liftoff commands need what, in one list (no `vscode` here, so a unit test can hold it against package.json).
 * - `trust`: the command starts a process, sends a signal, contacts a cluster, loads native code on a workspace
 *   file, or deletes what a run.json names. In an untrusted workspace (Restricted Mode) it says why and offers
 *   to manage trust instead of running.
 * - `server`: the command asks the language server (validation, plan view models); when the server has stopped it
 *   says so and offers to restart it. A server that has not started yet is started by the command, not refused.
 * Every command of `contributes.commands` has an entry, and every entry is a contributed command (unit test:
 * test/unit/client/command-requirements.test.ts; the extension test checks the handlers against the same list).
 */
export type Requirement = 'trust' | 'server';

export const COMMAND_REQUIREMENTS: Readonly<Record<string, readonly Requirement[]>> = {
  'liftoff.validateWorkspace': ['server'],
  'liftoff.showOutput': [],
  // Writes a script into the user's ~/.local/bin that runs this extension's bundled CLI; reads no workspace file.
  'liftoff.installCli': [],
  'liftoff.restartServer': [],
  // Validates first (the server), then launches a local process or submits to Slurm.
  'liftoff.train': ['trust', 'server'],
  'liftoff.showMetrics': [],
  'liftoff.exportMetricsCsv': [],
  // Re-attaching checks run processes (signal 0), may rewrite run.json and asks Slurm (squeue).
  'liftoff.refreshRuns': ['trust'],
  // kill / scancel on a pid or job id read from run.json.
  'liftoff.stopRun': ['trust'],
  'liftoff.rerun': ['trust', 'server'],
  // Edits the experiment (shown first), then trains it again like liftoff.train.
  'liftoff.fixRun': ['trust', 'server'],
  // scancel on a job of the Slurm queue section.
  'liftoff.cancelSlurmJob': ['trust'],
  'liftoff.openRunLog': [],
  // Read the run folder's logs and timeline.jsonl (bounded, no links, no FIFOs); nothing runs.
  'liftoff.showRunTimeline': [],
  'liftoff.showRunLogs': [],
  'liftoff.openRunConfig': [],
  'liftoff.revealRunArtifacts': [],
  // Deletes the folder a run.json describes, and cancels a queued Slurm job first.
  'liftoff.deleteRun': ['trust'],
  // Write the run folder's run-meta.json (atomically, never through a link); nothing runs.
  'liftoff.renameRun': [],
  'liftoff.editRunNotes': [],
  // Read two runs' snapshots, metrics and logs (bounded, no links); nothing runs.
  'liftoff.compareRuns': [],
  // Reads a folder's event, CSV and JSON-lines files in JavaScript (bounded, links not followed); nothing runs.
  'liftoff.openLogFolder': [],
  'liftoff.openPlanPreview': ['server'],
  'liftoff.exportPlan': ['server'],
  // Runs git (a read-only `git show`) only in a trusted workspace; another file needs no trust.
  'liftoff.comparePlan': ['server'],
  // Review comments: read and write the plan's .review.yaml (a file edit like any other); nothing runs.
  'liftoff.review.addComment': [],
  'liftoff.review.createThread': [],
  'liftoff.review.reply': [],
  'liftoff.review.resolve': [],
  'liftoff.review.reopen': [],
  // onnxruntime parses the model in native code.
  'liftoff.runInference': ['trust'],
  'liftoff.inspectModel': [],
  'liftoff.scoreFile': ['trust'],
  'liftoff.runInferenceOnImages': ['trust'],
  // Reads both files in JavaScript (no native code), like the inspector.
  'liftoff.compareModels': [],
  // Renders the script only; nothing is submitted.
  'liftoff.previewSbatch': [],
  // Copies a template's files into a folder the user chose; nothing runs.
  'liftoff.newExperiment': [],
  'liftoff.newBusinessPlan': [],
  // Opens a file of the workspace (and the plan preview, which asks the server when it renders).
  'liftoff.openExample': [],
};

export const COMMAND_IDS: readonly string[] = Object.keys(COMMAND_REQUIREMENTS);
