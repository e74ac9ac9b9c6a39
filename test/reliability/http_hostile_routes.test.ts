/**
 * No request can answer 500 for bad input. For every route each host mounts (API_ROUTES in Kibana,
 * STANDALONE_API_ROUTES on the standalone server, which also writes rules), fast-check sends
 * hostile requests (http_arbitraries.ts) to both hosts of the same handlers:
 * the real standalone server over HTTP on a real DuckDB store, and the Kibana test host's router
 * over the real Elasticsearch. For each answer:
 * - no 5xx; only the statuses the API documents for bad input;
 * - a 4xx carries a JSON error body, and a 400 from validation names a parameter of the request
 *   (`errors[].path` on the standalone server, Kibana's `[request query]: query.from: …` message);
 * - the store is unchanged (alerts with their workflow state, rules, events), except that an
 *   accepted status change changes exactly the alerts it counts, to the status asked, and an
 *   accepted rule change exactly the rules it names (enabled, installed, created, deleted).
 * `CTD_HTTP_HOSTILE_RUNS` sets the runs per route (default below; bigger one-off runs are in
 * RELIABILITY.md).
 */
import fc from 'fast-check';
import { API_ROUTES, STANDALONE_API_ROUTES } from '../../server/routes';
import { API_BASE_PATH } from '../../server/routes/api_types';
import { DEFAULT_MAX_JSON_BODY_BYTES } from '../../server/standalone/request_body';
import { describeWithElasticsearch } from '../elasticsearch/es_test_env';
import {
  hostileRequest,
  issueExamples,
  routeModels,
  type HostileRequest,
  type RequestPart,
  type RouteModel,
} from './http_arbitraries';
import {
  startKibanaHost,
  startStandaloneHost,
  type ApiHost,
  type StoreSnapshot,
  type WireAnswer,
} from './http_hosts';

const RUNS_PER_ROUTE = Number(process.env.CTD_HTTP_HOSTILE_RUNS ?? 40);
const SEED =
  process.env.CTD_HTTP_HOSTILE_SEED === undefined
    ? {}
    : { seed: Number(process.env.CTD_HTTP_HOSTILE_SEED) };
/** Node's default limit on a request's header block (`--max-http-header-size`): past it Node answers 431 itself. */
const MAX_HEADER_BYTES = 16 * 1024;
const STATUS_ROUTE = `POST ${API_BASE_PATH}/alerts/_status`;
const INSTALL_ROUTE = `POST ${API_BASE_PATH}/rules/_install`;
const ENABLE_ROUTE = `POST ${API_BASE_PATH}/rules/{rule_id}/_enable`;
const DISABLE_ROUTE = `POST ${API_BASE_PATH}/rules/{rule_id}/_disable`;
const RUN_ROUTE = `POST ${API_BASE_PATH}/rules/{rule_id}/_run`;
const CREATE_ROUTE = `POST ${API_BASE_PATH}/rules`;
const IMPORT_ROUTE = `POST ${API_BASE_PATH}/rules/_import`;
const DELETE_ROUTE = `POST ${API_BASE_PATH}/rules/{rule_id}/_delete`;
const UPDATE_ROUTE = `POST ${API_BASE_PATH}/rules/{rule_id}/_update`;
const MAX_PROBLEM_MESSAGE_CHARS = 400;
const PARTS: readonly RequestPart[] = ['params', 'query', 'body'];
const KIBANA_VALIDATION = /^\[request (params|query|body)\]: /;

