/**
 * Test helper: lets a child `node` process run the TypeScript sources directly
 * (`node -r ./test/helpers/register_ts.js cli/ctd.ts ...`), compiling each .ts file with SWC as
 * jest does. Only the CLI tests that need a real process (stdin, the exit code) use it.
 */
'use strict';
const fs = require('fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
