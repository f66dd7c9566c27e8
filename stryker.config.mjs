// StrykerJS mutation testing: `npm run mutate -- <area>` (scripts/mutate.mjs picks the area; not part of `npm test`).
// Stryker mutates the TypeScript sources in a sandbox, `tsc -b` compiles them to out/, and mocha runs the area's compiled
// unit tests there; the TypeScript checker drops mutants that do not compile. Incremental: each area keeps its results
// in reports/mutation/<area>.incremental.json (git-ignored), so a re-run only tests mutants of changed code or tests.
import { areas } from './scripts/mutate-areas.mjs';

const name = process.env.LIFTOFF_MUTATE_AREA ?? 'rules';
const area = areas[name];
if (!area) throw new Error(`unknown mutation area "${name}": one of ${Object.keys(areas).join(', ')}`);
// LIFTOFF_MUTATE_SPEC (comma-separated globs) narrows the tests to a few files: with `--mutate` on a few sources, a
// run whose static mutants (module-level tables and patterns, which run every test) would take an hour takes minutes.
// Fewer tests can only kill fewer mutants, so a narrowed score is a lower bound of the area's.
const spec = process.env.LIFTOFF_MUTATE_SPEC?.split(',').filter(Boolean) ?? area.spec;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // The sandbox sits in .stryker-tmp/ inside the clone, so node_modules resolves upwards; the tsc path is absolute.
  buildCommand: `node ${new URL('node_modules/typescript/bin/tsc', import.meta.url).pathname} -b`,
  mutate: area.mutate,
  mochaOptions: { config: '.mocharc.json', spec },
  coverageAnalysis: 'perTest',
  // The shared machine has two cores: one test runner and one checker by default.
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  thresholds: { high: area.target, low: area.target - 10, break: null },
  ignorePatterns: ['dist', 'test-results', '.liftoff', 'bench/results', '*.vsix', 'media'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 10000,
};
