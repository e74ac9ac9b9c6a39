/**
 * The three new_terms phases over the embedded store. Each phase is one SQL statement over the
 * events matching the rule (index patterns, compiled KQL, time range). Array fields are expanded
 * with a lateral UNNEST per field, so several array fields yield every combination, exactly as a
 * composite aggregation with one source per field does; an event missing any field yields no term.
 * All values — KQL values, index patterns, time bounds, candidate terms — are bound parameters.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { KqlNested, KqlNode } from '../../../common/kql/ast';
import type { SqlColumn, SqlFragment, SqlSchema, SqlValueType } from './sql_schema';
import { ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldTypeMap } from '../../../common/ecs/field_types';
import { compileKqlToSql } from './kql_to_sql';
import { nestedMatchSql, nestedNodesOf } from './nested_matches';
import type {
  FirstSeenTerm,
  HistoryQuestion,
  NewTermsSearch,
  RecentTermsPage,
  TermDocument,
  TermTuple,
  TermValue,
  TimeRange,
  TimestampSpec,
} from '../../new_terms/types';
import { indexedFieldTypes, type FieldCatalog } from './field_catalog';
import { EVENTS_TABLE } from './schema';
import { queryRows, toNumber, type Row } from './sql_values';
import {
  bucketCover,
  TermHistories,
  valueColumns,
  type LastSeqProvider,
  type SeqBoundedRelation,
} from './term_history';
import type { ReplayEventSource } from '../store_contract';

export interface DuckDbEventSourceOptions {
  /**
   * Phase 2 from per-rule term histories (default). Off, it scans the history window's events:
   * the reference the histories are tested against.
   */
  readonly termHistory: boolean;
  /** The `_seq` of the last stored event when the caller tracks it (saves a query per execution). */
  readonly lastStoredSeq?: LastSeqProvider;
}

const JSON_TYPE: Readonly<Record<SqlValueType, string>> = {
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  number: 'DOUBLE',
  date: 'BIGINT',
};

interface MatchingRelation {
  /** The body of `WITH matching AS (...)`: one row per event and term combination, columns `_seq, ts, v0…`. */
  readonly sql: string;
  readonly params: DuckDBValue[];
  readonly termColumns: readonly SqlColumn[];
}

interface RelationParts {
  readonly termColumns: readonly SqlColumn[];
  /** `events e` and the UNNEST laterals of array term fields. */
  readonly from: string;
  /** `… AS v0, … AS v1`. */
  readonly selects: string;
  /** Index patterns, the compiled query, term fields present; `?` bound by `params` in order. */
  readonly filters: readonly string[];
  readonly params: readonly DuckDBValue[];
}

/** Elasticsearch index pattern (`logs-*`) → LIKE pattern with `\` as escape. */
export const indexPatternToLike = (pattern: string): string =>
  pattern.replace(/[\\%_]/g, (char) => `\\${char}`).replace(/\*/g, '%');

/** `events e` rows in an index one of `patterns` matches: the SQL (one LIKE per pattern) and its params. */
export const indexFilter = (patterns: readonly string[]): { sql: string; params: string[] } => ({
  sql: `(${patterns.map(() => `e._index LIKE ? ESCAPE '\\'`).join(' OR ')})`,
  params: patterns.map(indexPatternToLike),
});

/**
 * SQL for an event's (combined) timestamp over `events e`: the primary date column, else the
 * fallback's (Kibana's `kibana.combined_timestamp`). Undefined when neither field has a scalar date
 * column, so no event can be placed in time. Shared with the investigation page's event lookups.
 */
export const combinedTimestampSql = (
  catalog: SqlSchema,
  timestamp: TimestampSpec
): string | undefined => {
  const primary = catalog.column(timestamp.primary);
  const fallback = timestamp.fallback === null ? undefined : catalog.column(timestamp.fallback);
  const usable = (column: SqlColumn | undefined): column is SqlColumn =>
    column !== undefined && column.valueType === 'date' && !column.isList;
  if (usable(primary) && usable(fallback))
    return `coalesce(e.${primary.column}, e.${fallback.column})`;
  if (usable(primary)) return `e.${primary.column}`;
  if (usable(fallback)) return `e.${fallback.column}`;
  return undefined;
};

