/**
 * axe-core (the accessibility engine most web tests use) run inside a page or a webview frame. The engine's source
 * is evaluated through the DevTools protocol, which a page's CSP does not govern, so the panels keep their strict
 * CSP while they are checked. `checkA11y` fails on any critical or serious violation, and on a moderate or minor
 * one that docs/accessibility.md does not list (with its reason) under "Accepted findings".
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { REPO_ROOT } from './fixtures';

const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const DOC = path.join(REPO_ROOT, 'docs', 'accessibility.md');

/** The WCAG 2.2 A and AA rules plus axe's best practices (landmarks, headings, regions). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

/** Runs axe on the whole document of `target` and returns its violations. */
export async function runAxe(target: Page | Frame): Promise<AxeFinding[]> {
  const loaded = await target.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate(AXE_SOURCE);
  const results = await target.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe;
    return axe.run(
      { exclude: [['.axe-skip']] },
      { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
    );
  }, TAGS);
  return results.violations.map((v: Result) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes
      .slice(0, 5)
      .map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1).join(' ').trim()}` : ''}`,
      ),
  }));
}

/** Rule ids listed in docs/accessibility.md under "Accepted findings" (a table whose first column is `rule-id`). */
export function acceptedFindings(): Set<string> {
  const text = readFileSync(DOC, 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('Accepted findings')) ?? '';
  return new Set([...section.matchAll(/^\|\s*`([a-z0-9-]+)`/gm)].map((m) => m[1]!));
}

export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((f) => `${f.impact} ${f.id} (${f.help}):\n      ${f.targets.join('\n      ')}`).join('\n    ');
}

/**
 * Fails on any critical or serious violation, and on any other one not accepted in docs/accessibility.md.
 * Returns what was found (accepted findings included) so a test can print it.
 */
export async function checkA11y(target: Page | Frame, where: string): Promise<AxeFinding[]> {
  const findings = await runAxe(target);
  const blocking = findings.filter((f) => f.impact === 'critical' || f.impact === 'serious');
  assert.deepEqual(
    blocking.map((f) => f.id),
    [],
    `axe in ${where}: critical or serious violations\n    ${describeFindings(blocking)}`,
  );
  const accepted = acceptedFindings();
  const unlisted = findings.filter((f) => !accepted.has(f.id));
  assert.deepEqual(
    unlisted.map((f) => f.id),
    [],
    `axe in ${where}: fix these or list them with a reason in docs/accessibility.md\n    ${describeFindings(unlisted)}`,
  );
  return findings;
}
