#!/usr/bin/env node
'use strict';
// The compiled CLI (built by `npm run build`, which `npm install` runs through `prepare`).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'ctd.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'ctd is not built yet: run `npm run build` in ' + path.join(__dirname, '..') + '\n'
  );
  process.exit(1);
}
const { runCli } = require(entry);
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write((error && error.stack) || String(error));
    process.stderr.write('\n');
    process.exitCode = 70;
  }
);
