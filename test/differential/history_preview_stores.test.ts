/**
 * The preview of a rule change (the stored history replayed for the rule as it is and as it would
 * be) gives the same answer over the embedded store and over Elasticsearch, for an exception that
 * removes a noisy parent's terms.
 */
import type { Client } from '@elastic/elasticsearch';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { compareReplays } from '../../server/replay/history_preview';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { EsEventSource } from '../../server/stores/elasticsearch/event_source';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { memoryStoreWith } from '../helpers/memory_store';
import { DAY, EventFactory, MINUTE, NOW } from './new_terms_scenarios';

const RUN_ID = Date.now().toString(36);
const NOISY = '/opt/monitor/healthcheck';

describeWithElasticsearch('a rule preview agrees on both stores', () => {
  let client: Client;
  beforeAll(() => {
    client = createEsClient({ url: esTestUrl() });
  });
  afterAll(async () => {
    await client.indices.delete({
      index: `*${RUN_ID}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    await client.close();
  });

  it('replays the history with and without an exception identically', async () => {
    const factory = new EventFactory(`preview${RUN_ID}`);
    const exec = (at: number, name: string, parent: string) =>
      factory.interactive(at, name, { process: { parent: { executable: parent } } });
    const events = [
      exec(NOW - 20 * DAY, 'ls', '/bin/bash'),
      exec(NOW - 9 * DAY, 'nc', NOISY),
      exec(NOW - 6 * DAY, 'curl', NOISY),
      exec(NOW - 3 * DAY, 'socat', '/bin/bash'),
      exec(NOW - 2 * DAY, 'nc', NOISY),
      exec(NOW - 30 * MINUTE, 'wget', NOISY),
    ];
    const rule = {
      uuid: 'preview-rule',
      spaceId: 'default',
      definition: { ...unusualInteractiveProcessInContainer, index: [factory.index] },
    };
    const list = {
      list_id: 'tuning',
      type: 'detection' as const,
      name: 'Tuning',
      description: '',
      namespace_type: 'single' as const,
    };
    const reference = {
      id: 'tuning',
      list_id: 'tuning',
      type: 'detection' as const,
      namespace_type: 'single' as const,
    };
    const after = {
      rule: { ...rule, definition: { ...rule.definition, exceptions_list: [reference] } },
      exceptions: {
        lists: [list],
        items: [
          {
            item_id: 'noisy-parent',
            list_id: 'tuning',
            type: 'simple' as const,
            name: 'Noisy parent',
            description: '',
            namespace_type: 'single' as const,
            entries: [
              {
                field: 'process.parent.executable',
                operator: 'included' as const,
                type: 'match' as const,
                value: NOISY,
              },
            ],
          },
        ],
      },
    };
    const before = { rule, exceptions: { lists: [], items: [] } };

    const store = await memoryStoreWith(events);
    const embedded = await compareReplays(store.events, before, after).finally(() => store.close());
    await indexEventsForTest(client, events);
    const elasticsearch = await compareReplays(new EsEventSource(client), before, after);

    expect(elasticsearch).toEqual(embedded);
    expect(embedded.after).toBeLessThan(embedded.before);
    expect(embedded.removed_terms.length).toBeGreaterThan(0);
  });
});
