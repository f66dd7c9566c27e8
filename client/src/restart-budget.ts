/**
 * How often the client restarts a language server that exits on its own: at most `restarts` times within `windowMs`.
 * One more crash inside the window stops it for good (until the user runs "Restart Language Server"), so a document
 * that kills the server every time cannot make it spin. No `vscode` here: the rule is unit-tested with a fake clock.
 */
export interface RestartDecision {
  readonly restart: boolean;
  /** Why the server stays stopped, in words for the user (only when `restart` is false). */
  readonly reason?: string;
}

export class RestartBudget {
  private crashes: number[] = [];

  constructor(
    readonly restarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one exit of the server and says whether to start it again. */
  crashed(): RestartDecision {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < this.windowMs), t];
    if (this.crashes.length <= this.restarts) return { restart: true };
    const minutes = Math.round(this.windowMs / 60_000);
    return {
      restart: false,
      reason:
        `The Liftoff language server stopped ${this.crashes.length} times within ${minutes} minute${minutes === 1 ? '' : 's'}, ` +
        'so it is not restarted again. A document may be crashing it: see the output, close that document, then run "Liftoff: Restart Language Server".',
    };
  }

  /** Forgets past crashes (the user restarted the server by hand). */
  reset(): void {
    this.crashes = [];
  }
}
