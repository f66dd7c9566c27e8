#!/usr/bin/env node
'use strict';
// The `liftoff` command: runs the bundled CLI. Build first (`npm run build`) when working from a clone.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'liftoff.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`liftoff: ${bundle} is missing. Run 'npm run build' in ${path.dirname(__dirname)} first.\n`);
  process.exit(2);
}
require(bundle);
