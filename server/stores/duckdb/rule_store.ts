/**
 * Installed rules of the standalone engine: a copy of a catalog rule with its own uuid, enabled
 * state, the start of its last execution (for gap catch-up) and its run history (run_history.ts). Kibana keeps the same in rule
 * saved objects; the plugin uses those instead.
 */
import { randomUUID } from 'crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RuleExceptionListReference } from '../../../common/exceptions/exception_schema';
import type { NewTermsRuleDefinition } from '../../../common/rules/rule_schema';
import { DEFAULT_SPACE_ID } from '../../new_terms/rule_instance';
import { storedText } from '../stored_text';
import type { ImportedRule } from '../../../common/rules/kibana_rule_import';
import type { KibanaNewTermsRule } from '../../../common/rules/kibana_rule_schema';
import type {
  InstalledRule,
  LastRuleRun,
  RuleExecutionEntry,
  RuleExecutionHistory,
  RuleExecutionQuery,
  RuleExecutionRecord,
  RuleImportOutcome,
  RuleStore,
} from '../store_contract';
import {
  insertRun,
  pruneRuns,
  readGapRuns,
  readRunPage,
  RUN_HISTORY_RETENTION,
} from './run_history';
import { queryRows, toNumber } from './sql_values';

const kibanaRuleOf = (value: unknown): { kibana?: KibanaNewTermsRule } =>
  value === null || value === undefined
    ? {}
    : { kibana: JSON.parse(storedText(value)) as KibanaNewTermsRule };

const toInstalled = (row: Record<string, unknown>): InstalledRule => ({
  uuid: String(row.uuid),
  source: row.source === 'user' ? 'user' : 'prebuilt',
  ...kibanaRuleOf(row.kibana_rule),
  spaceId: String(row.space_id),
  enabled: row.enabled === true,
  definition: JSON.parse(String(row.definition)) as NewTermsRuleDefinition,
  previousStartedAt: row.previous_started_at === null ? null : toNumber(row.previous_started_at),
  lastCoveredStartedAt:
    row.last_covered_started_at === null ? null : toNumber(row.last_covered_started_at),
});

const SELECT_RULES = `SELECT uuid, rule_id, space_id, enabled, definition, source, kibana_rule,
  CAST(previous_started_at AS DOUBLE) AS previous_started_at,
  (SELECT CAST(max(started_at) AS DOUBLE) FROM rule_runs
    WHERE rule_runs.rule_uuid = rule_instances.uuid AND rule_runs.status <> 'failed') AS last_covered_started_at
  FROM rule_instances`;

export class DuckDbRuleStore implements RuleStore {
  constructor(
    private readonly connection: DuckDBConnection,
    /** Executions kept per rule (run_history.ts). */
    private readonly retention: number = RUN_HISTORY_RETENTION
  ) {}

  async list(): Promise<InstalledRule[]> {
    return (await queryRows(this.connection, `${SELECT_RULES} ORDER BY rule_id`)).map(toInstalled);
  }

  async findByRuleId(ruleId: string): Promise<InstalledRule | undefined> {
    const rows = await queryRows(this.connection, `${SELECT_RULES} WHERE rule_id = ?`, [ruleId]);
    const row = rows[0];
    return row === undefined ? undefined : toInstalled(row);
  }

