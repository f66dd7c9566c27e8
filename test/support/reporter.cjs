// Mocha reporter: the usual spec output, plus the tier's totals written as JSON to $LIFTOFF_TEST_STATS
// so scripts/test-all.mjs can sum every tier into its closing "N passed, N failed, N skipped" line. Skipped tests are
// listed with their files, so CI can fail on a suite that must not skip there.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    // Colours only on a terminal: CI logs and the extension host's console get plain text.
    if (!process.stdout.isTTY) Mocha.reporters.Base.useColors = false;
    super(runner, options);
    const failures = [];
    const skipped = [];
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), message: String(err && err.message) }));
    runner.on('pending', (test) =>
      skipped.push({ title: test.fullTitle(), file: test.file || (test.parent && test.parent.file) || '' }),
    );
    runner.once('end', () => {
      const file = process.env.LIFTOFF_TEST_STATS;
      if (!file) return;
      const s = runner.stats || {};
      fs.writeFileSync(
        file,
        JSON.stringify({
          passed: s.passes || 0,
          failed: s.failures || 0,
          skipped: s.pending || skipped.length,
          failures,
          skippedTests: skipped,
        }),
      );
    });
  }
}
module.exports = CountingReporter;
