// HACK: @stryker-mutator/mocha-runner 10.0.0 requires mocha's CLI helpers without an extension
// (`mocha/lib/cli/run-helpers`, `.../options`), but mocha 12 ships them as `.cjs`, so the runner fails to load
// ("no TestRunner plugins were loaded"). Letting extensionless require() also try `.cjs` finds them. Preloaded
// (NODE_OPTIONS=--require) by scripts/mutate.mjs into Stryker and its workers only; drop it once the runner
// resolves `.cjs` itself.
'use strict';
const Module = require('node:module');
if (!Module._extensions['.cjs']) Module._extensions['.cjs'] = Module._extensions['.js'];
