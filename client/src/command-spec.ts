/**
 * The shape of one entry of the commands table (commands.ts), in a file of its own so that the modules that
 * contribute entries (runs, panels) and the table itself do not import each other.
 */
import type { Requirement } from './command-requirements';

export interface CommandSpec {
  readonly id: string;
  /**
   * What the command needs before it may run (trust, a running language server). Filled from COMMAND_REQUIREMENTS
   * by the table, never hand-written: one list says which commands start processes.
   */
  readonly requires?: readonly Requirement[];
  /** Why the command cannot run now (given the command's arguments), or undefined when it can. */
  readonly precondition?: (...args: unknown[]) => string | undefined;
  readonly run: (...args: unknown[]) => unknown;
}