/** Ranges up to this long are split into prunable branches (a rule window, a day of catch-up). */
const MAX_PRUNED_RANGE_MS = 24 * 60 * 60 * 1000;

/** One part of the events a time range selects, with the timestamp those events are placed by. */
interface TimeRangeBranch {
  readonly ts: string;
  /** Holds two `?` for the range's bounds. */
  readonly inRange: string;
}

/**
 * The combined timestamp's range condition as disjoint branches whose filters DuckDB can push into
 * the table scan (a range on one plain column prunes row groups by their min/max). `coalesce(a, b)
 * BETWEEN` cannot be pushed down, so every phase would read every row's query columns: 90 ms per
 * phase on 1M events instead of a few.
 */
const timeRangeBranches = (
  catalog: SqlSchema,
  timestamp: TimestampSpec,
  range: TimeRange
): readonly TimeRangeBranch[] | undefined => {
  const combined = combinedTimestampSql(catalog, timestamp);
  if (combined === undefined) return undefined;
  const coalesced = /^coalesce\((e\.\w+), (e\.\w+)\)$/.exec(combined);
  // A long range (the history) prunes little, and two branches would read the table twice.
  if (coalesced === null || range.to - range.from > MAX_PRUNED_RANGE_MS)
    return [{ ts: combined, inRange: `${combined} BETWEEN ? AND ?` }];
  const [, primary, fallback] = coalesced;
  if (primary === undefined || fallback === undefined)
    return [{ ts: combined, inRange: `${combined} BETWEEN ? AND ?` }];
  return [
    { ts: primary, inRange: `${primary} BETWEEN ? AND ?` },
    { ts: fallback, inRange: `${primary} IS NULL AND ${fallback} BETWEEN ? AND ?` },
  ];
};

const toTermValue = (value: unknown): TermValue => {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return String(value);
};

const rowTerm = (row: Row, count: number): TermTuple =>
  Array.from({ length: count }, (_, i) => toTermValue(row[`v${i}`]));

/** A phase-1 page from its rows (`v0…`, in term order): full pages say where the next begins. */
const pageOf = (rows: readonly Row[], count: number, size: number): RecentTermsPage => {
  const terms = rows.map((row) => rowTerm(row, count));
  const last = terms[terms.length - 1];
  return terms.length === size && last !== undefined ? { terms, afterKey: last } : { terms };
};

/** Phase 2 as SQL over a `candidates` relation: CTEs to follow it, the final select and their parameters. */
interface HistoryFirsts {
  readonly termColumns: readonly SqlColumn[];
  /** `, edges AS (…), firsts AS (…)`. */
  readonly ctes: string;
  /** `SELECT v0…, first_seen` of the terms first seen after the window's start. */
  readonly select: string;
  readonly params: readonly DuckDBValue[];
}

/** Kibana pages (10,000 terms each) one phase-1 search returns; see `pagesPerSearch`. */
export const RECENT_TERMS_PAGES_PER_SEARCH = 10;

