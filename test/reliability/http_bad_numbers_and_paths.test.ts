/**
 * Through the real hosts (http_hosts.ts): numbers past what a store binds, and path segments
 * that are not valid percent-encoded UTF-8, used to answer 500. Each must now answer 400 naming the parameter and its range (or the app's page, for the UI), and
 * change nothing. Also: a request target Node cannot parse as a URL (`GET //`) threw inside the
 * request listener, which ends the standalone process; it now answers 400.
 */
import * as F from '../../common/alerts/field_names';
import { MAX_PAGE } from '../../common/api/request_bounds';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { resolveRoute } from '../../public/application/routing';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { describeWithElasticsearch } from '../elasticsearch/es_test_env';
import { startKibanaHost, startStandaloneHost, type ApiHost, type WireAnswer } from './http_hosts';

const ALERTS = `${API_BASE_PATH}/alerts`;
const HISTOGRAM = `${API_BASE_PATH}/alerts/_histogram`;
const INSTANT_RANGE =
  'must be a time from -271821-04-20T00:00:00.000Z to +275760-09-13T00:00:00.000Z (epoch ms -8640000000000000 to 8640000000000000), in ISO 8601 or whole epoch milliseconds';
const INTERVAL_RANGE =
  'interval must be from 1ms to 100000000d (8640000000000000 ms), in milliseconds or a duration such as 30m or 1h';
const HUGE_NUMBERS = [
  '99999999999999999999999',
  '-99999999999999999999999',
  '9223372036854775808',
  '8640000000000001',
  '1e309',
];
const MALFORMED_SEGMENTS = ['%FF', '%ED%A0%80', '%C0%80', '%zz', '%', '%E0%A4', '%F4%90%80%80'];
const UNPARSABLE_TARGETS = ['//', '//[', 'http://[::1', '//x:notaport/', 'http://x:99999/'];
const JSON_TYPE = 'application/json';
/** Elasticsearch's default `search.max_buckets`: "Trying to create too many buckets. Must be less than or equal to: [65536]" (tried on 8.19). */
const ES_MAX_BUCKETS = 65_536;
const FIRST_RULE_ID = PREBUILT_RULES[0]?.rule_id ?? '';

/** The parts of a standalone 400 that name what was wrong. */
const problemsOf = (answer: WireAnswer): unknown => ({
  status: answer.status,
  errors: (answer.body as { errors?: unknown }).errors,
});

/** A Kibana 400 from route validation: `[request <part>]: <problems>`. */
const kibanaRefusal = (part: string, problems: string): WireAnswer => ({
  status: 400,
  body: { statusCode: 400, error: 'Bad Request', message: `[request ${part}]: ${problems}` },
});

