import * as vscode from 'vscode';
import { reasonText, type RunRecord } from '../../../core/src/runs';
import { uiLocale } from '../error-text';

/**
 * A terminal showing one Slurm job as a local run's task terminal would: its state changes and, tailed from the run
 * folder, its stdout/stderr. Closing it stops the display only: the job belongs to the cluster (Stop cancels it).
 */
export class SlurmJobTerminal implements vscode.Disposable {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly terminal: vscode.Terminal;
  private buffered: string[] | undefined = [];

  constructor(title: string) {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writer.event,
      open: () => {
        for (const s of this.buffered ?? []) this.writer.fire(s);
        this.buffered = undefined;
      },
      close: () => undefined,
    };
    this.terminal = vscode.window.createTerminal({
      name: title,
      pty,
      iconPath: new vscode.ThemeIcon('server-environment'),
    });
    this.terminal.show(true);
  }

  output(text: string): void {
    const s = text.replace(/\r?\n/g, '\r\n');
    if (this.buffered) this.buffered.push(s);
    else this.writer.fire(s);
  }

  note(text: string): void {
    this.output(`\x1b[2mliftoff: ${text}\x1b[0m\n`);
  }

  state(r: RunRecord): void {
    this.note(`job ${r.jobId ?? '?'} ${r.state} — ${reasonText(uiLocale(), r) ?? ''}`);
  }

  dispose(): void {
    this.writer.dispose();
  }
}
