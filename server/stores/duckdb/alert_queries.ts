/**
 * The alerts page, triage and the investigation page over the embedded store's `alerts` table
 * (the `AlertQueries` contract, held to Elasticsearch's answers by a differential test).
 *
 * Every filter value is a bound parameter; the SQL text depends only on which filters are given,
 * on the sort and (for the documents of a page) on the page's length. Orders mirror what
 * Elasticsearch does with the alerts index mapping:
 * - severity sorts by rank (`RULE_SEVERITIES` order, low < medium < high < critical), any other
 *   value ranking below low;
 * - risk score sorts as the `float` Elasticsearch maps it to, so scores that only differ beyond
 *   float precision tie (and fall to the id tie-break) in both stores;
 * - strings sort by code point (DuckDB's default binary collation = Elasticsearch keyword order);
 * - a missing host name sorts last in both orders (Elasticsearch's `missing: _last` default);
 * - ties go to the alert id, ascending.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { AlertDocument } from '../../../common/alerts/alert_document';
import { RULE_SEVERITIES } from '../../../common/rules/rule_schema';
import type { AlertPivotField } from '../../../common/api/investigation_api';
import {
  type AlertFilter,
  type AlertGroupFilter,
  type AlertGroupsRequest,
  type AlertGroupsResult,
  type AlertPivotRequest,
  type AlertSelection,
  type AlertQueries,
  type AlertSearchRequest,
  type AlertSearchResult,
  type WorkflowChange,
} from '../store_contract';
import type { TimeRange } from '../../new_terms/types';
import { storedText } from '../stored_text';
import { compileAlertQuery, isAlertQuery } from '../../alerts/alert_query';
import { matchingAlertIds } from './alert_query_matches';
import { ALERT_COLUMNS, documentOf } from './alert_rows';
import type { NotesEdit } from '../store_contract';
import type {
  AlertNote,
  WorkflowListChange,
  WorkflowListField,
} from '../../../common/alerts/alert_annotations';
import { DuckDbAlertAnnotations } from './alert_annotations';
import { ALERTS_TABLE } from './schema';
import {
  jsonParam,
  queryRows,
  STRING_LIST_RELATION,
  stringListParam,
  toNumber,
  wellFormed,
  type Row,
} from './sql_values';
import {
  assertFilter,
  assertGroupField,
  assertHistogramStack,
  assertInterval,
  assertPaging,
} from '../../alerts/alert_request_checks';
import {
  GROUP_SEVERITY_ORDER,
  MAX_GROUP_VALUES,
  pageOfGroups,
  severityCounts,
} from '../../alerts/alert_groups';
import {
  RULE_STACK_GROUP_FIELD,
  withSeries,
  type StackedCount,
} from '../../alerts/alert_histogram';
import type {
  AlertGroup,
  AlertGroupField,
  AlertHistogramBucket,
  AlertHistogramStack,
  AlertSortField,
  SortOrder,
} from '../../../common/api/alerts_api';
import { storedAlertFieldNames } from './alert_field_names';

interface SqlPart {
  readonly sql: string;
  readonly params: readonly DuckDBValue[];
}

/** Rank of each known severity; `list_position` is 1-based and NULL for unknown values (rank 0). */
const SEVERITY_RANK: SqlPart = {
  sql: `coalesce(list_position(from_json(?::JSON, '["VARCHAR"]'), severity), 0)`,
  params: [jsonParam(RULE_SEVERITIES)],
};

const SORT_EXPRESSIONS: Readonly<Record<AlertSortField, SqlPart>> = {
  '@timestamp': { sql: 'created_at', params: [] },
  original_time: { sql: 'original_time', params: [] },
  severity: SEVERITY_RANK,
  // Elasticsearch maps the risk score as `float`: compare at that precision.
  risk_score: { sql: 'CAST(risk_score AS FLOAT)', params: [] },
  rule_name: { sql: 'rule_name', params: [] },
  host_name: { sql: 'host_name', params: [] },
  workflow_status: { sql: 'workflow_status', params: [] },
};

const SQL_ORDER: Readonly<Record<SortOrder, string>> = { asc: 'ASC', desc: 'DESC' };

/** Filters on a column holding one of the given strings; an empty list filters nothing. */
const LIST_FILTERS: ReadonlyArray<{
  readonly key: 'ruleIds' | 'ruleUuids' | 'statuses' | 'severities' | 'ids';
  readonly column: string;
}> = [
  { key: 'ruleIds', column: 'rule_id' },
  { key: 'ruleUuids', column: 'rule_uuid' },
  { key: 'statuses', column: 'workflow_status' },
  { key: 'severities', column: 'severity' },
  { key: 'ids', column: 'id' },
];

