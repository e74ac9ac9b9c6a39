/**
 * The run history on a real (in-memory) DuckDB: what an execution records comes back whole, newest
 * first, a page at a time, filtered by status; a rule keeps only its most recent runs (and always
 * the latest one that did not fail, which catch-up starts from); stores made before the history's
 * detail columns gain them and show their old runs' messages.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PREBUILT_RULES } from '../../../common/rules/catalog';
import type { InstalledRule, RuleExecutionRecord } from '../store_contract';
import { DuckDbRuleStore } from './rule_store';
import { SCHEMA_STATEMENTS } from './schema';

const MINUTE_MS = 60_000;
const FIRST_RUN = Date.parse('2025-03-12T12:00:00.000Z');
const at = (minutes: number): Date => new Date(FIRST_RUN + minutes * MINUTE_MS);

const definition = PREBUILT_RULES[0];
if (definition === undefined) throw new Error('no prebuilt rule');

const withConnection = async (
  body: (connection: DuckDBConnection) => Promise<void>,
  before: readonly string[] = []
): Promise<void> => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of before) await connection.run(statement);
    for (const statement of SCHEMA_STATEMENTS) await connection.run(statement);
    await body(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
};

const run = (
  rule: InstalledRule,
  minutes: number,
  overrides: Partial<RuleExecutionRecord> = {}
): RuleExecutionRecord => ({
  rule,
  executionId: `run-${minutes}`,
  startedAt: at(minutes),
  status: 'succeeded',
  alertsCreated: 0,
  durationMs: 12,
  message: null,
  windows: [{ from: at(minutes - 9).getTime(), to: at(minutes).getTime() }],
  termsEvaluated: 3,
  warnings: [],
  errors: [],
  gap: null,
  ...overrides,
});

describe('DuckDbRuleStore run history', () => {
  it('returns what each execution recorded, newest first, a page at a time', async () => {
    await withConnection(async (connection) => {
      const store = new DuckDbRuleStore(connection);
      const rule = await store.install(definition, true, at(0));
      const gap = { from: at(5).getTime(), to: at(65).getTime() };
      await store.recordExecution(run(rule, 0, { alertsCreated: 2 }));
      await store.recordExecution(
        run(rule, 85, {
          status: 'partial failure',
          windows: [
            { from: at(56).getTime(), to: at(65).getTime() },
            { from: at(76).getTime(), to: at(85).getTime() },
          ],
          warnings: ['<b>60 minutes</b> were not queried'],
          gap,
        })
      );
      await store.recordExecution(
        run(rule, 90, { status: 'failed', errors: ['store unreachable'], windows: [] })
      );

      const first = await store.executionHistory(rule.uuid, { page: 0, perPage: 2 });
      expect(first.total).toBe(3);
      expect(first.executions.map((entry) => entry.executionId)).toEqual(['run-90', 'run-85']);
      expect(first.executions[0]).toMatchObject({
        status: 'failed',
        errors: ['store unreachable'],
        windows: [],
      });
      expect(first.executions[1]).toEqual({
        executionId: 'run-85',
        startedAt: at(85).getTime(),
        status: 'partial failure',
        alertsCreated: 0,
        durationMs: 12,
        windows: [
          { from: at(56).getTime(), to: at(65).getTime() },
          { from: at(76).getTime(), to: at(85).getTime() },
        ],
        termsEvaluated: 3,
        warnings: ['<b>60 minutes</b> were not queried'],
        errors: [],
        gap,
      });
      const second = await store.executionHistory(rule.uuid, { page: 1, perPage: 2 });
      expect(second.executions.map((entry) => [entry.executionId, entry.alertsCreated])).toEqual([
        ['run-0', 2],
      ]);

      const gaps = await store.executionGaps(rule.uuid, 10);
      expect(gaps.map((entry) => [entry.executionId, entry.gap])).toEqual([['run-85', gap]]);
    });
  });

  it('filters by status, counting only what the filter selects', async () => {
    await withConnection(async (connection) => {
      const store = new DuckDbRuleStore(connection);
      const rule = await store.install(definition, true, at(0));
      await store.recordExecution(run(rule, 0));
      await store.recordExecution(run(rule, 5, { status: 'failed' }));
      await store.recordExecution(run(rule, 10, { status: 'partial failure' }));
      await store.recordExecution(run(rule, 15, { status: 'failed' }));

      const failed = await store.executionHistory(rule.uuid, {
        page: 0,
        perPage: 10,
        statuses: ['failed'],
      });
      expect(failed.total).toBe(2);
      expect(failed.executions.map((entry) => entry.executionId)).toEqual(['run-15', 'run-5']);
      const none = await store.executionHistory(rule.uuid, {
        page: 0,
        perPage: 10,
        statuses: ["succeeded' OR 1=1 --"],
      });
      expect(none).toEqual({ total: 0, executions: [] });
    });
  });

  it('keeps each rule’s most recent runs, and its latest run that did not fail', async () => {
    await withConnection(async (connection) => {
      const store = new DuckDbRuleStore(connection, 3);
      const rule = await store.install(definition, true, at(0));
      const other = await store.install(PREBUILT_RULES[1] ?? definition, true, at(0));
      await store.recordExecution(run(other, 0, { executionId: 'other-0' }));
      await store.recordExecution(run(rule, 0));
      for (const minutes of [5, 10, 15, 20]) {
        await store.recordExecution(run(rule, minutes, { status: 'failed' }));
      }

      const kept = await store.executionHistory(rule.uuid, { page: 0, perPage: 10 });
      // run-5 is gone; run-0, the latest that searched its windows, stays for catch-up.
      expect(kept.executions.map((entry) => entry.executionId)).toEqual([
        'run-20',
        'run-15',
        'run-10',
        'run-0',
      ]);
      expect((await store.findByRuleId(definition.rule_id))?.lastCoveredStartedAt).toBe(
        at(0).getTime()
      );
      await store.recordExecution(run(rule, 25));
      const after = await store.executionHistory(rule.uuid, { page: 0, perPage: 10 });
      expect(after.executions.map((entry) => entry.executionId)).toEqual([
        'run-25',
        'run-20',
        'run-15',
      ]);
      const untouched = await store.executionHistory(other.uuid, { page: 0, perPage: 10 });
      expect(untouched.total).toBe(1);
    });
  });

  it('adds the detail columns to a store made before them, and shows its old runs’ messages', async () => {
    const before = [
      `CREATE TABLE rule_runs (execution_id VARCHAR PRIMARY KEY, rule_uuid VARCHAR NOT NULL,
        started_at BIGINT NOT NULL, status VARCHAR NOT NULL, alerts_created INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL, message VARCHAR)`,
      `INSERT INTO rule_runs VALUES
        ('old-failed', 'uuid-1', ${at(0).getTime()}, 'failed', 0, 4, 'Window …: unreachable'),
        ('old-warned', 'uuid-1', ${at(5).getTime()}, 'partial failure', 1, 4, 'no index matching'),
        ('old-ok', 'uuid-1', ${at(10).getTime()}, 'succeeded', 0, 4, NULL)`,
    ];
    await withConnection(async (connection) => {
      const history = await new DuckDbRuleStore(connection).executionHistory('uuid-1', {
        page: 0,
        perPage: 10,
      });
      expect(
        history.executions.map(
          ({ executionId, warnings, errors, windows, termsEvaluated, gap }) => ({
            executionId,
            warnings,
            errors,
            windows,
            termsEvaluated,
            gap,
          })
        )
      ).toEqual([
        {
          executionId: 'old-ok',
          warnings: [],
          errors: [],
          windows: [],
          termsEvaluated: null,
          gap: null,
        },
        {
          executionId: 'old-warned',
          warnings: ['no index matching'],
          errors: [],
          windows: [],
          termsEvaluated: null,
          gap: null,
        },
        {
          executionId: 'old-failed',
          warnings: [],
          errors: ['Window …: unreachable'],
          windows: [],
          termsEvaluated: null,
          gap: null,
        },
      ]);
    }, before);
  });
});
