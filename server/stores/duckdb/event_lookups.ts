/**
 * Event lookups for the investigation page over the embedded store's `events` table: one event by
 * index and id, and the events matching a KQL query around a time, in the same order and with the
 * same (combined) timestamps as Elasticsearch gives them (`EsEventLookups`).
 *
 * Order: the (combined) timestamp, then the index name, then index order (`_seq`, ingest order,
 * which is Elasticsearch's `_seq_no` order within an index); `sortOrder` applies to all three, so
 * a descending search is the ascending one reversed. The index name sits between the two because
 * `_seq_no` only orders events within one index.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { KqlNode } from '../../../common/kql/ast';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { compileKqlToSql } from './kql_to_sql';
import {
  type EventLookupRequest,
  type EventLookups,
  type FieldPrevalence,
  type FieldPrevalenceRequest,
} from '../store_contract';
import type { SourceEvent, TimestampSpec } from '../../new_terms/types';
import { combinedTimestampSql, indexFilter } from './event_source';
import { indexedFieldTypes, type FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber, type Row } from './sql_values';
import { assertSize } from '../../alerts/alert_request_checks';
import type { SortOrder } from '../../../common/api/alerts_api';

/**
 * `getEvent` has no timestamp spec: it places the event by `@timestamp`, which ingest requires
 * of every event (so it is never missing; NaN stands for "no time" if it ever were).
 */
export const GET_EVENT_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };
export const NO_TIMESTAMP = Number.NaN;

const SQL_ORDER: Readonly<Record<SortOrder, string>> = { asc: 'ASC', desc: 'DESC' };

const toEvent = (row: Row): SourceEvent => ({
  index: String(row._index),
  id: String(row._id),
  source: JSON.parse(String(row._source)) as Record<string, unknown>,
  timestamp: row.ts === null || row.ts === undefined ? NO_TIMESTAMP : toNumber(row.ts),
});

interface Matching {
  readonly ts: string;
  readonly where: string;
  readonly params: readonly DuckDBValue[];
}

export class DuckDbEventLookups implements EventLookups {
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: FieldCatalog,
    /** The declared mapping (ECS by default); the catalog adds the dynamically typed fields. */
    private readonly fieldTypes: FieldTypeMap = ecsFieldTypes()
  ) {}

  async getEvent(index: string, id: string): Promise<SourceEvent | undefined> {
    const ts = combinedTimestampSql(this.catalog, GET_EVENT_TIMESTAMP) ?? 'NULL';
    const rows = await queryRows(
      this.connection,
      `SELECT e._index, e._id, e._source, CAST(${ts} AS DOUBLE) AS ts FROM ${EVENTS_TABLE} e WHERE e._index = ? AND e._id = ?`,
      [index, id]
    );
    const row = rows[0];
    return row === undefined ? undefined : toEvent(row);
  }

  async searchEvents(
    request: EventLookupRequest
  ): Promise<{ readonly total: number; readonly events: readonly SourceEvent[] }> {
    assertSize(request.size);
    const offset = request.offset ?? 0;
    assertSize(offset);
    const matching = this.matching(request);
    if (matching === undefined) return { total: 0, events: [] };
    const counted = await queryRows(
      this.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${EVENTS_TABLE} e WHERE ${matching.where}`,
      matching.params
    );
    const total = toNumber(counted[0]?.n ?? 0);
    if (request.size === 0 || total <= offset) return { total, events: [] };
    const order = SQL_ORDER[request.sortOrder];
    const rows = await queryRows(
      this.connection,
      `SELECT e._index, e._id, e._source, CAST(${matching.ts} AS DOUBLE) AS ts
         FROM ${EVENTS_TABLE} e WHERE ${matching.where}
        ORDER BY ${matching.ts} ${order}, e._index ${order}, e._seq ${order}
        LIMIT ? OFFSET ?`,
      [...matching.params, request.size, offset]
    );
    return { total, events: rows.map(toEvent) };
  }

  /**
   * One pass over the matching events: their count, the (combined) time span, and for each field
   * `count(DISTINCT …)` over its column, every element of a list column. A field no event has
   * (no column, or unindexed) counts 0, as in Elasticsearch where it is not mapped.
   */
  async fieldPrevalence(request: FieldPrevalenceRequest): Promise<FieldPrevalence> {
    const none: FieldPrevalence = {
      events: 0,
      distinct: Object.fromEntries(request.countFields.map((field) => [field, 0])),
      firstSeen: null,
      lastSeen: null,
    };
    if (request.index.length === 0) return none;
    const query = this.compiledQuery(request.query);
    const indices = indexFilter(request.index);
    const ts = combinedTimestampSql(this.catalog, request.timestamp);
    const distinct = request.countFields.map((field, i) => {
      const column = this.catalog.column(field);
      if (column === undefined) return `0 AS d${i}`;
      // `list_distinct` leaves NULL out, as `count(DISTINCT …)` does.
      return column.isList
        ? `CAST(length(list_distinct(flatten(list(e.${column.column})))) AS DOUBLE) AS d${i}`
        : `CAST(count(DISTINCT e.${column.column}) AS DOUBLE) AS d${i}`;
    });
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(count(*) AS DOUBLE) AS n,
              ${ts === undefined ? 'NULL AS first_seen, NULL AS last_seen' : `CAST(min(${ts}) AS DOUBLE) AS first_seen, CAST(max(${ts}) AS DOUBLE) AS last_seen`}
              ${distinct.map((select) => `, ${select}`).join('')}
         FROM ${EVENTS_TABLE} e WHERE ${indices.sql} AND (${query.sql})`,
      [...indices.params, ...query.params]
    );
    const row = rows[0];
    if (row === undefined || toNumber(row.n ?? 0) === 0) return none;
    const time = (value: unknown): number | null =>
      value === null || value === undefined ? null : toNumber(value);
    return {
      events: toNumber(row.n ?? 0),
      distinct: Object.fromEntries(
        request.countFields.map((field, i) => [field, toNumber(row[`d${i}`] ?? 0)])
      ),
      firstSeen: time(row.first_seen),
      lastSeen: time(row.last_seen),
    };
  }

  /** Undefined when nothing can match: no index pattern, or no event field to place events in time. */
  private matching(request: EventLookupRequest): Matching | undefined {
    const ts = combinedTimestampSql(this.catalog, request.timestamp);
    if (ts === undefined || request.index.length === 0) return undefined;
    const query = this.compiledQuery(request.query);
    const indices = indexFilter(request.index);
    return {
      ts,
      // The compiled query names columns unqualified: `events e` is the only relation in scope.
      where: `${indices.sql} AND (${query.sql}) AND ${ts} BETWEEN ? AND ?`,
      params: [...indices.params, ...query.params, request.range.from, request.range.to],
    };
  }

  /** Compiled per call, not cached: ingest may add columns the query names between two lookups. */
  private compiledQuery(query: KqlNode): { sql: string; params: readonly DuckDBValue[] } {
    const fragment = compileKqlToSql(query, this.catalog, {
      fields: indexedFieldTypes(this.catalog, this.fieldTypes),
    });
    return { sql: fragment.sql, params: fragment.params };
  }
}