  /** Installs a catalog rule once; an installed rule keeps its uuid (alert ids depend on it). */
  async install(
    definition: NewTermsRuleDefinition,
    enabled: boolean,
    now: Date
  ): Promise<InstalledRule> {
    const existing = await this.findByRuleId(definition.rule_id);
    if (existing) return existing;
    await this.connection.run(
      `INSERT INTO rule_instances (uuid, rule_id, space_id, enabled, definition, installed_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        definition.rule_id,
        DEFAULT_SPACE_ID,
        enabled,
        JSON.stringify(definition),
        now.getTime(),
      ]
    );
    const installed = await this.findByRuleId(definition.rule_id);
    if (installed === undefined) throw new Error(`Rule ${definition.rule_id} was not installed`);
    return installed;
  }

  async importRule(
    rule: ImportedRule,
    options: { readonly enabled: boolean; readonly overwrite: boolean; readonly now: Date }
  ): Promise<RuleImportOutcome> {
    const { definition, kibana } = rule;
    const existing = await this.findByRuleId(definition.rule_id);
    if (existing !== undefined && !options.overwrite) return 'conflict';
    if (existing !== undefined) {
      await this.connection.run(
        `UPDATE rule_instances SET definition = ?, source = 'user', kibana_rule = ? WHERE uuid = ?`,
        [JSON.stringify(definition), JSON.stringify(kibana), existing.uuid]
      );
      return 'updated';
    }
    await this.connection.run(
      `INSERT INTO rule_instances (uuid, rule_id, space_id, enabled, definition, installed_at, source, kibana_rule)
       VALUES (?, ?, ?, ?, ?, ?, 'user', ?)`,
      [
        randomUUID(),
        definition.rule_id,
        DEFAULT_SPACE_ID,
        options.enabled,
        JSON.stringify(definition),
        options.now.getTime(),
        JSON.stringify(kibana),
      ]
    );
    return 'created';
  }

  async remove(ruleId: string): Promise<boolean> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const rows = await queryRows(
        this.connection,
        `DELETE FROM rule_instances WHERE rule_id = ? RETURNING uuid`,
        [ruleId]
      );
      for (const row of rows)
        await this.connection.run('DELETE FROM rule_runs WHERE rule_uuid = ?', [
          storedText(row.uuid),
        ]);
      await this.connection.run('COMMIT');
      return rows.length > 0;
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }

  async setExceptionsList(
    ruleId: string,
    references: readonly RuleExceptionListReference[]
  ): Promise<boolean> {
    const installed = await this.findByRuleId(ruleId);
    if (installed === undefined) return false;
    const definition = { ...installed.definition, exceptions_list: [...references] };
    // A rule imported from Kibana exports its Kibana fields: they must name the same lists.
    const kibana =
      installed.kibana === undefined
        ? null
        : JSON.stringify({ ...installed.kibana, exceptions_list: [...references] });
    await this.connection.run(
      'UPDATE rule_instances SET definition = ?, kibana_rule = ? WHERE uuid = ?',
      [JSON.stringify(definition), kibana, installed.uuid]
    );
    return true;
  }

  async setEnabled(ruleId: string, enabled: boolean): Promise<boolean> {
    const rows = await queryRows(
      this.connection,
      `UPDATE rule_instances SET enabled = ? WHERE rule_id = ? RETURNING uuid`,
      [enabled, ruleId]
    );
    return rows.length > 0;
  }

  async recordExecution(run: RuleExecutionRecord): Promise<void> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await insertRun(this.connection, run);
      await this.connection.run(
        `UPDATE rule_instances SET previous_started_at = ? WHERE uuid = ?`,
        [run.startedAt.getTime(), run.rule.uuid]
      );
      await pruneRuns(this.connection, run.rule.uuid, this.retention);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }

  executionHistory(ruleUuid: string, query: RuleExecutionQuery): Promise<RuleExecutionHistory> {
    return readRunPage(this.connection, ruleUuid, query);
  }

  executionGaps(ruleUuid: string, limit: number): Promise<RuleExecutionEntry[]> {
    return readGapRuns(this.connection, ruleUuid, limit);
  }

  /** The most recent execution of each installed rule, by rule uuid. */
  async lastRuns(): Promise<Map<string, LastRuleRun>> {
    const rows = await queryRows(
      this.connection,
      `SELECT rule_uuid, CAST(started_at AS DOUBLE) AS started_at, status, alerts_created, duration_ms, message
         FROM rule_runs QUALIFY row_number() OVER (PARTITION BY rule_uuid ORDER BY started_at DESC, execution_id) = 1`
    );
    return new Map(
      rows.map((row) => [
        String(row.rule_uuid),
        {
          startedAt: toNumber(row.started_at),
          status: String(row.status),
          alertsCreated: toNumber(row.alerts_created),
          durationMs: toNumber(row.duration_ms),
          message: row.message === null ? null : storedText(row.message),
        },
      ])
    );
  }
}
