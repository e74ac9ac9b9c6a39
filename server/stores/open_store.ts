/**
 * The one way to open a store: the embedded DuckDB store (a data directory, or memory) or an
 * Elasticsearch cluster. The CLI, the standalone server and the bench open stores here.
 */
import type { Client } from '@elastic/elasticsearch';
import { EmbeddedStore } from './duckdb/embedded_store';
import type { IndexedFieldFilter } from './duckdb/field_catalog';
import { ElasticsearchStore } from './elasticsearch/elasticsearch_store';
import type { Store } from './store_contract';

export interface EmbeddedStoreOptions {
  readonly kind: 'embedded';
  /** Where the store file lives; in memory when absent. */
  readonly dataDir?: string;
  /** Which new fields get columns (default all): a scan's scratch store indexes what its rules search. */
  readonly indexes?: IndexedFieldFilter;
}

export interface ElasticsearchStoreOptions {
  readonly kind: 'elasticsearch';
  readonly client: Client;
  /** The Kibana space whose alerts index the store writes; default `default`. */
  readonly spaceId?: string;
}

export type StoreOptions = EmbeddedStoreOptions | ElasticsearchStoreOptions;

export function openStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore>;
export function openStore(options: StoreOptions): Promise<Store>;
export function openStore(options: StoreOptions): Promise<Store> {
  return options.kind === 'embedded'
    ? EmbeddedStore.open(options.dataDir, undefined, options.indexes)
    : ElasticsearchStore.open(options.client, options.spaceId);
}