describe('the standalone server refuses numbers past the stores and malformed paths (defects 3, 4)', () => {
  let host: ApiHost;

  beforeAll(async () => {
    host = await startStandaloneHost();
  }, 120_000);
  afterAll(async () => {
    await host.close();
  });

  const get = (target: string): Promise<WireAnswer> => host.send({ method: 'GET', target });
  const post = (target: string, body?: unknown): Promise<WireAnswer> =>
    host.send({
      method: 'POST',
      target,
      ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: JSON_TYPE }),
    });

  describe.each([ALERTS, HISTOGRAM])('%s', (route) => {
    it.each(HUGE_NUMBERS.flatMap((value) => [['from', value] as const, ['to', value] as const]))(
      'answers 400 naming %s=%s and the range',
      async (name, value) => {
        const message = `${name} ${INSTANT_RANGE} (got ${JSON.stringify(value)})`;
        expect(problemsOf(await get(`${route}?${name}=${value}`))).toEqual({
          status: 400,
          errors: [{ path: `query.${name}`, message }],
        });
      }
    );

    it('takes both ends of the range', async () => {
      const interval = route === HISTOGRAM ? '&interval=100000000d' : '';
      expect(
        (await get(`${route}?from=-8640000000000000&to=8640000000000000${interval}`)).status
      ).toBe(200);
      expect(
        (
          await get(
            `${route}?from=-271821-04-20T00:00:00.000Z&to=%2B275760-09-13T00:00:00.000Z${interval}`
          )
        ).status
      ).toBe(200);
    });
  });

  it('answers 400 naming the histogram interval and its bounds', async () => {
    for (const interval of ['9223372036854775807', '8640000000000001', '100000001d', '0']) {
      expect(problemsOf(await get(`${HISTOGRAM}?interval=${interval}`))).toEqual({
        status: 400,
        errors: [
          {
            path: 'query.interval',
            message: `${INTERVAL_RANGE} (got ${JSON.stringify(interval)})`,
          },
        ],
      });
    }
    expect((await get(`${HISTOGRAM}?interval=8640000000000000`)).status).toBe(200);
  });

  it('answers 400 naming a page past the deepest one', async () => {
    expect(problemsOf(await get(`${ALERTS}?page=99999999999999999999999`))).toEqual({
      status: 400,
      errors: [
        {
          path: 'query.page',
          message: `page is at most ${MAX_PAGE} (got "99999999999999999999999")`,
        },
      ],
    });
    expect((await get(`${ALERTS}?page=${MAX_PAGE}&per_page=1000`)).body).toMatchObject({
      page: MAX_PAGE,
      alerts: [],
    });
  });

  it('refuses a status change with a number past the range, or an id no store can hold, and changes nothing', async () => {
    const before = await host.snapshot();
    expect(
      problemsOf(await post(`${ALERTS}/_status`, { filter: { from: 1e300 }, status: 'closed' }))
    ).toEqual({
      status: 400,
      errors: [{ path: 'body.filter.from', message: `from ${INSTANT_RANGE} (got 1e+300)` }],
    });
    expect(
      problemsOf(await post(`${ALERTS}/_status`, { ids: ['\ud800'], status: 'closed' }))
    ).toEqual({
      status: 400,
      errors: [
        {
          path: 'body.ids[0]',
          message: 'ids must be well-formed Unicode text (it holds a lone surrogate)',
        },
      ],
    });
    expect(await host.snapshot()).toEqual(before);
  });

  it.each(MALFORMED_SEGMENTS)(
    'answers 400 naming the path parameter for %s, and changes nothing',
    async (segment) => {
      const before = await host.snapshot();
      const got = `(got ${JSON.stringify(segment)})`;
      expect(problemsOf(await get(`${ALERTS}/${segment}`))).toEqual({
        status: 400,
        errors: [{ path: 'params.id', message: `id is not valid percent-encoded UTF-8 ${got}` }],
      });
      for (const action of ['_run', '_enable', '_disable']) {
        expect(problemsOf(await post(`${API_BASE_PATH}/rules/${segment}/${action}`))).toEqual({
          status: 400,
          errors: [
            {
              path: 'params.rule_id',
              message: `rule_id is not valid percent-encoded UTF-8 ${got}`,
            },
          ],
        });
      }
      expect(await host.snapshot()).toEqual(before);
    }
  );

  it.each(MALFORMED_SEGMENTS)(
    'serves the app shell for /app/…%s (the app shows its not-found page), 404 elsewhere',
    async (segment) => {
      for (const target of [
        `/app/${segment}`,
        `/app/alerts/${segment}`,
        `/app/rules/x${segment}`,
      ]) {
        expect(await get(target)).toEqual({
          status: 200,
          body: '<!doctype html><div id="root"></div>',
        });
      }
      expect(await get(`/${segment}`)).toEqual({
        status: 404,
        body: { message: `Not found: /${segment}` },
      });
      // What the app makes of such a path: its not-found page.
      expect(resolveRoute(`/${segment}`)).toEqual({ page: 'notFound', pathname: `/${segment}` });
      expect(resolveRoute(`/alerts/${segment}`).page).toBe('notFound');
    }
  );

  it.each(UNPARSABLE_TARGETS)(
    'answers 400 to the request target %s and keeps serving',
    async (target) => {
      expect(await get(target)).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'The request target is not a valid URL path.',
        },
      });
      expect((await get(`${API_BASE_PATH}/rules`)).status).toBe(200);
    }
  );

  it('still runs an enabled rule, and answers 409 for a disabled one (Kibana refuses to run it too)', async () => {
    expect((await post(`${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_run`)).status).toBe(200);
    expect((await post(`${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_disable`)).status).toBe(200);
    expect(await post(`${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_run`)).toEqual({
      status: 409,
      body: { message: `Rule ${FIRST_RULE_ID} is disabled; enable it before running it` },
    });
    expect((await post(`${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_enable`)).status).toBe(200);
  });
});

