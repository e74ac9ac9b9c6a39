#!/usr/bin/env node
/* `npm run demo`: sample events, then both rules replayed over them with `ctd scan` (no browser). */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const dataDir = path.join(root, '.data');
const sample = path.join(dataDir, 'sample.ndjson');
const ctd = path.join(root, 'bin', 'ctd.js');

const step = (args) => {
  const result = spawnSync(process.execPath, [ctd, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status === null ? 1 : result.status);
};

fs.mkdirSync(dataDir, { recursive: true });
if (!fs.existsSync(sample)) step(['generate', '--out', sample, '--events', '20000']);
step(['scan', sample]);