/**
 * An alert's values in a group field, from its `group_values` JSON (alert_groups.ts). The path is
 * a bound parameter built from a field of the closed list ALERT_GROUP_FIELDS.
 */
const GROUP_VALUES_SQL = `coalesce(from_json(json_extract(group_values, ?), '["VARCHAR"]'), []::VARCHAR[])`;
const groupValuesPath = (field: AlertGroupField): string => `$.${JSON.stringify(field)}`;

const groupFilterSql = (group: AlertGroupFilter): SqlPart =>
  group.value === null
    ? { sql: `len(${GROUP_VALUES_SQL}) = 0`, params: [groupValuesPath(group.field)] }
    : {
        sql: `list_contains(${GROUP_VALUES_SQL}, ?)`,
        params: [groupValuesPath(group.field), wellFormed(group.value)],
      };

/**
 * The start of an alert's bucket of `p.i` ms. Floor, not truncation, so alerts before the epoch
 * fall in the bucket below them (as in Elasticsearch's fixed_interval rounding); integer
 * arithmetic keeps it exact.
 */
const BUCKET_START_SQL = 'created_at - (((created_at % p.i) + p.i) % p.i)';

/** An alert's values to stack its histogram by, as a list (alert_histogram.ts). */
const STACK_VALUES: Readonly<Record<AlertHistogramStack, SqlPart>> = {
  rule: { sql: GROUP_VALUES_SQL, params: [groupValuesPath(RULE_STACK_GROUP_FIELD)] },
  severity: { sql: '[severity]', params: [] },
};

/** Per known severity, how many of the grouped rows have it (columns s0, s1, …). */
const SEVERITY_COUNTS: SqlPart = {
  sql: GROUP_SEVERITY_ORDER.map(
    (_severity, at) => `CAST(count(*) FILTER (WHERE severity = ?) AS DOUBLE) AS s${at}`
  ).join(', '),
  params: [...GROUP_SEVERITY_ORDER],
};

const groupOf = (value: string | null, row: Row): AlertGroup => ({
  value,
  count: toNumber(row.n),
  rule_count: toNumber(row.rules),
  severities: severityCounts((severity) =>
    toNumber(row[`s${GROUP_SEVERITY_ORDER.indexOf(severity)}`] ?? 0)
  ),
});

/** The filters on the table's columns; a KQL query is not one of them (see alertWhereSql). */
const columnFilterSql = (filter: Omit<AlertFilter, 'query'>): SqlPart => {
  const conditions: string[] = [];
  const params: DuckDBValue[] = [];
  for (const { key, column } of LIST_FILTERS) {
    const values = filter[key];
    if (values === undefined || values.length === 0) continue;
    conditions.push(`${column} IN ${STRING_LIST_RELATION}`);
    params.push(stringListParam(values));
  }
  if (filter.range?.from !== undefined) {
    conditions.push('created_at >= ?');
    params.push(filter.range.from);
  }
  if (filter.range?.to !== undefined) {
    conditions.push('created_at <= ?');
    params.push(filter.range.to);
  }
  if (filter.group !== undefined) {
    const group = groupFilterSql(filter.group);
    conditions.push(group.sql);
    params.push(...group.params);
  }
  return {
    sql:
      conditions.length === 0
        ? 'TRUE'
        : conditions.map((condition) => `(${condition})`).join(' AND '),
    params,
  };
};

/**
 * The filter as one WHERE predicate (`TRUE` when nothing is filtered). A KQL query runs over the
 * documents first (alert_query_matches.ts) and joins the predicate as the ids it matched.
 */
export const alertWhereSql = async (
  connection: DuckDBConnection,
  filter: AlertFilter
): Promise<SqlPart> => {
  const { query, ...rest } = filter;
  const base = columnFilterSql(rest);
  if (!isAlertQuery(query)) return base;
  const ids = await matchingAlertIds(connection, base, compileAlertQuery(query).matches);
  return {
    sql: `(${base.sql}) AND id IN ${STRING_LIST_RELATION}`,
    params: [...base.params, stringListParam(ids)],
  };
};

/**
 * Each pivot field's value as SQL over an `alerts` row: the columns the writer fills with the
 * alert's `host.name` and `container.id`, and `user.name` read from the document, nested (as the
 * alert builder copies events) or under its dotted name. A field holding several values compares
 * as its first in the columns and not at all from the document, where Elasticsearch matches any
 * of them; Defend events carry one host, container and user.
 */
const PIVOT_VALUE_SQL: Readonly<Record<AlertPivotField, string>> = {
  'host.name': 'host_name',
  'container.id': 'container_id',
  'user.name': `coalesce(json_extract_string(document, '$.user.name'), json_extract_string(document, '$."user.name"'))`,
};

