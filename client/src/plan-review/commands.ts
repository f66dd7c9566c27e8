/**
 * The review-comment commands, for the commands table (client/src/commands.ts). The comment widget's buttons call the
 * first four (package.json `comments/commentThread/*` menus); "Add Review Comment" works from the palette and the
 * editor's context menu on the line under the cursor. None runs a process or needs the language server.
 */
import * as vscode from 'vscode';
import type { CommandSpec } from '../command-spec';
import { noPlan, targetPlan } from '../plan-document';
import { PlanReviewController } from './controller';

const notStarted = (): string =>
  vscode.l10n.t('Plan review comments are not available yet: open a business plan first.');

function isReply(v: unknown): v is vscode.CommentReply {
  const r = v as { thread?: { uri?: unknown }; text?: unknown } | undefined;
  return typeof r?.text === 'string' && r.thread?.uri instanceof vscode.Uri;
}

function isThread(v: unknown): v is vscode.CommentThread {
  const t = v as { uri?: unknown; comments?: unknown } | undefined;
  return t?.uri instanceof vscode.Uri && Array.isArray(t.comments);
}

const controller = () => PlanReviewController.current;

export function planReviewCommandSpecs(): CommandSpec[] {
  const needsReply = (arg: unknown) =>
    !controller()
      ? notStarted()
      : isReply(arg)
        ? undefined
        : vscode.l10n.t('Write the comment in the comment box of the plan first.');
  const needsThread = (arg: unknown) =>
    !controller()
      ? notStarted()
      : isThread(arg)
        ? undefined
        : vscode.l10n.t('Use this on a review comment thread of a plan.');
  return [
    {
      id: 'liftoff.review.createThread',
      precondition: needsReply,
      run: (arg) => controller()!.create(arg as vscode.CommentReply),
    },
    {
      id: 'liftoff.review.reply',
      precondition: needsReply,
      run: (arg) => controller()!.reply(arg as vscode.CommentReply),
    },
    {
      id: 'liftoff.review.resolve',
      precondition: needsThread,
      run: (arg) => controller()!.setStatus(arg as vscode.CommentThread, 'resolved'),
    },
    {
      id: 'liftoff.review.reopen',
      precondition: needsThread,
      run: (arg) => controller()!.setStatus(arg as vscode.CommentThread, 'open'),
    },
    {
      // From the palette or the editor's context menu: a thread on the line under the cursor. Arguments (tests,
      // keybindings): [plan URI, 0-based line, text] skip the prompts.
      id: 'liftoff.review.addComment',
      precondition: (arg) => (!controller() ? notStarted() : targetPlan(arg) ? undefined : noPlan()),
      run: async (arg, lineArg, textArg) => {
        const plan = targetPlan(arg)!;
        const editor = vscode.window.activeTextEditor;
        const line =
          typeof lineArg === 'number' && Number.isInteger(lineArg) && lineArg >= 0
            ? lineArg
            : editor?.document.uri.toString() === plan.toString()
              ? editor.selection.active.line
              : 0;
        const text =
          typeof textArg === 'string'
            ? textArg
            : await vscode.window.showInputBox({
                title: vscode.l10n.t('Review comment on line {0}', line + 1),
                prompt: vscode.l10n.t(
                  'Stored in the plan’s .review.yaml, anchored to the YAML on this line (commit it with the plan).',
                ),
                validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Write a comment, or press Escape.')),
              });
        if (!text?.trim()) return undefined;
        return controller()!.addAt(plan, line, text);
      },
    },
  ];
}
