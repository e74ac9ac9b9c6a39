/**
 * Executions on the real embedded store. Gap catch-up after a failed execution: the next one
 * searches again from the last execution that covered its windows, so an event only a failed
 * run's window held still raises its alert (the failure is injected by wrapping the real event
 * source). The index check: Security's warning while no stored event is in the rule's indices.
 */
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as RULE_ID } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { textInput } from '../../test/helpers/text_input';
import { EmbeddedStore } from '../stores/duckdb/embedded_store';
import { DuckDbRuleStore } from '../stores/duckdb/rule_store';
import { EmbeddedRuleService } from './embedded_rule_service';
import type { NewTermsEventSource } from '../stores/store_contract';

const MINUTE_MS = 60_000;
const FIRST_RUN = new Date('2025-03-12T12:00:00.000Z');
const at = (minutesAfterFirstRun: number): Date =>
  new Date(FIRST_RUN.getTime() + minutesAfterFirstRun * MINUTE_MS);

/** An interactive shell started in a container: what the rule looks for. */
const interactiveShell = (timestamp: Date, id: string): string =>
  JSON.stringify({
    '@timestamp': timestamp.toISOString(),
    data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'default' },
    event: { id, category: ['process'], type: ['start'], action: 'exec' },
    host: { os: { type: 'linux' }, name: 'node-1' },
    process: {
      name: 'bash',
      interactive: true,
      entry_leader: { entry_meta: { type: 'container' } },
    },
  });

/** The store's own source, except that every search fails (as an unreachable cluster would). */
const failingSource = (source: NewTermsEventSource): NewTermsEventSource => {
  const fail = (): Promise<never> =>
    Promise.reject(new Error('injected: the event store is unreachable'));
  return { ...source, recentTerms: fail, newTerms: fail, firstDocuments: fail };
};

describe('EmbeddedRuleService', () => {
  let store: EmbeddedStore;
  let service: EmbeddedRuleService;

  beforeEach(async () => {
    store = await EmbeddedStore.open();
    service = new EmbeddedRuleService(store, () => FIRST_RUN);
    await service.install([RULE_ID], true);
  });
  afterEach(() => store.close());

  const installed = async () => {
    const rule = await new DuckDbRuleStore(store.database.connection).findByRuleId(RULE_ID);
    if (rule === undefined) throw new Error('rule not installed');
    return rule;
  };

  describe('gap catch-up', () => {
    it('searches a failed run’s windows again on the next run, and raises what it missed once', async () => {
      // Nothing stored yet: the run warns (the index check below) but covers its windows.
      expect((await service.execute(await installed(), at(0))).status).toBe('partial failure');
      // Arrives after the first run, inside the second run's window only (not the third's own).
      await store.ingest([
        textInput('late.ndjson', interactiveShell(at(-1), 'missed-by-the-failed-run')),
      ]);

      const failed = await service.execute(await installed(), at(5), {
        source: failingSource(store.events),
        sink: store.alerts,
      });
      expect(failed.status).toBe('failed');

      const recovered = await service.execute(await installed(), at(10));
      expect(recovered.status).not.toBe('failed');
      expect(recovered.createdAlertIds).toHaveLength(1);
      const [alert] = await store.alerts.list();
      expect(alert?.document['kibana.alert.original_time']).toBe(at(-1).toISOString());

      const again = await service.execute(await installed(), at(15));
      expect(again.createdAlertIds).toEqual([]);
    });

    it('still schedules from the failed run: the rule is not due again at once', async () => {
      await service.execute(await installed(), at(0));
      await service.execute(await installed(), at(5), {
        source: failingSource(store.events),
        sink: store.alerts,
      });
      const rule = await installed();
      expect(rule.previousStartedAt).toBe(at(5).getTime());
      expect(rule.lastCoveredStartedAt).toBe(at(0).getTime());
    });
  });

  describe('index check', () => {
    const run = async () => service.execute(await installed(), FIRST_RUN);

    it("warns as Kibana does while no stored event is in the rule's index patterns", async () => {
      const empty = await run();
      expect(empty.status).toBe('partial failure');
      expect(empty.warnings).toContain(
        'This rule is attempting to query data from Elasticsearch indices listed in the "Index patterns" section of the rule definition, however no index matching: ["logs-endpoint.events.process*"] was found. This warning will continue to appear until a matching index is created or this rule is disabled.'
      );
      const [lastRun] = (await service.list()).map((rule) => rule.last_run);
      expect(lastRun?.message).toContain('however no index matching');
    });

    it('still warns for events in other indices only, and not once one matches', async () => {
      const elsewhere = JSON.parse(interactiveShell(at(-1), 'elsewhere')) as Record<
        string,
        unknown
      >;
      elsewhere.data_stream = { type: 'logs', dataset: 'system.auth', namespace: 'default' };
      await store.ingest([textInput('other.ndjson', JSON.stringify(elsewhere))]);
      expect((await run()).warnings.join(' ')).toContain('however no index matching');
      await store.ingest([textInput('shell.ndjson', interactiveShell(at(-1), 'in-the-index'))]);
      const matched = await run();
      expect(matched.warnings.join(' ')).not.toContain('however no index matching');
      expect(matched.status).toBe('succeeded');
    });
  });
});
