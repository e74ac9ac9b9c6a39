/**
 * Alert suppression: the terms and instance id of a candidate, the plan for one bulk, and whole
 * executions over a real embedded store for what the differential corpus cannot set up (a closed
 * alert, an alert older than the duration, the 5 × max_signals limit). The behaviour pinned here
 * is that of Kibana's new_terms suppression tests (security_solution_api_integration, new_terms
 * alert_suppression.ts).
 */
import * as F from '../../common/alerts/field_names';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { EventFactory, MINUTE, NOW } from '../../test/differential/new_terms_scenarios';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import type { EmbeddedStore } from '../stores/duckdb/embedded_store';
import {
  planSuppression,
  SUPPRESSION_MAX_SIGNALS_WARNING,
  suppressionInstanceId,
  suppressionTermsOf,
  type SuppressionCandidate,
} from './alert_suppression';
import { runNewTermsRule, SUPPRESSION_UNSUPPORTED_WARNING } from './run_new_terms_rule';

describe('suppression terms', () => {
  it('takes leaves, an array as one sorted value, a missing field as null', () => {
    const source = {
      host: { name: 'n1' },
      'process.args': ['-x', '-a'],
      process: { parent: { name: 'sh' } },
    };
    expect(
      suppressionTermsOf(source, ['host.name', 'process.args', 'process.parent', 'user.name'])
    ).toEqual([
      { field: 'host.name', value: ['n1'] },
      { field: 'process.args', value: ['-a', '-x'] },
      { field: 'process.parent', value: null },
      { field: 'user.name', value: null },
    ]);
  });

  it('hashes the terms with the rule and space, not the new term', () => {
    const terms = [{ field: 'host.name', value: ['n1'] }];
    const id = suppressionInstanceId(terms, 'rule-uuid', 'default');
    expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(
      suppressionInstanceId([{ field: 'host.name', value: ['n1'] }], 'rule-uuid', 'default')
    ).toBe(id);
    expect(suppressionInstanceId(terms, 'other-rule', 'default')).not.toBe(id);
    expect(suppressionInstanceId(terms, 'rule-uuid', 'space-2')).not.toBe(id);
    expect(
      suppressionInstanceId([{ field: 'host.name', value: null }], 'rule-uuid', 'default')
    ).not.toBe(id);
  });
});

describe('planning one bulk', () => {
  const candidate = (id: string, instanceId: string, time: number): SuppressionCandidate => ({
    instanceId,
    time,
    alert: { [F.ALERT_UUID]: id, [F.ALERT_SUPPRESSION_DOCS_COUNT]: 0 },
  });
  const target = (executionUuid: string, suppressionEnd: number) => ({
    id: 'stored',
    instanceId: 'i1',
    executionUuid,
    suppressionStart: 120,
    suppressionEnd,
    docsCount: 2,
  });

  it('drops what a stored alert of another execution already counted, extends it with the rest', () => {
    const plan = planSuppression({
      candidates: [candidate('a', 'i1', 100), candidate('b', 'i1', 300), candidate('c', 'i1', 200)],
      targets: new Map([['i1', target('earlier', 150)]]),
      suppression: { group_by: ['host.name'], duration: { value: 1, unit: 'h' } },
      executionId: 'now',
      startedAt: 1_000,
    });
    expect(plan.created).toEqual([]);
    expect(plan.updates).toEqual([
      {
        id: 'stored',
        docsCount: 4,
        suppressionEnd: new Date(300).toISOString(),
        lastDetected: new Date(1_000).toISOString(),
      },
    ]);
    expect(plan.suppressed).toBe(3);
  });

  it('without a duration, extends only an alert of the same execution', () => {
    const input = {
      candidates: [candidate('a', 'i1', 200)],
      suppression: { group_by: ['host.name'] },
      executionId: 'now',
      startedAt: 1_000,
    };
    const other = planSuppression({ ...input, targets: new Map([['i1', target('earlier', 150)]]) });
    expect(other.created.map((alert) => alert[F.ALERT_UUID])).toEqual(['a']);
    const same = planSuppression({ ...input, targets: new Map([['i1', target('now', 150)]]) });
    expect(same.created).toEqual([]);
    expect(same.updates[0]?.docsCount).toBe(3);
  });

  it('moves the start earlier only for an alert of the same execution', () => {
    const input = {
      candidates: [candidate('a', 'i1', 100)],
      suppression: { group_by: ['host.name'], duration: { value: 1, unit: 'h' as const } },
      executionId: 'now',
      startedAt: 1_000,
    };
    const same = planSuppression({ ...input, targets: new Map([['i1', target('now', 150)]]) });
    expect(same.updates[0]).toMatchObject({
      suppressionStart: new Date(100).toISOString(),
      suppressionEnd: new Date(150).toISOString(),
    });
    const other = planSuppression({ ...input, targets: new Map([['i1', target('earlier', 90)]]) });
    expect(other.updates[0]?.suppressionStart).toBeUndefined();
  });
});

