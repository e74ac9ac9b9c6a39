/**
 * Jest globalSetup: makes sure ES_URL points at a live Elasticsearch before the test workers start
 * (workers are forked after this runs, so they inherit process.env).
 *
 * - ES_URL already set: use it, after checking it answers.
 * - otherwise: provision one (provision_elasticsearch.js); jest_global_teardown.js stops it.
 * - cannot (or CTD_SKIP_ES=1): in CI (CI=true) fail the run, since a skipped suite would pass
 *   green; locally set ES_UNAVAILABLE_REASON, warn loudly, and let the ES suites skip.
 */
'use strict';

const { startElasticsearch } = require('./provision_elasticsearch');

// globalSetup and globalTeardown run in the same process; this globalThis key carries the handle.
const ES_HANDLE_KEY = Symbol.for('container-threat-detection.jest.elasticsearch');
const PROBE_TIMEOUT_MS = 5_000;
const TRUTHY = new Set(['1', 'true', 'yes']);

function isCi() {
  return process.env.CI === 'true';
}

async function answers(url) {
  try {
    const response = await fetch(`${url}/_cluster/health`, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function warnSkipped(reason) {
  const rule = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      rule,
      '!!  ELASTICSEARCH TESTS WILL BE SKIPPED',
      `!!  reason: ${reason}`,
      '!!  Only local runs may skip them; with CI=true this is an error.',
      '!!  Fix: unset CTD_SKIP_ES, or point ES_URL at a running cluster, or see test/elasticsearch/README.md',
      rule,
      '',
    ].join('\n') + '\n'
  );
}

function unavailable(reason) {
  if (isCi()) throw new Error(`Elasticsearch is required in CI but unavailable: ${reason}`);
  delete process.env.ES_URL;
  process.env.ES_UNAVAILABLE_REASON = reason;
  warnSkipped(reason);
}

async function globalSetup() {
  if (TRUTHY.has(String(process.env.CTD_SKIP_ES).toLowerCase())) {
    unavailable('CTD_SKIP_ES is set');
  } else if (process.env.ES_URL) {
    await useExisting(process.env.ES_URL);
  } else {
    await provision();
  }
}

async function useExisting(url) {
  const normalized = url.replace(/\/+$/, '');
  if (await answers(normalized)) process.env.ES_URL = normalized;
  else unavailable(`ES_URL=${url} does not answer GET /_cluster/health`);
}

async function provision() {
  try {
    const es = await startElasticsearch();
    globalThis[ES_HANDLE_KEY] = es;
    process.env.ES_URL = es.url;
  } catch (error) {
    unavailable(`could not provision Elasticsearch: ${error.message}`);
  }
}

module.exports = globalSetup;
module.exports.ES_HANDLE_KEY = ES_HANDLE_KEY;