describeWithElasticsearch('the Kibana router refuses numbers past the stores (defect 3)', () => {
  let host: ApiHost;

  beforeAll(async () => {
    host = await startKibanaHost(`d${Date.now().toString(36)}`);
  }, 120_000);
  afterAll(async () => {
    await host.close();
  });

  it.each(HUGE_NUMBERS)(
    'answers Kibana’s 400 naming from, to and the range for %s',
    async (value) => {
      const got = `(got ${JSON.stringify(value)})`;
      expect(await host.send({ method: 'GET', target: `${ALERTS}?from=${value}` })).toEqual(
        kibanaRefusal('query', `query.from: from ${INSTANT_RANGE} ${got}`)
      );
      expect(await host.send({ method: 'GET', target: `${HISTOGRAM}?to=${value}` })).toEqual(
        kibanaRefusal('query', `query.to: to ${INSTANT_RANGE} ${got}`)
      );
    }
  );

  it('answers Kibana’s 400 naming the interval, a page too deep, a number past the range in a body', async () => {
    expect(
      await host.send({ method: 'GET', target: `${HISTOGRAM}?interval=9223372036854775807` })
    ).toEqual(
      kibanaRefusal('query', `query.interval: ${INTERVAL_RANGE} (got "9223372036854775807")`)
    );
    expect(
      await host.send({ method: 'GET', target: `${ALERTS}?page=99999999999999999999999` })
    ).toEqual(
      kibanaRefusal(
        'query',
        `query.page: page is at most ${MAX_PAGE} (got "99999999999999999999999")`
      )
    );
    const before = await host.snapshot();
    expect(
      await host.send({
        method: 'POST',
        target: `${ALERTS}/_status`,
        body: '{"filter":{"to":1e309},"status":"closed"}',
      })
    ).toEqual(kibanaRefusal('body', `body.filter.to: to ${INSTANT_RANGE} (got Infinity)`));
    expect(await host.snapshot()).toEqual(before);
  });

  it('takes both ends of the range', async () => {
    expect(
      (
        await host.send({
          method: 'GET',
          target: `${ALERTS}?from=-8640000000000000&to=8640000000000000`,
        })
      ).status
    ).toBe(200);
    expect(
      (
        await host.send({
          method: 'GET',
          target: `${HISTOGRAM}?from=-8640000000000000&to=8640000000000000&interval=100000000d`,
        })
      ).status
    ).toBe(200);
  });

  it('answers 409 for running a disabled rule (Kibana’s runSoon refuses it; this was a 500)', async () => {
    expect(
      (
        await host.send({
          method: 'POST',
          target: `${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_disable`,
        })
      ).status
    ).toBe(200);
    expect(
      await host.send({ method: 'POST', target: `${API_BASE_PATH}/rules/${FIRST_RULE_ID}/_run` })
    ).toMatchObject({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: `Rule ${FIRST_RULE_ID} is disabled; enable it before running it`,
      },
    });
  });

  it('answers 400 for a histogram of more buckets than Elasticsearch allows (this was a 500: too_many_buckets_exception)', async () => {
    const { client, alertsIndex } = host.elasticsearch ?? { client: undefined, alertsIndex: '' };
    if (client === undefined) throw new Error('the Kibana host has no Elasticsearch client');
    // One alert per millisecond, one more than search.max_buckets (65,536).
    const start = Date.parse('2030-01-01T00:00:00.000Z');
    const operations = Array.from({ length: ES_MAX_BUCKETS + 1 }, (_, i) => [
      { create: { _index: alertsIndex, _id: `bucket-${i}` } },
      {
        '@timestamp': new Date(start + i).toISOString(),
        [F.ALERT_UUID]: `bucket-${i}`,
        [F.ALERT_WORKFLOW_STATUS]: 'open',
      },
    ]).flat();
    const indexed = await client.bulk({ operations, refresh: true });
    expect(indexed.errors).toBe(false);
    expect(await host.send({ method: 'GET', target: `${HISTOGRAM}?interval=1` })).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        message: 'interval too small for the range: at most 2000 buckets',
        attributes: { details: { errors: [{ path: 'query.interval' }] } },
      },
    });
    expect(
      (await host.send({ method: 'GET', target: `${HISTOGRAM}?interval=1m&from=${start}` })).status
    ).toBe(200);
  }, 60_000);

  it('answers hapi’s 400 "Invalid request path" for a malformed path parameter, before any other check', async () => {
    for (const segment of MALFORMED_SEGMENTS) {
      for (const target of [`${ALERTS}/${segment}`, `${API_BASE_PATH}/rules/${segment}/_run`]) {
        const method = target.endsWith('_run') ? 'POST' : 'GET';
        expect(await host.send({ method, target })).toEqual({
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: 'Invalid request path' },
        });
      }
    }
  });
});
