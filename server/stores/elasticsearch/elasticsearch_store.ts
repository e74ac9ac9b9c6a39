/**
 * The Elasticsearch store as one object: events in the cluster's indices, alerts in the space's
 * alerts index, through one client. Installed rules are not kept here (see
 * `Store.rules`).
 */
import type { Client } from '@elastic/elasticsearch';
import type { IngestInput, IngestSummary } from '../../ingest/ingest_ndjson';
import { DEFAULT_SPACE_ID } from '../../new_terms/rule_instance';
import type { Store, StoreIngestOptions } from '../store_contract';
import { EsAlertQueries } from './alert_queries';
import { EsAlertStore } from './alert_store';
import { ingestNdjsonToElasticsearch } from './bulk_ingest';
import { EsEventLookups } from './event_lookups';
import { EsEventSource } from './event_source';

export class ElasticsearchStore implements Store {
  readonly events: EsEventSource;
  readonly lookups: EsEventLookups;
  readonly alertQueries: EsAlertQueries;
  readonly rules = undefined;
  readonly exceptions = undefined;

  private constructor(
    private readonly client: Client,
    readonly alerts: EsAlertStore
  ) {
    this.events = new EsEventSource(client);
    this.lookups = new EsEventLookups(client);
    this.alertQueries = new EsAlertQueries(client, alerts.index);
  }

  /**
   * The store over `client`, its alerts in `spaceId`'s alerts index. Nothing is asked of the cluster
   * yet: the ingest puts the events template, the first alert written the alerts template.
   */
  static open(client: Client, spaceId = DEFAULT_SPACE_ID): Promise<ElasticsearchStore> {
    return Promise.resolve(new ElasticsearchStore(client, EsAlertStore.forSpace(client, spaceId)));
  }

  get location(): string {
    const url = this.client.connectionPool.connections[0]?.url;
    return url === undefined ? 'Elasticsearch' : `Elasticsearch at ${url.origin}`;
  }

  ingest(inputs: readonly IngestInput[], options: StoreIngestOptions = {}): Promise<IngestSummary> {
    return ingestNdjsonToElasticsearch(this.client, inputs, options);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
