// Regenerates docs/rules.md from the rule catalogue and the rules' fixtures (build first: npx tsc -b).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const { renderRulesDoc } = require(root + 'out/test/support/rules-doc.js');
writeFileSync(root + 'docs/rules.md', renderRulesDoc());
console.log('docs/rules.md written');
