/**
 * How to start a worker thread on a module of this project: the compiled `.js` beside the caller
 * when running the build, or the TypeScript source compiled on load with SWC (a development
 * dependency, as the test runner uses) when running from the sources.
 */
import fs from 'fs';
import path from 'path';
import { Worker, type WorkerOptions } from 'worker_threads';

/** Registers a require hook compiling `.ts` files with SWC to CommonJS, then loads the module. */
const sourceBootstrap = (modulePath: string): string => `
const fs = require('fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(${JSON.stringify(modulePath)});
`;

/** A worker running `name` (no extension) from `directory`. */
export const startWorker = (
  directory: string,
  name: string,
  options: Omit<WorkerOptions, 'eval'>
): Worker => {
  const compiled = path.join(directory, `${name}.js`);
  if (fs.existsSync(compiled)) return new Worker(compiled, options);
  return new Worker(sourceBootstrap(path.join(directory, `${name}.ts`)), {
    ...options,
    eval: true,
  });
};