const selectionSql = async (
  connection: DuckDBConnection,
  selection: AlertSelection
): Promise<SqlPart> =>
  'ids' in selection
    ? { sql: `id IN ${STRING_LIST_RELATION}`, params: [stringListParam(selection.ids)] }
    : alertWhereSql(connection, selection.filter);

export class DuckDbAlertQueries implements AlertQueries {
  constructor(private readonly connection: DuckDBConnection) {}

  /**
   * The page in two steps: the ids of the page (filter, sort and limit over the small columns),
   * then those alerts' documents by id. In one query DuckDB reads the `document` column of every
   * row the filter keeps before the top-N whenever a list filter (a semi-join) is involved: with
   * 100,000 alerts, "status open" took about a second instead of tens of milliseconds.
   */
  async search(request: AlertSearchRequest): Promise<AlertSearchResult> {
    assertPaging(request.page, request.perPage);
    assertFilter(request.filter);
    const where = await alertWhereSql(this.connection, request.filter);
    const sort = SORT_EXPRESSIONS[request.sortField];
    if (sort === undefined) throw new RangeError(`unknown sort field ${String(request.sortField)}`);
    const total = await this.count(where);
    if (request.perPage === 0) return { total, alerts: [] };
    const page = await queryRows(
      this.connection,
      `SELECT id FROM ${ALERTS_TABLE} WHERE ${where.sql}
        ORDER BY ${sort.sql} ${SQL_ORDER[request.sortOrder]} NULLS LAST, id ASC
        LIMIT ? OFFSET ?`,
      [...where.params, ...sort.params, request.perPage, request.page * request.perPage]
    );
    const ids = page.map((row) => String(row.id));
    return { total, alerts: (await this.rowsById(ids)).map(documentOf) };
  }

  /** Newest first by `@timestamp` (the alert's creation), ties by id, as `search` sorts. */
  async pivot(request: AlertPivotRequest): Promise<AlertSearchResult> {
    assertPaging(0, request.size);
    const value = PIVOT_VALUE_SQL[request.field];
    if (value === undefined) throw new RangeError(`unknown pivot field ${String(request.field)}`);
    const where: SqlPart = {
      sql: `${value} = ? AND id <> ?`,
      params: [request.value, request.excludeId],
    };
    const total = await this.count(where);
    if (request.size === 0 || total === 0) return { total, alerts: [] };
    const page = await queryRows(
      this.connection,
      `SELECT id FROM ${ALERTS_TABLE} WHERE ${where.sql} ORDER BY created_at DESC, id ASC LIMIT ?`,
      [...where.params, request.size]
    );
    return {
      total,
      alerts: (await this.rowsById(page.map((row) => String(row.id)))).map(documentOf),
    };
  }

