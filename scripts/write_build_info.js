#!/usr/bin/env node
/*
 * Stamps dist/ with the commit it was built from (and whether tracked files differed from it), so
 * that a benchmark report names the code it ran rather than whatever is checked out when the
 * report is written. Without git (an unpacked archive) the commit is "unknown".
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const OUTPUT = path.join(ROOT, 'dist', 'build_info.json');

const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });

const head = git(['rev-parse', '--short', 'HEAD']);
const status = git(['status', '--porcelain', '--untracked-files=no']);
const info =
  head.status === 0
    ? { commit: head.stdout.trim(), dirty: status.status === 0 && status.stdout.trim().length > 0 }
    : { commit: 'unknown', dirty: false };
fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
fs.writeFileSync(OUTPUT, `${JSON.stringify(info)}\n`);