export class DuckDbEventSource implements ReplayEventSource {
  private readonly compiled = new WeakMap<
    KqlNode,
    { sql: string; params: readonly DuckDBValue[] }
  >();
  private readonly nestedMatches = new WeakMap<KqlNested, SqlFragment>();
  private readonly histories: TermHistories;
  /** No clause limits: a multi-field page is searched at once (candidates travel as one JSON parameter). */
  readonly termsPerSearch = Number.POSITIVE_INFINITY;
  /**
   * Ten pages a search: each phase scans the window (or the term history) once instead of ten
   * times, while at most 100,000 term tuples are held in memory at once.
   */
  readonly pagesPerSearch = RECENT_TERMS_PAGES_PER_SEARCH;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly catalog: FieldCatalog,
    /** The declared mapping (ECS by default); the catalog adds the dynamically typed fields. */
    private readonly fieldTypes: FieldTypeMap = ecsFieldTypes(),
    private readonly options: DuckDbEventSourceOptions = { termHistory: true }
  ) {
    this.histories = new TermHistories(connection, options.lastStoredSeq);
  }

  async recentTerms(
    search: NewTermsSearch,
    range: TimeRange,
    page: { readonly size: number; readonly afterKey?: TermTuple },
    alsoNew?: HistoryQuestion
  ): Promise<RecentTermsPage> {
    await this.prepareNested(search.query);
    const matching = this.matching(search, range);
    if (matching === undefined) return { terms: [] };
    const columns = valueColumns(search.fields.length);
    const after =
      page.afterKey === undefined
        ? ''
        : `WHERE (${columns}) > (${page.afterKey.map(() => '?').join(', ')})`;
    const pageSql = `SELECT DISTINCT ${columns} FROM matching ${after} ORDER BY ${columns} LIMIT ?`;
    const pageParams = [...matching.params, ...(page.afterKey ?? []), page.size];
    // One field only: for a tuple of several, DuckDB joined the term history with the page's
    // terms far more slowly than with the same terms as a parameter (3 fields: 44 ms, not 16).
    const history =
      alsoNew === undefined || search.fields.length !== 1
        ? undefined
        : await this.historyFirsts(search, alsoNew);
    if (history === undefined) {
      const rows = await queryRows(
        this.connection,
        `WITH matching AS (${matching.sql}) ${pageSql}`,
        pageParams
      );
      return pageOf(rows, search.fields.length, page.size);
    }
    // Both phases in one statement: planning a statement costs DuckDB more than running it.
    const joined = Array.from({ length: search.fields.length }, (_, i) => `p.v${i} = n.v${i}`);
    const rows = await queryRows(
      this.connection,
      `WITH matching AS (${matching.sql}), candidates AS (${pageSql})${history.ctes},
       news AS (${history.select})
       SELECT ${columns.replace(/v(\d+)/g, 'p.v$1')}, CAST(n.first_seen AS DOUBLE) AS first_seen
         FROM candidates p LEFT JOIN news n ON ${joined.join(' AND ')} ORDER BY ${columns.replace(/v(\d+)/g, 'p.v$1')}`,
      [...pageParams, ...history.params]
    );
    const newTerms = rows
      .filter((row) => row.first_seen !== null && row.first_seen !== undefined)
      .map((row) => ({
        term: rowTerm(row, search.fields.length),
        firstSeen: toNumber(row.first_seen),
      }));
    return { ...pageOf(rows, search.fields.length, page.size), newTerms };
  }

  /**
   * Phase 2. The whole hours of the history come from the rule's term history (term_history.ts),
   * its partial first and last hours from the events themselves: the same answer as scanning the
   * history, without reading two weeks of events for a few candidate terms.
   */
  async newTerms(
    search: NewTermsSearch,
    history: TimeRange,
    newAfter: number,
    candidates: readonly TermTuple[]
  ): Promise<readonly FirstSeenTerm[]> {
    await this.prepareNested(search.query);
    if (candidates.length === 0) return [];
    const firsts = await this.historyFirsts(search, { history, newAfter });
    if (firsts === undefined) return this.newTermsByScan(search, history, newAfter, candidates);
    const rows = await queryRows(
      this.connection,
      `WITH ${this.candidatesRelation(firsts.termColumns)}${firsts.ctes} ${firsts.select}`,
      [JSON.stringify(candidates.map(candidateObject)), ...firsts.params]
    );
    return rows.map((row) => ({
      term: rowTerm(row, search.fields.length),
      firstSeen: toNumber(row.first_seen),
    }));
  }

  /**
   * Phase 2 over a `candidates` relation the caller defines (columns in term order): the terms'
   * first times in the history, kept when after `newAfter`. The whole hours come from the rule's
   * term history (term_history.ts), the partial first and last hours from the events themselves.
   * Undefined when the history is shorter than an hour bucket or the terms cannot be placed.
   */
  private async historyFirsts(
    search: NewTermsSearch,
    { history, newAfter }: HistoryQuestion
  ): Promise<HistoryFirsts | undefined> {
    const cover = this.options.termHistory ? bucketCover(history) : undefined;
    const bounded = cover === undefined ? undefined : this.seqBounded(search);
    if (cover === undefined || bounded === undefined) return undefined;
    const table = await this.histories.current(bounded);
    const edges = cover.edges.map((edge) => this.matching(search, edge));
    if (edges.some((edge) => edge === undefined)) return undefined;
    const columns = valueColumns(search.fields.length);
    const inCandidates = `(${columns}) IN (SELECT * FROM candidates)`;
    const edgeRelations = edges as MatchingRelation[];
    const edgeCte =
      edgeRelations.length === 0
        ? ''
        : `, edges AS (${edgeRelations.map((edge) => edge.sql).join(' UNION ALL ')})`;
    const edgeFirsts =
      edgeRelations.length === 0
        ? ''
        : `UNION ALL SELECT ${columns}, ts FROM edges WHERE ${inCandidates}`;
    return {
      termColumns: bounded.termColumns,
      ctes: `${edgeCte},
       firsts AS (
         SELECT ${columns}, first_ts AS ts FROM ${table} WHERE bucket BETWEEN ? AND ? AND ${inCandidates}
         ${edgeFirsts})`,
      select: `SELECT ${columns}, CAST(min(ts) AS DOUBLE) AS first_seen FROM firsts GROUP BY ${columns} HAVING min(ts) > ?`,
      params: [
        ...edgeRelations.flatMap((edge) => edge.params),
        cover.firstBucket,
        cover.lastBucket,
        newAfter,
      ],
    };
  }

  /** Phase 2 over every matching event of the history (ranges shorter than an hour bucket). */
  private async newTermsByScan(
    search: NewTermsSearch,
    history: TimeRange,
    newAfter: number,
    candidates: readonly TermTuple[]
  ): Promise<readonly FirstSeenTerm[]> {
    const matching = this.matching(search, history);
    if (matching === undefined) return [];
    const columns = valueColumns(search.fields.length);
    const rows = await queryRows(
      this.connection,
      `WITH matching AS (${matching.sql}), ${this.candidatesRelation(matching.termColumns)}
       SELECT ${columns}, CAST(min(ts) AS DOUBLE) AS first_seen
         FROM matching WHERE (${columns}) IN (SELECT * FROM candidates)
        GROUP BY ${columns} HAVING min(ts) > ?`,
      [...matching.params, JSON.stringify(candidates.map(candidateObject)), newAfter]
    );
    return rows.map((row) => ({
      term: rowTerm(row, search.fields.length),
      firstSeen: toNumber(row.first_seen),
    }));
  }

  async firstDocuments(
    search: NewTermsSearch,
    range: TimeRange,
    terms: readonly TermTuple[]
  ): Promise<readonly TermDocument[]> {
    await this.prepareNested(search.query);
    const matching = this.matching(search, range);
    if (matching === undefined || terms.length === 0) return [];
    const columns = valueColumns(search.fields.length);
    // Earliest by timestamp; ties go to the event stored first (Elasticsearch's index order).
    // The documents are fetched by rowid, which DuckDB reads row by row: joined on `_seq`, the scan
    // decompressed `_source` for every event of the window (600 ms for a day at 10M events, not
    // 70). A rowid is only stable within one statement, which is why both steps are one query.
    const rows = await queryRows(
      this.connection,
      `WITH matching AS (${matching.sql}), ${this.candidatesRelation(matching.termColumns)},
       firsts AS (
         SELECT ${columns}, min(struct_pack(ts := ts, seq := _seq, at_row := _row)) AS first, count(DISTINCT _seq) AS doc_count
           FROM matching WHERE (${columns}) IN (SELECT * FROM candidates) GROUP BY ${columns})
       SELECT ${columns.replace(/v(\d)/g, 'f.v$1')}, CAST(f.first.ts AS DOUBLE) AS ts, CAST(f.doc_count AS DOUBLE) AS doc_count,
              e._index, e._id, e._source
         FROM firsts f JOIN ${EVENTS_TABLE} e ON e.rowid = f.first.at_row`,
      [...matching.params, JSON.stringify(terms.map(candidateObject))]
    );
    return rows.map((row) => ({
      term: rowTerm(row, search.fields.length),
      docCount: toNumber(row.doc_count),
      event: {
        index: String(row._index),
        id: String(row._id),
        source: JSON.parse(String(row._source)) as Record<string, unknown>,
        timestamp: toNumber(row.ts),
      },
    }));
  }

  /**
   * Timestamps of every event matching the search within `range` that holds all new-terms fields,
   * ascending. A replay uses them to skip scheduled windows that cannot raise an alert.
   */
  async matchingTimestamps(search: NewTermsSearch, range: TimeRange): Promise<number[]> {
    await this.prepareNested(search.query);
    const matching = this.matching(search, range);
    if (matching === undefined) return [];
    const rows = await queryRows(
      this.connection,
      `WITH matching AS (${matching.sql}) SELECT DISTINCT CAST(ts AS DOUBLE) AS ts FROM matching ORDER BY ts`,
      matching.params
    );
    return rows.map((row) => toNumber(row.ts));
  }

  /**
   * Ascending distinct times of "candidate occurrences" in `range`: occurrences of a term (each
   * value of an array, each combination of several fields, as the phases form terms) that are its
   * first, or whose previous occurrence is more than `minGapMs` earlier. Only such an occurrence can
   * be the first of a term in a window with no occurrence in that window's history, so a replay
   * needs to run only the windows that hold one.
   */
  async newTermCandidateTimes(
    search: NewTermsSearch,
    range: TimeRange,
    minGapMs: number
  ): Promise<number[]> {
    await this.prepareNested(search.query);
    const matching = this.matching(search, range);
    if (matching === undefined) return [];
    const columns = valueColumns(search.fields.length);
    // DISTINCT first: ties on one term and time would otherwise give zero gaps and a larger sort.
    const rows = await queryRows(
      this.connection,
      `WITH matching AS (${matching.sql}),
       occurrences AS (SELECT DISTINCT ts, ${columns} FROM matching),
       gaps AS (SELECT ts, ts - lag(ts) OVER (PARTITION BY ${columns} ORDER BY ts) AS gap FROM occurrences)
       SELECT DISTINCT CAST(ts AS DOUBLE) AS ts FROM gaps WHERE gap IS NULL OR gap > ? ORDER BY ts`,
      [...matching.params, minGapMs]
    );
    return rows.map((row) => toNumber(row.ts));
  }

  /** The candidate terms as a relation `candidates(t0, t1, …)` read from one JSON parameter. */
  private candidatesRelation(termColumns: readonly SqlColumn[]): string {
    const structType = JSON.stringify(
      Object.fromEntries(termColumns.map((column, i) => [`t${i}`, JSON_TYPE[column.valueType]]))
    );
    const fields = termColumns.map((_, i) => `c.t${i}`).join(', ');
    return `candidates AS (SELECT ${fields} FROM (SELECT unnest(from_json(?::JSON, '[${structType}]')) AS c))`;
  }

  /** Exact: `matchingTimestamps` returns each event's own time. */
  readonly timestampGranularityMs = 1;

  /**
   * Earliest and latest (combined) timestamp of the stored events (of the indices matching
   * `index`, when given), epoch ms; undefined when none.
   */
  async timeSpan(
    timestamp: TimestampSpec,
    index?: readonly string[]
  ): Promise<TimeRange | undefined> {
    const ts = this.timestampExpression(timestamp);
    if (ts === undefined) return undefined;
    const filter = index === undefined ? undefined : indexFilter(index);
    const rows = await queryRows(
      this.connection,
      `SELECT CAST(min(${ts}) AS DOUBLE) AS lo, CAST(max(${ts}) AS DOUBLE) AS hi FROM ${EVENTS_TABLE} e ${filter === undefined ? '' : `WHERE ${filter.sql}`}`,
      filter?.params ?? []
    );
    const row = rows[0];
    if (row === undefined || row.lo === null || row.hi === null) return undefined;
    return { from: toNumber(row.lo), to: toNumber(row.hi) };
  }

  /** Stops at the first matching event: a full scan only when there is none. */
  async hasEvents(index: readonly string[]): Promise<boolean> {
    if (index.length === 0) return false;
    const filter = indexFilter(index);
    const rows = await queryRows(
      this.connection,
      `SELECT 1 AS found FROM ${EVENTS_TABLE} e WHERE ${filter.sql} LIMIT 1`,
      filter.params
    );
    return rows.length > 0;
  }

  private timestampExpression(timestamp: TimestampSpec): string | undefined {
    return combinedTimestampSql(this.catalog, timestamp);
  }

  /**
   * Matches the query's nested parts in process before it is compiled (nested_matches.ts); once
   * per query object, as the compiled SQL is: an execution builds its query anew.
   */
  private async prepareNested(query: KqlNode): Promise<void> {
    for (const node of nestedNodesOf(query)) {
      if (this.nestedMatches.has(node)) continue;
      const fields = indexedFieldTypes(this.catalog, this.fieldTypes);
      this.nestedMatches.set(
        node,
        await nestedMatchSql(this.connection, this.catalog, fields, node)
      );
    }
  }

  private compiledQuery(query: KqlNode): { sql: string; params: readonly DuckDBValue[] } {
    const cached = this.compiled.get(query);
    if (cached) return cached;
    // Column names stay unqualified: the only other relations in scope are UNNEST aliases.
    const fragment = compileKqlToSql(query, this.catalog, {
      fields: indexedFieldTypes(this.catalog, this.fieldTypes),
      nested: (node) => this.nestedMatches.get(node),
    });
    const result = { sql: fragment.sql, params: fragment.params as DuckDBValue[] };
    this.compiled.set(query, result);
    return result;
  }

  /** What every relation of a search shares: term columns and the filters beside time. */
  private relationParts(search: NewTermsSearch): RelationParts | undefined {
    const termColumns = search.fields.map((field) => this.catalog.column(field));
    if (termColumns.some((column) => column === undefined)) return undefined;
    const columns = termColumns as SqlColumn[];
    const query = this.compiledQuery(search.query);
    const laterals: string[] = [];
    const selects: string[] = [];
    const notNull: string[] = [];
    columns.forEach((column, i) => {
      if (column.isList) {
        laterals.push(`, unnest(list_distinct(e.${column.column})) AS u${i}(value)`);
        selects.push(`u${i}.value AS v${i}`);
      } else {
        selects.push(`e.${column.column} AS v${i}`);
        notNull.push(`e.${column.column} IS NOT NULL`);
      }
    });
    const indices = indexFilter(search.index);
    return {
      termColumns: columns,
      from: `${EVENTS_TABLE} e ${laterals.join(' ')}`,
      selects: selects.join(', '),
      filters: [indices.sql, `(${query.sql})`, ...notNull],
      params: [...indices.params, ...query.params],
    };
  }

  /** `matching`: one row per event in `range` and term combination, columns `_seq, _row (rowid), ts, v0…`. */
  private matching(search: NewTermsSearch, range: TimeRange): MatchingRelation | undefined {
    const branches = timeRangeBranches(this.catalog, search.timestamp, range);
    const parts = this.relationParts(search);
    if (branches === undefined || parts === undefined) return undefined;
    const selectBranch = (branch: TimeRangeBranch): string =>
      `SELECT e._seq, e.rowid AS _row, ${branch.ts} AS ts, ${parts.selects} FROM ${parts.from}
        WHERE ${[...parts.filters, branch.inRange].join(' AND ')}`;
    return {
      sql: branches.map(selectBranch).join(' UNION ALL '),
      params: branches.flatMap(() => [...parts.params, range.from, range.to]),
      termColumns: parts.termColumns,
    };
  }

  /** The search's placed events (`ts, v0…`) with `_seq` in (?, ?]: what a term history folds in. */
  private seqBounded(
    search: NewTermsSearch
  ): (SeqBoundedRelation & { readonly termColumns: readonly SqlColumn[] }) | undefined {
    const ts = combinedTimestampSql(this.catalog, search.timestamp);
    const parts = this.relationParts(search);
    if (ts === undefined || parts === undefined) return undefined;
    return {
      sql: `SELECT ${ts} AS ts, ${parts.selects} FROM ${parts.from}
             WHERE ${[...parts.filters, `${ts} IS NOT NULL`, 'e._seq > ? AND e._seq <= ?'].join(' AND ')}`,
      params: parts.params,
      termCount: parts.termColumns.length,
      termColumns: parts.termColumns,
    };
  }
}

const candidateObject = (term: TermTuple): Record<string, TermValue> =>
  Object.fromEntries(term.map((value, i) => [`t${i}`, value]));
