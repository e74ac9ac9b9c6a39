/**
 * What test files need from the Elasticsearch that jest_global_setup.js provisions (or skipped).
 */

const CI_VALUE = 'true';
const NOT_SET_REASON =
  'ES_URL is not set (is test/elasticsearch/jest_global_setup.js the jest globalSetup?)';

/** Base URL of the test cluster, without a trailing slash; undefined when ES tests are skipped. */
export function esTestUrl(): string | undefined {
  return process.env.ES_URL?.replace(/\/+$/, '') || undefined;
}

/** `describe` when a cluster is available; otherwise a loud skip locally and a failure in CI. */
export function describeWithElasticsearch(name: string, fn: () => void): void {
  if (esTestUrl()) {
    describe(name, fn);
    return;
  }
  const reason = process.env.ES_UNAVAILABLE_REASON ?? NOT_SET_REASON;
  if (process.env.CI === CI_VALUE) {
    // A skipped suite would let CI pass green without ever touching Elasticsearch.
    describe(name, () => {
      it('has an Elasticsearch to run against', () => {
        throw new Error(`Elasticsearch is required in CI: ${reason}`);
      });
    });
    return;
  }
  process.stderr.write(`Skipping "${name}": Elasticsearch unavailable (${reason})\n`);
  describe.skip(name, fn);
}
