/**
 * Tables of the embedded store.
 *
 * `events` has fixed bookkeeping columns and one column per event field, added on demand and named
 * `f_<n>` by the `event_fields` catalog (field names never become SQL identifiers: DuckDB folds
 * identifier case, ECS names do not, and no user text may reach SQL). Columns hold values as
 * Elasticsearch indexes them (see server/stores/duckdb/kql_to_sql.ts): scalars, or lists when a field has held
 * several values. `_source` keeps the original document for alerts and the investigation page.
 *
 * A text field (text, match_only_text) has a second column, `<column>_tokens VARCHAR[]`: one
 * analyzed token sequence per value (`encodeAnalyzedText`), which `match`, phrases, wildcards and
 * ranges on the field read (`has_tokens` in the catalog). A mapped multi-field
 * (`process.command_line.text`) is a column of its own holding its parent's values as its own
 * type; `source_field` names that parent.
 */
export const EVENTS_TABLE = 'events';
export const FIELDS_TABLE = 'event_fields';
/**
 * Fields that are kept in `_source` but have no (usable) column: the store's column budget was
 * spent (column_budget.ts). Their type is still the one Elasticsearch would map, so later values
 * are checked against it. A field here may also have a row in FIELDS_TABLE: its column, no longer
 * filled, stays in the table.
 */
export const UNINDEXED_FIELDS_TABLE = 'event_fields_unindexed';
/** Per index, the fields and objects events added beyond the mapping template (mapping_limit.ts). */
export const INDEX_FIELDS_TABLE = 'index_mapping_fields';
export const ALERTS_TABLE = 'alerts';
/** Registry of the per-rule term histories (see term_history.ts); each lives in its own table. */
export const TERM_HISTORIES_TABLE = 'term_histories';

/*
 * `_source` is compressed with zstd in new stores: DuckDB's default for strings (dictionary/FSST)
 * kept generated Defend events at 48 % of their JSON, zstd at 5 %, and appending it is several
 * times faster (the events' JSON repeats across documents, which FSST's per-string symbols cannot
 * exploit). Stores created before keep their compression.
 *
 * `_key` (a digest of index and id) is unique, but new stores do not declare it a primary key:
 * DuckDB's key index reported a duplicate that was not in the table after ~7M appended rows, and
 * then refused the rest of the file. The writer keeps keys unique itself (event_writer.ts). Stores
 * created before keep their primary key.
 */
