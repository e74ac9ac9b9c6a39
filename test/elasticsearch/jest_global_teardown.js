/** Jest globalTeardown: stops the Elasticsearch that jest_global_setup.js started, and nothing else. */
'use strict';

const { ES_HANDLE_KEY } = require('./jest_global_setup');

module.exports = async function globalTeardown() {
  const es = globalThis[ES_HANDLE_KEY];
  if (!es) return;
  delete globalThis[ES_HANDLE_KEY];
  await es.stop();
};
