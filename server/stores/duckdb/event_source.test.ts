/**
 * The three new_terms phases of the embedded store, called directly on small hand-built event
 * sets (real in-memory DuckDB): which terms phase 1 finds and how it pages, which candidates
 * phase 2 calls new, which event phase 3 picks for each term.
 */
import { fromKueryExpression } from '../../../common/kql/parse';
import type { NewTermsSearch, TermTuple, TimeRange, TimestampSpec } from '../../new_terms/types';
import { memoryStoreWith } from '../../../test/helpers/memory_store';
import type { EmbeddedStore } from './embedded_store';
import { indexPatternToLike } from './event_source';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Minute 0 of every scenario: the start of the rule window. */
const BASE = Date.parse('2025-03-12T10:00:00.000Z');
const at = (minutes: number): number => BASE + minutes * MINUTE;
const iso = (ms: number): string => new Date(ms).toISOString();

const WINDOW: TimeRange = { from: at(0), to: at(10) };
const HISTORY: TimeRange = { from: at(0) - 14 * DAY, to: at(10) };
const WINDOW_AND_MORE: TimeRange = { from: at(0), to: at(30) };

const BY_TIMESTAMP: TimestampSpec = { primary: '@timestamp', fallback: null };
const BY_INGESTED: TimestampSpec = { primary: 'event.ingested', fallback: '@timestamp' };
const BY_INGESTED_ONLY: TimestampSpec = { primary: 'event.ingested', fallback: null };

const DEFEND_PROCESS_INDICES = ['logs-endpoint.events.process*'];

/** A process event at `minute` (by @timestamp), identified by `id`. */
const exec = (
  id: string,
  minute: number,
  fields: Record<string, unknown> = {}
): Record<string, unknown> => ({
  '@timestamp': iso(at(minute)),
  event: { id, category: ['process'] },
  ...fields,
});

interface SearchOptions {
  readonly query?: string;
  readonly timestamp?: TimestampSpec;
  readonly index?: readonly string[];
}

const search = (fields: readonly string[], options: SearchOptions = {}): NewTermsSearch => ({
  index: options.index ?? DEFEND_PROCESS_INDICES,
  query: fromKueryExpression(options.query ?? ''),
  fields,
  timestamp: options.timestamp ?? BY_TIMESTAMP,
});

/** Terms as sortable strings, so assertions do not depend on an order the phase does not promise. */
const sorted = (terms: readonly TermTuple[]): TermTuple[] =>
  [...terms].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Phase 1 run to the end, one page after another. */
const allRecentTerms = async (
  store: EmbeddedStore,
  query: NewTermsSearch,
  range: TimeRange,
  size = 100
): Promise<TermTuple[]> => {
  const terms: TermTuple[] = [];
  let afterKey: TermTuple | undefined;
  do {
    const page = await store.events.recentTerms(
      query,
      range,
      afterKey === undefined ? { size } : { size, afterKey }
    );
    terms.push(...page.terms);
    afterKey = page.afterKey;
  } while (afterKey !== undefined);
  return terms;
};

