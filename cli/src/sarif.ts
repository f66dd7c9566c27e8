import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULE_CATALOGUE } from '../../server/src/service/rules/catalogue';
import type { LiftoffDiagnostic } from '../../server/src/service';
import { VERSION } from './version';

const LEVEL: Record<number, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/**
 * SARIF 2.1.0, the format code-review systems (GitHub code scanning, Azure DevOps, GitLab) show inline.
 * Paths are relative to `root` (uriBaseId SRCROOT) so findings land on the right files in review.
 */
export function toSarif(
  findings: ReadonlyArray<{ file: string; diagnostics: readonly LiftoffDiagnostic[] }>,
  root: string,
  docsUrl: string,
): object {
  const used = new Set(findings.flatMap((f) => f.diagnostics.map((d) => String(d.code))));
  const rules = RULE_CATALOGUE.filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Liftoff',
            version: VERSION,
            informationUri: docsUrl,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              helpUri: `${docsUrl}#${r.id.toLowerCase()}`,
              defaultConfiguration: {
                level: r.severity.startsWith('error') ? 'error' : r.severity === 'warning' ? 'warning' : 'note',
              },
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(root + path.sep).toString() } },
        results: findings.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: String(d.code),
            ...(index.has(String(d.code)) ? { ruleIndex: index.get(String(d.code)) } : {}),
            level: LEVEL[d.severity ?? DiagnosticSeverity.Error],
            message: { text: String(d.message) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: {
                    uri: path.relative(root, f.file).split(path.sep).join('/'),
                    uriBaseId: 'SRCROOT',
                  },
                  region: {
                    startLine: d.range.start.line + 1,
                    startColumn: d.range.start.character + 1,
                    endLine: d.range.end.line + 1,
                    endColumn: d.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
