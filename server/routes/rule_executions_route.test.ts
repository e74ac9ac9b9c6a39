/**
 * GET /rules/{rule_id}/_executions on the standalone engine, through the real routes and the
 * embedded store: each run's windows (catch-up ones marked), terms, alerts, warnings and gap,
 * newest first and paged, filtered by status; a bad parameter gets a 400 naming it.
 */
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as RULE_ID } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { ApiError } from '../../public/application/api_error';
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { textInput } from '../../test/helpers/text_input';
import { API_BASE_PATH } from './api_types';

const MINUTE_MS = 60_000;
const FIRST_RUN = Date.parse('2025-03-12T12:00:00.000Z');
const at = (minutes: number): Date => new Date(FIRST_RUN + minutes * MINUTE_MS);

/** An interactive shell started in a container: what the rule looks for. */
const interactiveShell = (timestamp: Date, id: string, name: string): string =>
  JSON.stringify({
    '@timestamp': timestamp.toISOString(),
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    event: { id, category: ['process'], type: ['start'], action: 'exec' },
    host: { os: { type: 'linux' }, name: 'node-1' },
    process: { name, interactive: true, entry_leader: { entry_meta: { type: 'container' } } },
  });

describe('GET /rules/{rule_id}/_executions (standalone)', () => {
  let host: InProcessApi;
  let now = at(0);

  beforeAll(async () => {
    host = await inProcessApi({ now: () => now });
    await host.api.installRules([RULE_ID], true);
    await host.store.ingest([
      textInput(
        'shells.ndjson',
        [interactiveShell(at(-1), 'a', 'bash'), interactiveShell(at(-2), 'b', 'sh')].join('\n')
      ),
    ]);
    await host.api.runRule(RULE_ID);
    now = at(5);
    await host.api.runRule(RULE_ID);
    // Four hours late: four catch-up windows, and what they cannot reach is a gap.
    now = at(245);
    await host.api.runRule(RULE_ID);
  });
  afterAll(() => host.close());

  it('lists each execution with what it searched and found, newest first', async () => {
    const page = await host.api.ruleExecutions(RULE_ID, { page: 0, perPage: 20 });
    expect(page).toMatchObject({ page: 0, per_page: 20, total: 3 });
    const [late, second, first] = page.executions;
    expect(page.executions.map((execution) => execution.started_at)).toEqual(
      [at(245), at(5), at(0)].map((date) => date.toISOString())
    );
    expect(first).toMatchObject({
      status: 'succeeded',
      alerts_created: 2,
      terms_evaluated: 2,
      windows: [{ from: at(-9).toISOString(), to: at(0).toISOString(), catch_up: false }],
      warnings: [],
      errors: [],
      gap: null,
    });
    expect(second).toMatchObject({ status: 'succeeded', alerts_created: 0, gap: null });
    expect(late?.status).toBe('partial failure');
    expect(late?.windows?.map((window) => window.catch_up)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(late?.warnings.join(' ')).toContain('were not queried between this rule execution');
    // From the previous start: 240 minutes, less one lookback (9) and four intervals (20).
    const gap = {
      from: at(5).toISOString(),
      to: at(216).toISOString(),
      duration_ms: 211 * MINUTE_MS,
    };
    expect(late?.gap).toEqual(gap);
    expect(page.gaps).toEqual([
      { execution_id: late?.execution_id, reported_at: at(245).toISOString(), ...gap },
    ]);
  });

  it('pages and filters by status', async () => {
    const second = await host.api.ruleExecutions(RULE_ID, { page: 1, perPage: 2 });
    expect(second.executions.map((execution) => execution.started_at)).toEqual([
      at(0).toISOString(),
    ]);
    const warned = await host.api.ruleExecutions(RULE_ID, {
      page: 0,
      perPage: 20,
      statuses: ['partial failure', 'failed'],
    });
    expect(warned.total).toBe(1);
    expect(warned.gaps).toHaveLength(1);
  });

  it('answers 400 naming a bad parameter, and 404 for a rule not installed', async () => {
    const refused = async (query: Record<string, string>): Promise<ApiError> => {
      try {
        await host.transport({
          method: 'GET',
          path: `${API_BASE_PATH}/rules/${RULE_ID}/_executions`,
          query,
        });
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
      throw new Error(`accepted ${JSON.stringify(query)}`);
    };
    for (const [query, path, message] of [
      [{ per_page: '0' }, 'query.per_page', 'per_page is at least 1 (got "0")'],
      [{ page: '10000' }, 'query.page', 'page is at most 9999 (got "10000")'],
      [{ page: 'x' }, 'query.page', 'page must be a whole number from 0 to 9999 (got "x")'],
      [
        { status: 'ok' },
        'query.status[0]',
        'status must be one of succeeded, warning, partial failure, failed',
      ],
      [{ size: '5' }, 'query.size', 'size is not a parameter of this route'],
    ] as const) {
      const error = await refused(query);
      expect(error.status).toBe(400);
      expect(error.errors).toEqual([{ path, message }]);
    }
    await expect(
      host.api.ruleExecutions('not-installed', { page: 0, perPage: 5 })
    ).rejects.toMatchObject({ status: 404 });
  });
});