describe('DuckDbEventSource', () => {
  /** The store a test opened last; closed after each test. */
  let opened: EmbeddedStore | undefined;
  const open = async (events: ReadonlyArray<Record<string, unknown>>): Promise<EmbeddedStore> => {
    opened = await memoryStoreWith(events);
    return opened;
  };
  afterEach(() => {
    opened?.close();
    opened = undefined;
  });

  describe('phase 1: recentTerms', () => {
    it('returns the distinct values in the range in key order; events without the field give none', async () => {
      const store = await open([
        exec('1', 1, { process: { name: 'bash' } }),
        exec('2', 2, { process: { name: 'sh' } }),
        exec('3', 3, { process: { name: 'bash' } }),
        exec('before', -60, { process: { name: 'zsh' } }),
        exec('after', 11, { process: { name: 'fish' } }),
        exec('nameless', 4, { process: { pid: 7 } }),
      ]);
      const page = await store.events.recentTerms(search(['process.name']), WINDOW, { size: 10 });
      expect(page).toEqual({ terms: [['bash'], ['sh']] });
    });

    it('includes both ends of the range (gte / lte)', async () => {
      const store = await open([
        exec('at-from', 0, { process: { name: 'from' } }),
        exec('at-to', 10, { process: { name: 'to' } }),
        {
          '@timestamp': iso(WINDOW.from - 1),
          event: { id: 'just-before' },
          process: { name: 'early' },
        },
        {
          '@timestamp': iso(WINDOW.to + 1),
          event: { id: 'just-after' },
          process: { name: 'late' },
        },
      ]);
      expect(await allRecentTerms(store, search(['process.name']), WINDOW)).toEqual([
        ['from'],
        ['to'],
      ]);
    });

    it('expands an array field to each of its values, once each', async () => {
      const store = await open([exec('1', 1, { process: { name: ['wget', 'curl', 'wget'] } })]);
      expect(await allRecentTerms(store, search(['process.name']), WINDOW)).toEqual([
        ['curl'],
        ['wget'],
      ]);
    });

    it('yields every combination of two array fields, and nothing for an event missing either field', async () => {
      const store = await open([
        exec('both', 1, { process: { name: ['a', 'b'] }, user: { name: ['x', 'y'] } }),
        exec('no-user', 2, { process: { name: 'c' } }),
        exec('no-process', 3, { user: { name: 'z' } }),
      ]);
      expect(await allRecentTerms(store, search(['process.name', 'user.name']), WINDOW)).toEqual([
        ['a', 'x'],
        ['a', 'y'],
        ['b', 'x'],
        ['b', 'y'],
      ]);
    });

    it('keeps numbers and booleans as such in term tuples', async () => {
      const store = await open([
        exec('1', 1, { process: { name: 'bash', pid: 42, interactive: true } }),
      ]);
      expect(
        await allRecentTerms(
          store,
          search(['process.name', 'process.pid', 'process.interactive']),
          WINDOW
        )
      ).toEqual([['bash', 42, true]]);
    });

    it('applies the KQL query', async () => {
      const store = await open([
        exec('1', 1, { process: { name: 'bash' }, user: { name: 'root' } }),
        exec('2', 2, { process: { name: 'sh' }, user: { name: 'alice' } }),
        exec('3', 3, { process: { name: 'nc' }, user: { name: 'root' } }),
      ]);
      const query = search(['process.name'], { query: 'user.name:root and not process.name:nc' });
      expect(await allRecentTerms(store, query, WINDOW)).toEqual([['bash']]);
    });

    it('searches only the indices matching the rule’s patterns, `_` and `%` being literal characters', async () => {
      const inStream = (id: string, type: string, namespace: string, name: string) =>
        exec(id, 1, {
          process: { name },
          data_stream: { type, dataset: 'endpoint.events.process', namespace },
        });
      const store = await open([
        inStream('default', 'logs', 'default', 'in-default'),
        inStream('prod', 'logs', 'prod', 'in-prod'),
        inStream('underscore', 'logs_x', 'default', 'in-logs_x'),
        inStream('lookalike', 'logsAx', 'default', 'in-logsAx'),
      ]);
      const names = (index: readonly string[]) =>
        allRecentTerms(store, search(['process.name'], { index }), WINDOW);
      expect(await names(['logs-endpoint.events.process-prod'])).toEqual([['in-prod']]);
      expect(await names(['logs-endpoint.events.process*'])).toEqual([['in-default'], ['in-prod']]);
      expect(await names(['logs_x-*'])).toEqual([['in-logs_x']]);
      expect(await names(['logs-*', 'logs_x-*'])).toEqual([
        ['in-default'],
        ['in-logs_x'],
        ['in-prod'],
      ]);
    });

    it('finds nothing for a field no event has', async () => {
      const store = await open([exec('1', 1, { process: { name: 'bash' } })]);
      expect(
        await store.events.recentTerms(search(['no.such.field']), WINDOW, { size: 10 })
      ).toEqual({ terms: [] });
    });

    describe('timestamp_override', () => {
      const events = [
        // @timestamp in the window, ingested after it.
        exec('late-ingest', 5, {
          process: { name: 'late' },
          event: { id: 'late-ingest', ingested: iso(at(12)) },
        }),
        // No event.ingested: placed by @timestamp when the fallback is on.
        exec('no-ingested', 5, { process: { name: 'fallback' } }),
        // @timestamp long before the window, ingested inside it.
        exec('backfilled', -300, {
          process: { name: 'backfill' },
          event: { id: 'backfilled', ingested: iso(at(6)) },
        }),
      ];

      it('orders events by event.ingested, falling back to @timestamp where it is missing', async () => {
        const store = await open(events);
        expect(
          await allRecentTerms(store, search(['process.name'], { timestamp: BY_INGESTED }), WINDOW)
        ).toEqual([['backfill'], ['fallback']]);
      });

      it('without the fallback, ignores events that lack event.ingested', async () => {
        const store = await open(events);
        expect(
          await allRecentTerms(
            store,
            search(['process.name'], { timestamp: BY_INGESTED_ONLY }),
            WINDOW
          )
        ).toEqual([['backfill']]);
      });

      it('with @timestamp alone, uses @timestamp only', async () => {
        const store = await open(events);
        expect(await allRecentTerms(store, search(['process.name']), WINDOW)).toEqual([
          ['fallback'],
          ['late'],
        ]);
      });

      it('finds nothing when no event has the override field and the fallback is off', async () => {
        const store = await open([exec('1', 1, { process: { name: 'bash' } })]);
        expect(
          await allRecentTerms(
            store,
            search(['process.name'], { timestamp: BY_INGESTED_ONLY }),
            WINDOW
          )
        ).toEqual([]);
        expect(
          await allRecentTerms(store, search(['process.name'], { timestamp: BY_INGESTED }), WINDOW)
        ).toEqual([['bash']]);
      });
    });

    describe('paging', () => {
      const names = ['a', 'b', 'c', 'd', 'e'];

      it('returns `size` terms per page with the last one as afterKey, and no afterKey on the last page', async () => {
        const store = await open(names.map((name, i) => exec(name, i, { process: { name } })));
        const query = search(['process.name']);
        const first = await store.events.recentTerms(query, WINDOW, { size: 2 });
        expect(first).toEqual({ terms: [['a'], ['b']], afterKey: ['b'] });
        const second = await store.events.recentTerms(query, WINDOW, { size: 2, afterKey: ['b'] });
        expect(second).toEqual({ terms: [['c'], ['d']], afterKey: ['d'] });
        const third = await store.events.recentTerms(query, WINDOW, { size: 2, afterKey: ['d'] });
        expect(third).toEqual({ terms: [['e']] });
      });

      it('ends with an empty page when the terms fill the last page exactly', async () => {
        const store = await open(
          names.slice(0, 4).map((name, i) => exec(name, i, { process: { name } }))
        );
        const query = search(['process.name']);
        const second = await store.events.recentTerms(query, WINDOW, { size: 2, afterKey: ['b'] });
        expect(second).toEqual({ terms: [['c'], ['d']], afterKey: ['d'] });
        expect(await store.events.recentTerms(query, WINDOW, { size: 2, afterKey: ['d'] })).toEqual(
          { terms: [] }
        );
      });

      it('pages tuples in tuple order, a page boundary falling inside one first-field value', async () => {
        const store = await open([
          exec('1', 1, { process: { name: ['a', 'b'] }, user: { name: ['x', 'y'] } }),
          exec('2', 2, { process: { name: 'c' }, user: { name: 'x' } }),
        ]);
        const query = search(['process.name', 'user.name']);
        const pages: TermTuple[][] = [];
        let afterKey: TermTuple | undefined;
        do {
          const page = await store.events.recentTerms(
            query,
            WINDOW,
            afterKey === undefined ? { size: 3 } : { size: 3, afterKey }
          );
          pages.push([...page.terms]);
          afterKey = page.afterKey;
        } while (afterKey !== undefined);
        expect(pages).toEqual([
          [
            ['a', 'x'],
            ['a', 'y'],
            ['b', 'x'],
          ],
          [
            ['b', 'y'],
            ['c', 'x'],
          ],
        ]);
      });

      it('visits every term exactly once whatever the page size', async () => {
        const store = await open(names.map((name, i) => exec(name, i, { process: { name } })));
        for (const size of [1, 2, 3, 5, 6]) {
          expect(await allRecentTerms(store, search(['process.name']), WINDOW, size)).toEqual(
            names.map((name) => [name])
          );
        }
      });
    });
  });

  describe('phase 2: newTerms', () => {
    const NEW_AFTER = WINDOW.from;

    it('keeps the candidates first seen strictly after `newAfter`, with their first-seen time', async () => {
      const store = await open([
        exec('old-1', -60, { process: { name: 'old' } }),
        exec('old-2', 5, { process: { name: 'old' } }),
        exec('edge-1', 0, { process: { name: 'edge' } }),
        exec('edge-2', 4, { process: { name: 'edge' } }),
        exec('fresh-1', 7, { process: { name: 'fresh' } }),
        exec('fresh-2', 3, { process: { name: 'fresh' } }),
        // Seen before the history window only: new again within it.
        exec('forgotten-1', -15 * 24 * 60, { process: { name: 'forgotten' } }),
        exec('forgotten-2', 5, { process: { name: 'forgotten' } }),
        exec('not-asked', 5, { process: { name: 'not-asked' } }),
      ]);
      const found = await store.events.newTerms(search(['process.name']), HISTORY, NEW_AFTER, [
        ['old'],
        ['edge'],
        ['fresh'],
        ['forgotten'],
        ['absent'],
      ]);
      expect([...found].sort((a, b) => String(a.term[0]).localeCompare(String(b.term[0])))).toEqual(
        [
          { term: ['forgotten'], firstSeen: at(5) },
          { term: ['fresh'], firstSeen: at(3) },
        ]
      );
    });

    describe("phase 2 inside phase 1's search", () => {
      const events = [
        exec('old', -60, { process: { name: 'old' }, user: { name: 'root' } }),
        exec('now-old', 4, { process: { name: 'old' }, user: { name: 'root' } }),
        exec('mixed', 5, { process: { name: ['old', 'sh'] }, user: { name: ['root', 'alice'] } }),
        exec('fresh', 6, { process: { name: 'fresh' }, user: { name: 'bob' } }),
        exec('edge', 0, { process: { name: 'edge' }, user: { name: 'root' } }),
      ];
      const alsoNew = { history: HISTORY, newAfter: NEW_AFTER };

      it('answers it page by page for one field, as newTerms answers it for the page', async () => {
        const store = await open(events);
        const query = search(['process.name']);
        let afterKey: TermTuple | undefined;
        const seen: TermTuple[] = [];
        const news: TermTuple[] = [];
        do {
          const page = await store.events.recentTerms(
            query,
            WINDOW,
            afterKey === undefined ? { size: 2 } : { size: 2, afterKey },
            alsoNew
          );
          const asked = await store.events.newTerms(query, HISTORY, NEW_AFTER, page.terms);
          expect(page.newTerms).toBeDefined();
          expect(
            sorted((page.newTerms ?? []).map((found) => [...found.term, found.firstSeen]))
          ).toEqual(sorted(asked.map((found) => [...found.term, found.firstSeen])));
          news.push(...(page.newTerms ?? []).map((found) => found.term));
          seen.push(...page.terms);
          afterKey = page.afterKey;
        } while (afterKey !== undefined);
        expect(seen).toEqual(await allRecentTerms(store, query, WINDOW));
        // first_seen must be strictly after the window's start: edge (at it) is not new, nor is old.
        expect(sorted(news)).toEqual([['fresh'], ['sh']]);
      });

      it('leaves it to newTerms for several fields (slower in one statement)', async () => {
        const store = await open(events);
        const page = await store.events.recentTerms(
          search(['process.name', 'user.name']),
          WINDOW,
          { size: 100 },
          alsoNew
        );
        expect(page.newTerms).toBeUndefined();
        expect(page.terms).toHaveLength(6);
      });
    });

    it('returns nothing for no candidates', async () => {
      const store = await open([exec('1', 5, { process: { name: 'bash' } })]);
      expect(await store.events.newTerms(search(['process.name']), HISTORY, NEW_AFTER, [])).toEqual(
        []
      );
    });

    it('judges a tuple as a whole: known values in a new combination are new', async () => {
      const store = await open([
        exec('history', -60, { process: { name: ['bash', 'sh'] }, user: { name: 'root' } }),
        exec('history-2', -30, { process: { name: 'sh' }, user: { name: 'alice' } }),
        exec('now', 5, { process: { name: ['bash', 'sh'] }, user: { name: ['root', 'alice'] } }),
      ]);
      const candidates: TermTuple[] = [
        ['bash', 'root'],
        ['bash', 'alice'],
        ['sh', 'root'],
        ['sh', 'alice'],
      ];
      const found = await store.events.newTerms(
        search(['process.name', 'user.name']),
        HISTORY,
        NEW_AFTER,
        candidates
      );
      expect(found).toEqual([{ term: ['bash', 'alice'], firstSeen: at(5) }]);
    });

    it('matches numeric and boolean candidates by value', async () => {
      const store = await open([
        exec('old', -60, { process: { pid: 1, interactive: false } }),
        exec('new', 5, { process: { pid: 2, interactive: false } }),
        exec('new-flag', 6, { process: { pid: 1, interactive: true } }),
      ]);
      const query = search(['process.pid', 'process.interactive']);
      const found = await store.events.newTerms(query, HISTORY, NEW_AFTER, [
        [1, false],
        [2, false],
        [1, true],
      ]);
      expect(sorted(found.map((term) => [...term.term, term.firstSeen]))).toEqual(
        sorted([
          [2, false, at(5)],
          [1, true, at(6)],
        ])
      );
    });

    it('uses the combined timestamp: a backfilled event counts from when it was ingested', async () => {
      const store = await open([
        exec('backfilled', -300, {
          process: { name: 'backfill' },
          event: { id: 'backfilled', ingested: iso(at(6)) },
        }),
        exec('no-ingested', -30, { process: { name: 'old-by-timestamp' } }),
      ]);
      const found = await store.events.newTerms(
        search(['process.name'], { timestamp: BY_INGESTED }),
        HISTORY,
        NEW_AFTER,
        [['backfill'], ['old-by-timestamp']]
      );
      expect(found).toEqual([{ term: ['backfill'], firstSeen: at(6) }]);
    });

    it('applies the query to the history too: an occurrence the query excludes does not make a term old', async () => {
      const store = await open([
        exec('excluded-history', -60, { process: { name: 'nc' }, user: { name: 'svc' } }),
        exec('now', 5, { process: { name: 'nc' }, user: { name: 'root' } }),
      ]);
      const found = await store.events.newTerms(
        search(['process.name'], { query: 'user.name:root' }),
        HISTORY,
        NEW_AFTER,
        [['nc']]
      );
      expect(found).toEqual([{ term: ['nc'], firstSeen: at(5) }]);
    });
  });

  describe('phase 3: firstDocuments', () => {
    it('returns the earliest event of each term in the range, with the number of events holding it', async () => {
      const bashEarly = exec('bash-early', 2, {
        process: { name: 'bash' },
        host: { name: 'node-1' },
      });
      const store = await open([
        exec('bash-before-range', -5, { process: { name: 'bash' } }),
        exec('bash-late', 4, { process: { name: 'bash' } }),
        bashEarly,
        exec('sh-only', 6, { process: { name: ['sh', 'bash'] } }),
      ]);
      const documents = await store.events.firstDocuments(search(['process.name']), WINDOW, [
        ['bash'],
        ['sh'],
      ]);
      const byTerm = new Map(documents.map((document) => [String(document.term[0]), document]));
      expect(documents).toHaveLength(2);
      expect(byTerm.get('bash')).toEqual({
        term: ['bash'],
        docCount: 3,
        event: {
          index: 'logs-endpoint.events.process-default',
          id: 'bash-early',
          source: bashEarly,
          timestamp: at(2),
        },
      });
      expect(byTerm.get('sh')).toMatchObject({
        term: ['sh'],
        docCount: 1,
        event: { id: 'sh-only', timestamp: at(6) },
      });
    });

    it('breaks a timestamp tie in favour of the event stored first', async () => {
      const tied = (id: string) => exec(id, 3, { process: { name: 'bash' } });
      const first = await open([tied('stored-first'), tied('stored-second')]);
      const [winner] = await first.events.firstDocuments(search(['process.name']), WINDOW, [
        ['bash'],
      ]);
      expect(winner?.event.id).toBe('stored-first');
      first.close();

      const reversed = await open([tied('stored-second'), tied('stored-first')]);
      const [other] = await reversed.events.firstDocuments(search(['process.name']), WINDOW, [
        ['bash'],
      ]);
      expect(other?.event.id).toBe('stored-second');
    });

    it('finds the first document of each tuple of two array fields', async () => {
      const store = await open([
        exec('combo', 2, { process: { name: ['a', 'b'] }, user: { name: ['x', 'y'] } }),
        exec('later-ax', 5, { process: { name: 'a' }, user: { name: 'x' } }),
      ]);
      const documents = await store.events.firstDocuments(
        search(['process.name', 'user.name']),
        WINDOW,
        [
          ['a', 'x'],
          ['b', 'y'],
          ['c', 'z'],
        ]
      );
      expect(
        sorted(
          documents.map((document) => [...document.term, document.event.id, document.docCount])
        )
      ).toEqual([
        ['a', 'x', 'combo', 2],
        ['b', 'y', 'combo', 1],
      ]);
    });

    it('reports the combined timestamp and skips events the query excludes', async () => {
      const store = await open([
        exec('excluded', 1, {
          process: { name: 'bash' },
          user: { name: 'svc' },
          event: { id: 'excluded', ingested: iso(at(1)) },
        }),
        exec('backfilled', -300, {
          process: { name: 'bash' },
          user: { name: 'root' },
          event: { id: 'backfilled', ingested: iso(at(4)) },
        }),
        exec('fallback', 3, { process: { name: 'sh' }, user: { name: 'root' } }),
      ]);
      const query = search(['process.name'], { query: 'user.name:root', timestamp: BY_INGESTED });
      const documents = await store.events.firstDocuments(query, WINDOW, [['bash'], ['sh']]);
      expect(
        sorted(
          documents.map((document) => [
            document.term[0] ?? '',
            document.event.id,
            document.event.timestamp,
          ])
        )
      ).toEqual([
        ['bash', 'backfilled', at(4)],
        ['sh', 'fallback', at(3)],
      ]);
    });

    it('returns nothing for no terms', async () => {
      const store = await open([exec('1', 1, { process: { name: 'bash' } })]);
      expect(await store.events.firstDocuments(search(['process.name']), WINDOW, [])).toEqual([]);
    });
  });

  describe('replay helpers', () => {
    it('hasEvents says whether an index the patterns match holds an event, `_` being literal', async () => {
      const empty = await memoryStoreWith([]);
      expect(await empty.events.hasEvents(DEFEND_PROCESS_INDICES)).toBe(false);
      empty.close();
      const store = await open([
        exec('a', 1, {
          data_stream: { type: 'logs_x', dataset: 'endpoint.events.process', namespace: 'a' },
        }),
      ]);
      expect(await store.events.hasEvents(DEFEND_PROCESS_INDICES)).toBe(false);
      expect(await store.events.hasEvents(['logs_x-endpoint.events.process-a'])).toBe(true);
      expect(await store.events.hasEvents(['logs-*', 'logs_x-*'])).toBe(true);
      expect(await store.events.hasEvents([])).toBe(false);
    });

    it('timeSpan is the earliest and latest combined timestamp of all events', async () => {
      const store = await open([
        exec('a', -5, { event: { id: 'a', ingested: iso(at(-4)) } }),
        exec('b', 8),
        exec('c', 2, { event: { id: 'c', ingested: iso(at(9)) } }),
      ]);
      expect(await store.events.timeSpan(BY_INGESTED)).toEqual({ from: at(-4), to: at(9) });
      expect(await store.events.timeSpan(BY_TIMESTAMP)).toEqual({ from: at(-5), to: at(8) });
    });

    it('matchingTimestamps lists the distinct times of matching events that hold the fields, ascending', async () => {
      const store = await open([
        exec('1', 7, { process: { name: 'bash' } }),
        exec('2', 1, { process: { name: 'sh' } }),
        exec('3', 7, { process: { name: 'zsh' } }),
        exec('4', 3),
        exec('5', 20, { process: { name: 'late' } }),
      ]);
      expect(await store.events.matchingTimestamps(search(['process.name']), WINDOW)).toEqual([
        at(1),
        at(7),
      ]);
    });

    it('newTermCandidateTimes keeps first occurrences and those more than minGap after the previous one', async () => {
      const store = await open([
        exec('first', 1, { process: { name: 'bash' } }),
        exec('soon-again', 2, { process: { name: 'bash' } }),
        exec('long-after', 20, { process: { name: 'bash' } }),
        exec('array', 3, { process: { name: ['a', 'b'] } }),
        exec('a-again', 5, { process: { name: 'a' } }),
        exec('sh', 10, { process: { name: 'sh' } }),
        exec('sh-exactly-min-gap', 15, { process: { name: 'sh' } }),
        exec('excluded', 12, { process: { name: 'zsh' }, user: { name: 'svc' } }),
        exec('backfilled', 4, {
          process: { name: 'csh' },
          event: { id: 'backfilled', ingested: iso(at(25)) },
        }),
      ]);
      const query = search(['process.name'], {
        query: 'not user.name:svc',
        timestamp: BY_INGESTED,
      });
      expect(await store.events.newTermCandidateTimes(query, WINDOW_AND_MORE, 5 * MINUTE)).toEqual([
        at(1),
        at(3),
        at(10),
        at(20),
        at(25),
      ]);
      expect(await store.events.newTermCandidateTimes(query, WINDOW_AND_MORE, 0)).toEqual(
        [1, 2, 3, 5, 10, 15, 20, 25].map(at)
      );
    });

    it('newTermCandidateTimes forms terms as the phases do: every combination of several (array) fields', async () => {
      const store = await open([
        exec('1', 1, { process: { name: ['a', 'b'] }, user: { name: 'x' } }),
        exec('2', 4, { process: { name: 'a' }, user: { name: 'x' } }),
        exec('3', 6, { process: { name: 'a' }, user: { name: ['x', 'y'] } }),
        exec('no-user', 8, { process: { name: 'c' } }),
      ]);
      expect(
        await store.events.newTermCandidateTimes(
          search(['process.name', 'user.name']),
          WINDOW,
          5 * MINUTE
        )
      ).toEqual([at(1), at(6)]);
    });
  });
});

describe('indexPatternToLike', () => {
  it('turns * into % and escapes LIKE’s own wildcards and the escape character', () => {
    expect(indexPatternToLike('logs-endpoint.events.process*')).toBe(
      'logs-endpoint.events.process%'
    );
    expect(indexPatternToLike('a_b%c\\d*')).toBe('a\\_b\\%c\\\\d%');
  });
});