export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ${EVENTS_TABLE} (
    _key UHUGEINT NOT NULL,
    _seq BIGINT NOT NULL,
    _index VARCHAR NOT NULL,
    _id VARCHAR NOT NULL,
    _source VARCHAR NOT NULL USING COMPRESSION zstd
  )`,
  `CREATE TABLE IF NOT EXISTS ${FIELDS_TABLE} (
    field VARCHAR PRIMARY KEY,
    column_name VARCHAR NOT NULL UNIQUE,
    value_type VARCHAR NOT NULL,
    es_type VARCHAR NOT NULL,
    is_list BOOLEAN NOT NULL,
    has_tokens BOOLEAN NOT NULL DEFAULT false,
    source_field VARCHAR
  )`,
  // Stores created before multi-fields were indexed lack the column (token columns are added and
  // backfilled by FieldCatalog.load).
  `ALTER TABLE ${FIELDS_TABLE} ADD COLUMN IF NOT EXISTS source_field VARCHAR`,
  `CREATE TABLE IF NOT EXISTS ${UNINDEXED_FIELDS_TABLE} (
    field VARCHAR PRIMARY KEY,
    value_type VARCHAR NOT NULL,
    es_type VARCHAR NOT NULL,
    source_field VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS ${INDEX_FIELDS_TABLE} (
    index_name VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    is_object BOOLEAN NOT NULL,
    PRIMARY KEY (index_name, path)
  )`,
  `CREATE TABLE IF NOT EXISTS ${ALERTS_TABLE} (
    id VARCHAR PRIMARY KEY,
    rule_uuid VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL,
    rule_name VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    risk_score DOUBLE NOT NULL,
    created_at BIGINT NOT NULL,
    original_time BIGINT NOT NULL,
    host_name VARCHAR,
    container_id VARCHAR,
    new_terms VARCHAR NOT NULL,
    workflow_status VARCHAR NOT NULL,
    workflow_reason VARCHAR,
    workflow_user VARCHAR,
    workflow_status_updated_at BIGINT,
    document VARCHAR NOT NULL
  )`,
  // Each alert's values in the group fields, as JSON (alert_groups.ts): stores made before
  // grouping get it filled when opened (alert_group_backfill.ts).
  `ALTER TABLE ${ALERTS_TABLE} ADD COLUMN IF NOT EXISTS group_values VARCHAR`,
  // Each alert's tags and assignees as JSON lists, beside the same values in its document
  // (alert_annotations.ts); NULL until first changed. Stores made before them get the columns empty.
  `ALTER TABLE ${ALERTS_TABLE} ADD COLUMN IF NOT EXISTS workflow_tags VARCHAR`,
  `ALTER TABLE ${ALERTS_TABLE} ADD COLUMN IF NOT EXISTS workflow_assignee_ids VARCHAR`,
  `CREATE TABLE IF NOT EXISTS ${TERM_HISTORIES_TABLE} (
    signature VARCHAR PRIMARY KEY,
    table_name VARCHAR NOT NULL,
    covered_seq BIGINT NOT NULL,
    compacted_rows BIGINT NOT NULL,
    appended_rows BIGINT NOT NULL,
    last_used BIGINT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS rule_instances (
    uuid VARCHAR PRIMARY KEY,
    rule_id VARCHAR NOT NULL,
    space_id VARCHAR NOT NULL,
    enabled BOOLEAN NOT NULL,
    definition VARCHAR NOT NULL,
    installed_at BIGINT NOT NULL,
    previous_started_at BIGINT
  )`,
  // Stores made before user rules hold only prebuilt ones.
  `ALTER TABLE rule_instances ADD COLUMN IF NOT EXISTS source VARCHAR DEFAULT 'prebuilt'`,
  // A rule imported from Kibana's format: the whole Kibana rule, kept for export.
  `ALTER TABLE rule_instances ADD COLUMN IF NOT EXISTS kibana_rule VARCHAR`,
  // Exception lists and items as Kibana's format has them (JSON), keyed as Kibana keys them.
  `CREATE TABLE IF NOT EXISTS exception_lists (
    list_id VARCHAR NOT NULL,
    namespace_type VARCHAR NOT NULL,
    list VARCHAR NOT NULL,
    PRIMARY KEY (list_id, namespace_type)
  )`,
  `CREATE TABLE IF NOT EXISTS exception_items (
    item_id VARCHAR NOT NULL,
    namespace_type VARCHAR NOT NULL,
    list_id VARCHAR NOT NULL,
    item VARCHAR NOT NULL,
    PRIMARY KEY (item_id, namespace_type)
  )`,
  `CREATE TABLE IF NOT EXISTS rule_runs (
    execution_id VARCHAR PRIMARY KEY,
    rule_uuid VARCHAR NOT NULL,
    started_at BIGINT NOT NULL,
    status VARCHAR NOT NULL,
    alerts_created INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    message VARCHAR
  )`,
  // The run history's detail. Runs recorded before it have NULL here: they show their message
  // alone (history.ts reads it as an error of a failed run, a warning of any other).
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS windows VARCHAR`,
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS terms_evaluated BIGINT`,
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS warnings VARCHAR`,
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS errors VARCHAR`,
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS gap_from BIGINT`,
  `ALTER TABLE rule_runs ADD COLUMN IF NOT EXISTS gap_to BIGINT`,
];
