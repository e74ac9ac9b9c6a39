/**
 * The run history of the embedded store's rules (`rule_runs`): what an execution recorded, read
 * back a page at a time, and its retention. Every value is a bound parameter.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { TimeRange } from '../../new_terms/types';
import { storedText } from '../stored_text';
import type {
  RuleExecutionEntry,
  RuleExecutionHistory,
  RuleExecutionQuery,
  RuleExecutionRecord,
} from '../store_contract';
import { queryRows, stringListParam, toNumber, type Row } from './sql_values';

/**
 * Executions kept per rule: 2,016 is a week of 5-minute runs. Older ones are deleted as new ones
 * are recorded, except the rule's latest run that did not fail, which gap catch-up starts from.
 */
export const RUN_HISTORY_RETENTION = 2_016;

const FAILED = 'failed';

const SELECT_RUNS = `SELECT execution_id, CAST(started_at AS DOUBLE) AS started_at, status,
  alerts_created, duration_ms, message, windows, CAST(terms_evaluated AS DOUBLE) AS terms_evaluated,
  warnings, errors, CAST(gap_from AS DOUBLE) AS gap_from, CAST(gap_to AS DOUBLE) AS gap_to
  FROM rule_runs`;

const NEWEST_FIRST = 'ORDER BY started_at DESC, execution_id';

/** The statuses filter: every status when none are given, else the JSON list as one parameter. */
const statusCondition = (
  statuses: readonly string[] | undefined
): { sql: string; params: DuckDBValue[] } =>
  statuses === undefined
    ? { sql: '', params: [] }
    : {
        sql: `AND list_contains(from_json(?::JSON, '["VARCHAR"]'), status)`,
        params: [stringListParam(statuses)],
      };

const textList = (value: unknown): string[] | undefined =>
  value === null || value === undefined ? undefined : (JSON.parse(storedText(value)) as string[]);

const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : toNumber(value);

/** Runs recorded before the detail columns have their message only: an error when failed, a warning otherwise. */
const messagesOf = (row: Row): Pick<RuleExecutionEntry, 'warnings' | 'errors'> => {
  const warnings = textList(row.warnings);
  const errors = textList(row.errors);
  if (warnings !== undefined && errors !== undefined) return { warnings, errors };
  const message = row.message === null ? [] : [storedText(row.message)];
  return row.status === FAILED
    ? { warnings: [], errors: message }
    : { warnings: message, errors: [] };
};

const gapOf = (row: Row): TimeRange | null => {
  const from = nullableNumber(row.gap_from);
  const to = nullableNumber(row.gap_to);
  return from === null || to === null ? null : { from, to };
};

const toEntry = (row: Row): RuleExecutionEntry => ({
  executionId: storedText(row.execution_id),
  startedAt: toNumber(row.started_at),
  status: storedText(row.status),
  alertsCreated: toNumber(row.alerts_created),
  durationMs: toNumber(row.duration_ms),
  windows:
    row.windows === null || row.windows === undefined
      ? []
      : (JSON.parse(storedText(row.windows)) as TimeRange[]),
  termsEvaluated: nullableNumber(row.terms_evaluated),
  ...messagesOf(row),
  gap: gapOf(row),
});

export const insertRun = (connection: DuckDBConnection, run: RuleExecutionRecord) =>
  connection.run(
    `INSERT INTO rule_runs (execution_id, rule_uuid, started_at, status, alerts_created, duration_ms,
       message, windows, terms_evaluated, warnings, errors, gap_from, gap_to)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      run.executionId,
      run.rule.uuid,
      run.startedAt.getTime(),
      run.status,
      run.alertsCreated,
      run.durationMs,
      run.message,
      JSON.stringify(run.windows.map(({ from, to }) => ({ from, to }))),
      run.termsEvaluated,
      JSON.stringify(run.warnings),
      JSON.stringify(run.errors),
      run.gap?.from ?? null,
      run.gap?.to ?? null,
    ]
  );

/** Deletes a rule's runs beyond the newest `retention`, keeping its latest run that did not fail. */
export const pruneRuns = (connection: DuckDBConnection, ruleUuid: string, retention: number) =>
  connection.run(
    `DELETE FROM rule_runs WHERE rule_uuid = ?
       AND execution_id IN (
         SELECT execution_id FROM rule_runs WHERE rule_uuid = ?
           QUALIFY row_number() OVER (${NEWEST_FIRST}) > ?)
       AND started_at IS DISTINCT FROM (
         SELECT max(started_at) FROM rule_runs WHERE rule_uuid = ? AND status <> '${FAILED}')`,
    [ruleUuid, ruleUuid, retention, ruleUuid]
  );

export const readRunPage = async (
  connection: DuckDBConnection,
  ruleUuid: string,
  query: RuleExecutionQuery
): Promise<RuleExecutionHistory> => {
  const filter = statusCondition(query.statuses);
  const where = `WHERE rule_uuid = ? ${filter.sql}`;
  const params: DuckDBValue[] = [ruleUuid, ...filter.params];
  const [counted] = await queryRows(
    connection,
    `SELECT count(*) AS total FROM rule_runs ${where}`,
    params
  );
  const rows = await queryRows(
    connection,
    `${SELECT_RUNS} ${where} ${NEWEST_FIRST} LIMIT ? OFFSET ?`,
    [...params, query.perPage, query.page * query.perPage]
  );
  return { total: toNumber(counted?.total ?? 0), executions: rows.map(toEntry) };
};

export const readGapRuns = async (
  connection: DuckDBConnection,
  ruleUuid: string,
  limit: number
): Promise<RuleExecutionEntry[]> =>
  (
    await queryRows(
      connection,
      `${SELECT_RUNS} WHERE rule_uuid = ? AND gap_from IS NOT NULL ${NEWEST_FIRST} LIMIT ?`,
      [ruleUuid, limit]
    )
  ).map(toEntry);