describe('suppression across executions (embedded store)', () => {
  const factory = new EventFactory('suppression-unit');
  let store: EmbeddedStore;
  afterEach(() => store.close());

  const rule = (overrides: Partial<NewTermsRuleDefinition>) => ({
    uuid: 'suppressing-rule',
    spaceId: 'default',
    definition: {
      ...unusualInteractiveProcessInContainer,
      index: [factory.index],
      alert_suppression: { group_by: ['host.name'], duration: { value: 20, unit: 'm' as const } },
      ...overrides,
    },
  });
  const run = (definition: ReturnType<typeof rule>, at: number, previous: number, id: string) =>
    runNewTermsRule({
      rule: definition,
      source: store.events,
      sink: store.alerts,
      startedAt: new Date(at),
      previousStartedAt: new Date(previous),
      executionId: id,
    });
  const stored = async () =>
    (await store.alerts.list()).map((alert) => [
      alert.document[F.ALERT_NEW_TERMS],
      alert.document[F.ALERT_SUPPRESSION_DOCS_COUNT],
    ]);

  it('starts a new alert when the one it would extend was closed', async () => {
    store = await memoryStoreWith([
      factory.interactive(NOW - 2 * MINUTE, 'a', { host: 'n1' }),
      factory.interactive(NOW + 3 * MINUTE, 'b', { host: 'n1' }),
    ]);
    const suppressing = rule({});
    await run(suppressing, NOW, NOW - 5 * MINUTE, 'e1');
    const [first] = await store.alerts.list();
    await store.alertQueries.setWorkflowStatus(
      { ids: [first?.id ?? ''] },
      { status: 'closed', user: 'analyst', at: new Date(NOW) }
    );
    await run(suppressing, NOW + 5 * MINUTE, NOW, 'e2');
    expect(await stored()).toEqual([
      [['a'], 0],
      [['b'], 0],
    ]);
  });

  it('starts a new alert when the open one was created longer ago than the duration', async () => {
    store = await memoryStoreWith([
      factory.interactive(NOW - 2 * MINUTE, 'a', { host: 'n1' }),
      factory.interactive(NOW + 28 * MINUTE, 'b', { host: 'n1' }),
    ]);
    const suppressing = rule({});
    await run(suppressing, NOW, NOW - 5 * MINUTE, 'e1');
    await run(suppressing, NOW + 30 * MINUTE, NOW + 25 * MINUTE, 'e2');
    expect(await stored()).toEqual([
      [['a'], 0],
      [['b'], 0],
    ]);
  });

  it('stops at five times max_signals created and suppressed, with Kibana’s warning', async () => {
    const names = Array.from({ length: 14 }, (_, i) => `tool-${String(i).padStart(2, '0')}`);
    store = await memoryStoreWith(
      names.map((name, i) => factory.interactive(NOW - 4 * MINUTE + i * 1000, name, { host: 'n1' }))
    );
    const result = await run(rule({ max_signals: 2 }), NOW, NOW - 5 * MINUTE, 'e1');
    expect(result.createdAlertIds).toHaveLength(1);
    expect(result.warnings).toEqual([SUPPRESSION_MAX_SIGNALS_WARNING]);
    // One chunk of 10 candidates: the alert and 9 folded into it.
    expect((await stored())[0]?.[1]).toBe(9);
  });

  it('warns and alerts unsuppressed where the sink cannot fold alerts', async () => {
    store = await memoryStoreWith([
      factory.interactive(NOW - 2 * MINUTE, 'a', { host: 'n1' }),
      factory.interactive(NOW - 1 * MINUTE, 'b', { host: 'n1' }),
    ]);
    const alerts = store.alerts;
    const plainSink = {
      existingIds: (ids: readonly string[]) => alerts.existingIds(ids),
      create: (documents: Parameters<typeof alerts.create>[0]) => alerts.create(documents),
    };
    const result = await runNewTermsRule({
      rule: rule({}),
      source: store.events,
      sink: plainSink,
      startedAt: new Date(NOW),
      previousStartedAt: new Date(NOW - 5 * MINUTE),
      executionId: 'e1',
    });
    expect(result.warnings).toEqual([SUPPRESSION_UNSUPPORTED_WARNING]);
    expect(result.createdAlertIds).toHaveLength(2);
  });
});