/** The parameters a problem may name: the route's own, any key this request sent, or the part as a whole. */
const nameableParameters = (request: HostileRequest): Set<string> => {
  const names = new Set<string>(PARTS.map((part) => `${part}.(root)`));
  for (const name of request.model.params) names.add(`params.${name}`);
  for (const name of request.model.query) names.add(`query.${name}`);
  for (const name of request.model.body) names.add(`body.${name}`);
  for (const key of new URL(request.target, 'http://localhost').searchParams.keys())
    names.add(`query.${key}`);
  if (request.body !== undefined) {
    try {
      const parsed: unknown = JSON.parse(request.body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        for (const key of Object.keys(parsed)) names.add(`body.${key}`);
    } catch {
      // not JSON: only the body as a whole can be named
    }
  }
  return names;
};

/** `body.filter.from` and `body.ids[3]` name `body.filter` and `body.ids`; a bounded unknown key names itself. */
const parameterOf = (problemPath: string): string => {
  const [part = '', rest = ''] = problemPath.split(/\.(.*)/s);
  const name = /^[^.[]*/.exec(rest)?.[0] ?? '';
  return `${part}.${name}`;
};

const namesAParameter = (problemPath: string, nameable: Set<string>): boolean => {
  const parameter = parameterOf(problemPath);
  // A key longer than the quoted bound is cut and marked with an ellipsis. A sent key may hold
  // dots itself (`query..%00` names the key ".\u0000"), so the whole path is a name too.
  return (
    nameable.has(problemPath) ||
    nameable.has(parameter) ||
    (parameter.endsWith('…') &&
      [...nameable].some((name) => name.startsWith(parameter.slice(0, -1))))
  );
};

interface ErrorBody {
  readonly message?: unknown;
  readonly errors?: unknown;
  readonly statusCode?: unknown;
}

const isRecord = (value: unknown): value is ErrorBody =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const expectStandaloneError = (request: HostileRequest, answer: WireAnswer): void => {
  if (answer.status === 431) return; // Node's own answer to an oversized header block: no body
  expect(isRecord(answer.body) && typeof answer.body.message === 'string').toBe(true);
  if (answer.status !== 400 || !isRecord(answer.body)) return;
  if (answer.body.errors === undefined) {
    // Refused before routing: the body is not JSON.
    expect(String(answer.body.message)).toMatch(/^request body is not JSON: /);
    return;
  }
  const problems = answer.body.errors as ReadonlyArray<{ path: string; message: string }>;
  const nameable = nameableParameters(request);
  expect(problems.length).toBeGreaterThan(0);
  for (const problem of problems) {
    expect({ path: problem.path, named: namesAParameter(problem.path, nameable) }).toEqual({
      path: problem.path,
      named: true,
    });
    expect(problem.message.length).toBeLessThanOrEqual(MAX_PROBLEM_MESSAGE_CHARS);
  }
};

/**
 * Kibana's 400s: the router's validation failure (`[request query]: query.from: …`), or a handler's
 * own 400, whose API error body Kibana carries in `attributes.details` (register_routes.ts).
 */
const expectKibanaError = (request: HostileRequest, answer: WireAnswer): void => {
  expect(isRecord(answer.body) && typeof answer.body.message === 'string').toBe(true);
  if (answer.status !== 400 || !isRecord(answer.body)) return;
  const message = String(answer.body.message);
  expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  // hapi refuses a malformed path parameter while looking the route up, naming no parameter (@hapi/call lib/index.js).
  if (request.malformedPath) {
    expect(message).toBe('Invalid request path');
    return;
  }
  const nameable = nameableParameters(request);
  const named = KIBANA_VALIDATION.test(message)
    ? message
        .replace(KIBANA_VALIDATION, '')
        .split('; ')
        .map((problem) => problem.split(': ')[0] ?? '')
    : (
        (answer.body as { attributes?: { details?: { errors?: Array<{ path: string }> } } })
          .attributes?.details?.errors ?? []
      ).map((problem) => problem.path);
  expect({
    message,
    named: named.some((problemPath) => namesAParameter(problemPath, nameable)),
  }).toEqual({ message, named: true });
};

/**
 * Statuses a request may get: 200 accepted, 400 refused, 404 names nothing stored, 409 runs a
 * disabled rule; the standalone server also refuses sizes (413 body, 431 Node's header limit; the
 * socket may close before the answer is read: 0), and answers 405 when the path, once its `.` and
 * empty segments are gone (`/rules/./_run` is `/rules/_run`), is another method's route
 * (`GET /rules/{rule_id}`).
 */
const expectStatus = (host: ApiHost, request: HostileRequest, answer: WireAnswer): void => {
  const bodyBytes = Buffer.byteLength(request.body ?? '');
  const oversized =
    bodyBytes > DEFAULT_MAX_JSON_BODY_BYTES || request.target.length > MAX_HEADER_BYTES;
  const allowed =
    host.name === 'standalone'
      ? oversized
        ? [0, 413, 431]
        : [200, 400, 404, 405, 409]
      : [200, 400, 404, 409];
  expect({ status: answer.status, allowed: allowed.includes(answer.status) }).toEqual({
    status: answer.status,
    allowed: true,
  });
};

/** Alerts whose workflow line changed, by id. */
const changedAlerts = (before: StoreSnapshot, after: StoreSnapshot): string[] => {
  const previous = new Set(before.alerts);
  return after.alerts.filter((line) => !previous.has(line));
};

/** The path parameter of an accepted rules request (`…/rules/{rule_id}/_enable`). */
const ruleIdOf = (request: HostileRequest): string =>
  decodeURIComponent(new URL(request.target, 'http://localhost').pathname.split('/')[4] ?? '');

interface ImportedResult {
  readonly kind?: string;
  readonly rule_id: string | null;
  readonly status: string;
}

/** `rule_id enabled` lines after an accepted create or import: the rules the answer says it created, in the state asked. */
const withCreatedRules = (
  request: HostileRequest,
  answer: WireAnswer,
  before: StoreSnapshot
): readonly string[] => {
  const enable = (JSON.parse(request.body ?? '{}') as { enable?: boolean }).enable === true;
  const body = answer.body as { result?: ImportedResult; results?: ImportedResult[] };
  const results = body.results ?? (body.result ? [body.result] : []);
  const created = results
    // Exception lists and items a file carries are stored too, but they are not rules.
    .filter((result) => result.status === 'created' && result.kind === 'rule')
    .map((result) => `${result.rule_id ?? ''} ${String(enable)}`);
  return [...before.rules, ...created].sort();
};

/** An accepted update keeps the rule's enabled state unless the rule object gives one (Kibana's `applyRuleUpdate`). */
const withUpdatedRule = (request: HostileRequest, before: StoreSnapshot): readonly string[] => {
  const body = JSON.parse(request.body ?? '{}') as { rule?: { enabled?: unknown } };
  const enabled = body.rule?.enabled;
  if (typeof enabled !== 'boolean') return before.rules;
  return before.rules.map((line) =>
    line.split(' ')[0] === ruleIdOf(request) ? `${ruleIdOf(request)} ${String(enabled)}` : line
  );
};

/** `rule_id enabled` lines after an accepted request: enable, disable, install-with-enable, create, import, update and delete change them. */
const expectedRules = (
  request: HostileRequest,
  answer: WireAnswer,
  before: StoreSnapshot
): readonly string[] => {
  if (request.model.key === CREATE_ROUTE || request.model.key === IMPORT_ROUTE)
    return withCreatedRules(request, answer, before);
  if (request.model.key === UPDATE_ROUTE) return withUpdatedRule(request, before);
  if (request.model.key === DELETE_ROUTE)
    return before.rules.filter((line) => line.split(' ')[0] !== ruleIdOf(request));
  const setEnabled = (ruleIds: ReadonlySet<string> | undefined, enabled: boolean): string[] =>
    before.rules.map((line) => {
      const [ruleId = ''] = line.split(' ');
      return ruleIds === undefined || ruleIds.has(ruleId) ? `${ruleId} ${String(enabled)}` : line;
    });
  if (request.model.key === ENABLE_ROUTE) return setEnabled(new Set([ruleIdOf(request)]), true);
  if (request.model.key === DISABLE_ROUTE) return setEnabled(new Set([ruleIdOf(request)]), false);
  if (request.model.key !== INSTALL_ROUTE) return before.rules;
  // An empty body and JSON `null` are "no body" on both hosts (Kibana hands a validator null for both): install with defaults.
  const parsed: unknown =
    request.body === undefined || request.body.trim() === '' ? null : JSON.parse(request.body);
  const body = (isRecord(parsed) ? parsed : {}) as { rule_ids?: string[]; enable?: boolean };
  return body.enable === true
    ? setEnabled(body.rule_ids === undefined ? undefined : new Set(body.rule_ids), true)
    : before.rules;
};

const expectStoreKept = (
  request: HostileRequest,
  answer: WireAnswer,
  before: StoreSnapshot,
  after: StoreSnapshot
): void => {
  expect(after.events).toBe(before.events);
  const accepted = answer.status === 200;
  expect(after.rules).toEqual(accepted ? expectedRules(request, answer, before) : before.rules);
  if (accepted && request.model.key === RUN_ROUTE) {
    // A rule run may raise new (open) alerts; it changes none that exist.
    expect(
      after.alerts
        .filter((line) => !before.alerts.includes(line))
        .every((line) => line.split(' ')[1] === 'open')
    ).toBe(true);
    expect(before.alerts.every((line) => after.alerts.includes(line))).toBe(true);
    return;
  }
  expect(after.alerts).toHaveLength(before.alerts.length);
  if (request.model.key !== STATUS_ROUTE || !accepted) {
    expect(after.alerts).toEqual(before.alerts);
    return;
  }
  // An accepted status change: exactly `updated` alerts changed, each to the status asked.
  const updated = (answer.body as { updated: number }).updated;
  const status = (JSON.parse(request.body ?? '{}') as { status: string }).status;
  const changed = changedAlerts(before, after);
  expect(changed).toHaveLength(updated);
  for (const line of changed) expect(line.split(' ')[1]).toBe(status);
};

interface Tally {
  readonly statuses: Map<number, number>;
  /** `route status` → count. */
  readonly byRoute: Map<string, number>;
  readonly given: Map<string, number>;
}

const hostileRoutes = (
  name: string,
  start: () => Promise<ApiHost>,
  routes: typeof API_ROUTES
): void => {
  const MODELS = routeModels(routes);
  describe(`${name}: no request answers 500 for bad input`, () => {
    let host: ApiHost;
    let started = false;
    const tally: Tally = { statuses: new Map(), byRoute: new Map(), given: new Map() };

    beforeAll(async () => {
      host = await start();
      started = true;
      expect(host.alertIds.length).toBeGreaterThan(0);
    }, 180_000);
    afterAll(async () => {
      if (!started) return;
      if (process.env.CTD_HTTP_HOSTILE_REPORT !== undefined) {
        const statuses = Object.fromEntries([...tally.statuses].sort(([a], [b]) => a - b));
        process.stdout.write(
          `${JSON.stringify({
            host: name,
            alerts: host.alertIds.length,
            runsPerRoute: RUNS_PER_ROUTE,
            statuses,
            byRoute: Object.fromEntries(tally.byRoute),
          })}\n`
        );
      }
      await host.close();
    });

    const run = async (request: HostileRequest): Promise<void> => {
      const before = await host.snapshot();
      const answer = await host.send(request);
      expectStatus(host, request, answer);
      if (answer.status >= 400)
        (host.name === 'kibana' ? expectKibanaError : expectStandaloneError)(request, answer);
      expectStoreKept(request, answer, before, await host.snapshot());
      tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
      const routeStatus = `${request.model.key.replace('/api/container_threat_detection', '')} ${answer.status}`;
      tally.byRoute.set(routeStatus, (tally.byRoute.get(routeStatus) ?? 0) + 1);
      for (const parameter of request.given)
        tally.given.set(
          `${request.model.key} ${parameter}`,
          (tally.given.get(`${request.model.key} ${parameter}`) ?? 0) + 1
        );
    };

    it.each(MODELS.map((model) => [model.key, model] as const))(
      '%s',
      async (_key, model: RouteModel) => {
        const examples = issueExamples(model).map((request) => [request] as [HostileRequest]);
        await fc.assert(fc.asyncProperty(hostileRequest(model, host.alertIds), run), {
          numRuns: RUNS_PER_ROUTE,
          examples,
          ...SEED,
        });
      },
      300_000
    );

    it('gave every declared parameter of every route hostile values', () => {
      for (const model of MODELS) {
        for (const part of PARTS) {
          for (const parameter of model[part])
            expect({
              parameter: `${model.key} ${part}.${parameter}`,
              given: (tally.given.get(`${model.key} ${part}.${parameter}`) ?? 0) > 0,
            }).toMatchObject({ given: true });
        }
      }
      expect([...tally.statuses.keys()].every((status) => status < 500)).toBe(true);
    });
  });
};

hostileRoutes(
  'the standalone server over HTTP, on DuckDB',
  startStandaloneHost,
  STANDALONE_API_ROUTES
);

describeWithElasticsearch('the Kibana test host on Elasticsearch', () => {
  hostileRoutes('the Kibana router', () => startKibanaHost(Date.now().toString(36)), API_ROUTES);
});