  /**
   * Rows of the given alerts, in the order given. A literal `IN (?, …)` list lets DuckDB look the
   * ids up (primary key) and read only their documents; the JSON-list relation used for filters
   * would scan documents across the ids' whole range.
   */
  private async rowsById(ids: readonly string[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows(
      this.connection,
      `SELECT ${ALERT_COLUMNS} FROM ${ALERTS_TABLE} WHERE id IN (${ids.map(() => '?').join(', ')})`,
      [...ids]
    );
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    return ids.map((id) => byId.get(id)).filter((row): row is Row => row !== undefined);
  }

  async histogram(
    filter: AlertFilter,
    intervalMs: number,
    stackBy?: AlertHistogramStack
  ): Promise<readonly AlertHistogramBucket[]> {
    assertInterval(intervalMs);
    assertFilter(filter);
    assertHistogramStack(stackBy);
    const where = await alertWhereSql(this.connection, filter);
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(start AS DOUBLE) AS start, CAST(count(*) AS DOUBLE) AS n
         FROM (SELECT ${BUCKET_START_SQL} AS start
                 FROM ${ALERTS_TABLE}, (SELECT CAST(? AS BIGINT) AS i) AS p
                WHERE ${where.sql})
        GROUP BY start ORDER BY start`,
      [intervalMs, ...where.params]
    );
    const buckets = rows.map((row) => ({ start: toNumber(row.start), count: toNumber(row.n) }));
    return stackBy === undefined
      ? buckets
      : withSeries(buckets, await this.stackedCounts(where, intervalMs, STACK_VALUES[stackBy]));
  }

  /** Per bucket and value, how many alerts; ordered by start, then value in byte order. */
  private async stackedCounts(
    where: SqlPart,
    intervalMs: number,
    values: SqlPart
  ): Promise<StackedCount[]> {
    const rows = await queryRows(
      this.connection,
      `WITH stacked AS (
         SELECT ${BUCKET_START_SQL} AS start, ${values.sql} AS vals
           FROM ${ALERTS_TABLE}, (SELECT CAST(? AS BIGINT) AS i) AS p
          WHERE ${where.sql})
       SELECT CAST(start AS DOUBLE) AS start, value, CAST(count(*) AS DOUBLE) AS n
         FROM (SELECT start,
                      unnest(CASE WHEN len(vals) = 0 THEN [NULL::VARCHAR] ELSE vals END) AS value
                 FROM stacked)
        GROUP BY start, value ORDER BY start, value ASC NULLS LAST`,
      [...values.params, intervalMs, ...where.params]
    );
    return rows.map((row) => ({
      start: toNumber(row.start),
      value: row.value === null ? null : storedText(row.value),
      count: toNumber(row.n),
    }));
  }

  /** Groups with a value (the top MAX_GROUP_VALUES), then the group without one: alert_groups.ts. */
  async groups(request: AlertGroupsRequest): Promise<AlertGroupsResult> {
    assertPaging(request.page, request.perPage);
    assertFilter(request.filter);
    assertGroupField(request.field);
    const where = await alertWhereSql(this.connection, request.filter);
    const path = groupValuesPath(request.field);
    const valued = await queryRows(
      this.connection,
      `WITH grouped AS (
         SELECT unnest(${GROUP_VALUES_SQL}) AS value, rule_uuid, severity
           FROM ${ALERTS_TABLE} WHERE ${where.sql})
       SELECT value, CAST(count(*) AS DOUBLE) AS n,
              CAST(count(DISTINCT rule_uuid) AS DOUBLE) AS rules, ${SEVERITY_COUNTS.sql}
         FROM grouped GROUP BY value ORDER BY n DESC, value ASC LIMIT ?`,
      [path, ...where.params, ...SEVERITY_COUNTS.params, MAX_GROUP_VALUES]
    );
    const missing = await queryRows(
      this.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n, CAST(count(DISTINCT rule_uuid) AS DOUBLE) AS rules,
              ${SEVERITY_COUNTS.sql}
         FROM ${ALERTS_TABLE} WHERE (${where.sql}) AND len(${GROUP_VALUES_SQL}) = 0`,
      [...SEVERITY_COUNTS.params, ...where.params, path]
    );
    const missingRow = missing[0];
    return pageOfGroups(
      valued.map((row) => groupOf(storedText(row.value), row)),
      missingRow === undefined ? undefined : groupOf(null, missingRow),
      request.page,
      request.perPage
    );
  }

  async timeSpan(filter: AlertFilter): Promise<TimeRange | undefined> {
    assertFilter(filter);
    const where = await alertWhereSql(this.connection, filter);
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(min(created_at) AS DOUBLE) AS earliest, CAST(max(created_at) AS DOUBLE) AS latest FROM ${ALERTS_TABLE} WHERE ${where.sql}`,
      where.params
    );
    const row = rows[0];
    return row === undefined || row.earliest === null
      ? undefined
      : { from: toNumber(row.earliest), to: toNumber(row.latest) };
  }

  storedFieldNames(): Promise<ReadonlySet<string>> {
    return storedAlertFieldNames(this.connection);
  }

  async get(id: string): Promise<AlertDocument | undefined> {
    const rows = await queryRows(
      this.connection,
      `SELECT ${ALERT_COLUMNS} FROM ${ALERTS_TABLE} WHERE id = ?`,
      [id]
    );
    const row = rows[0];
    return row === undefined ? undefined : documentOf(row);
  }

  async setWorkflowStatus(selection: AlertSelection, change: WorkflowChange): Promise<number> {
    if ('ids' in selection && selection.ids.length === 0) return 0;
    if ('filter' in selection) assertFilter(selection.filter);
    const where = await selectionSql(this.connection, selection);
    const reason = change.status === 'closed' ? (change.reason ?? null) : null;
    const rows = await queryRows(
      this.connection,
      `UPDATE ${ALERTS_TABLE}
          SET workflow_status = ?, workflow_reason = ?, workflow_user = ?, workflow_status_updated_at = ?
        WHERE (${where.sql}) AND workflow_status <> ?
        RETURNING id`,
      [change.status, reason, change.user, change.at.getTime(), ...where.params, change.status]
    );
    return rows.length;
  }

  updateWorkflowList(
    ids: readonly string[],
    field: WorkflowListField,
    change: WorkflowListChange
  ): Promise<number> {
    return new DuckDbAlertAnnotations(this.connection).updateWorkflowList(ids, field, change);
  }

  editNotes<T>(
    alertId: string,
    edit: (notes: readonly AlertNote[]) => NotesEdit<T>
  ): Promise<{ readonly result: T } | undefined> {
    return new DuckDbAlertAnnotations(this.connection).editNotes(alertId, edit);
  }

  private async count(where: SqlPart): Promise<number> {
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${ALERTS_TABLE} WHERE ${where.sql}`,
      where.params
    );
    return toNumber(rows[0]?.n ?? 0);
  }
}
