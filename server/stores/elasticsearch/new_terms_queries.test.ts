/**
 * Request shapes of the new_terms phases, checked against what Kibana's new_terms rule type sends
 * (docs/new_terms.md#elasticsearch-requests), and the two documented script-free differences.
 */
import type { TimestampSpec } from '../../new_terms/types';
import {
  candidateFilter,
  firstDocumentsRequest,
  firstSeenRequest,
  recentTermsRequest,
  timeRangeFilter,
  type PhaseSearch,
} from './new_terms_queries';

const RANGE = {
  from: Date.parse('2025-03-12T11:51:00.000Z'),
  to: Date.parse('2025-03-12T12:00:00.000Z'),
};
const RULE_QUERY = { bool: { filter: [{ term: { 'process.name': { value: 'bash' } } }] } };
const BY_INGESTED: TimestampSpec = { primary: 'event.ingested', fallback: '@timestamp' };
const ONLY_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };

const search = (fields: string[], timestamp = ONLY_TIMESTAMP): PhaseSearch => ({
  index: ['logs-endpoint.events.process*'],
  query: RULE_QUERY,
  fields,
  timestamp,
});

const rangeOn = (field: string) => ({
  range: {
    [field]: {
      gte: '2025-03-12T11:51:00.000Z',
      lte: '2025-03-12T12:00:00.000Z',
      format: 'strict_date_optional_time',
    },
  },
});

describe('timeRangeFilter', () => {
  it('is a plain range on the timestamp without a fallback', () => {
    expect(timeRangeFilter(ONLY_TIMESTAMP, RANGE)).toEqual(rangeOn('@timestamp'));
  });

  it('with a fallback: the override in range, or no override and @timestamp in range', () => {
    expect(timeRangeFilter(BY_INGESTED, RANGE)).toEqual({
      bool: {
        minimum_should_match: 1,
        should: [
          rangeOn('event.ingested'),
          {
            bool: {
              filter: [
                rangeOn('@timestamp'),
                { bool: { must_not: [{ exists: { field: 'event.ingested' } }] } },
              ],
            },
          },
        ],
      },
    });
  });
});

describe('phase requests', () => {
  it('phase 1 is a size-0 composite over the rule window with one terms source per field, paged by after', () => {
    const request = recentTermsRequest(search(['host.name', 'process.name']), RANGE, 10_000, [
      'node-1',
      'sh',
    ]);
    expect(request).toMatchObject({
      index: ['logs-endpoint.events.process*'],
      size: 0,
      allow_no_indices: true,
      ignore_unavailable: true,
      query: { bool: { filter: [RULE_QUERY, rangeOn('@timestamp')] } },
      aggs: {
        new_terms: {
          composite: {
            sources: [
              { 'host.name': { terms: { field: 'host.name' } } },
              { 'process.name': { terms: { field: 'process.name' } } },
            ],
            size: 10_000,
            after: { 'host.name': 'node-1', 'process.name': 'sh' },
          },
        },
      },
    });
  });

  it('phase 2 for one field: terms with include and size = candidates, and the min timestamp (no bucket_selector script)', () => {
    const request = firstSeenRequest(search(['process.name']), RANGE, [['nc'], ['socat']]);
    expect(request.aggs).toEqual({
      new_terms: {
        terms: { field: 'process.name', size: 2, include: ['nc', 'socat'] },
        aggs: { first_seen: { min: { field: '@timestamp' } } },
      },
    });
  });

  it('phase 2 with a fallback adds the minimum over events without the override (instead of a runtime field)', () => {
    const request = firstSeenRequest(search(['process.name'], BY_INGESTED), RANGE, [['nc']]);
    expect(request.aggs?.new_terms?.aggs).toEqual({
      first_seen: { min: { field: 'event.ingested' } },
      fallback_only: {
        filter: { bool: { must_not: [{ exists: { field: 'event.ingested' } }] } },
        aggs: { first_seen_fallback: { min: { field: '@timestamp' } } },
      },
    });
  });

  it('several fields: the batch becomes a bool.should of per-tuple match clauses on top of the rule filters', () => {
    expect(candidateFilter(['host.name', 'process.pid'], [['node-1', 42]])).toEqual({
      bool: {
        minimum_should_match: 1,
        should: [
          {
            bool: {
              must: [{ match: { 'host.name': 'node-1' } }, { match: { 'process.pid': 42 } }],
            },
          },
        ],
      },
    });
    const request = firstSeenRequest(search(['host.name', 'process.pid']), RANGE, [['node-1', 42]]);
    expect(request.query).toEqual({
      bool: {
        filter: [
          RULE_QUERY,
          rangeOn('@timestamp'),
          candidateFilter(['host.name', 'process.pid'], [['node-1', 42]]),
        ],
      },
    });
    expect(request.aggs?.new_terms?.composite?.size).toBe(1);
  });

  it('phase 3 takes the earliest event per term by timestamp, ties by index order', () => {
    const request = firstDocumentsRequest(search(['process.name']), RANGE, [['nc']]);
    expect(request.aggs?.new_terms?.aggs).toEqual({
      docs: {
        top_hits: {
          size: 1,
          sort: [{ '@timestamp': { order: 'asc' } }, { _seq_no: { order: 'asc' } }],
          seq_no_primary_term: true,
        },
      },
    });
  });
});
