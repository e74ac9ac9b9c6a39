/**
 * Rule exceptions over the HTTP API, through the real routes and the embedded store: Kibana's
 * "add rule exception" into the rule's default list, closing the alert and the open alerts the
 * item matches, later runs leaving the excepted events out, the rule's lists with what each item
 * matches, editing and removing items, and the replayed preview.
 */
import type { NewRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { ApiError } from '../../public/application/api_error';
import { EventFactory } from '../../test/differential/new_terms_scenarios';
import { inProcessApi, type InProcessApi } from '../../test/helpers/in_process_api';
import { ingestObjects } from '../../test/helpers/memory_store';
import { kibanaCreateMock } from '../../test/helpers/rule_fixtures';
import { missingExceptionFieldsWarning } from '../rules/exception_field_check';
import { API_BASE_PATH } from './api_types';

const RULE_ID = 'interactive-by-name';
const BENIGN_PARENT = '/usr/local/bin/healthcheck';
const SHELL = '/bin/bash';

const parentException = (parent: string, name = 'benign health check'): NewRuleExceptionItem => ({
  type: 'simple',
  name,
  description: 'the health check runs these',
  entries: [
    { field: 'process.parent.executable', operator: 'included', type: 'match', value: parent },
  ],
});

describe('exception routes (standalone)', () => {
  let host: InProcessApi;
  let factory: EventFactory;
  const exec = (at: number, name: string, parent: string) =>
    factory.interactive(at, name, { process: { parent: { executable: parent } } });

  beforeEach(async () => {
    host = await inProcessApi();
    factory = new EventFactory('tuning');
    const rule = {
      ...kibanaCreateMock(),
      rule_id: RULE_ID,
      index: [factory.index],
      query: 'process.interactive : true',
      new_terms_fields: ['process.name'],
    };
    await host.api.createRule(rule, true);
  });
  afterEach(() => host.close());

  const post = (route: string, body?: unknown) =>
    host.transport({ method: 'POST', path: `${API_BASE_PATH}${route}`, body });

  const alertsOfRule = async () =>
    (
      await host.api.searchAlerts({
        ruleIds: [RULE_ID],
        page: 0,
        perPage: 100,
        sortField: 'original_time',
        sortOrder: 'asc',
      })
    ).alerts;

  const termOf = (alert: Readonly<Record<string, unknown>>) =>
    (alert['kibana.alert.new_terms'] as string[]).join();

  it('adds an exception from an alert: closes what it matches, later runs leave it out', async () => {
    const now = Date.now();
    await ingestObjects(host.store, [
      exec(now - 90_000, 'nc', BENIGN_PARENT),
      exec(now - 80_000, 'curl', BENIGN_PARENT),
      exec(now - 70_000, 'socat', SHELL),
    ]);
    await host.api.runRule(RULE_ID);
    const raised = await alertsOfRule();
    expect(raised.map(termOf)).toEqual(['nc', 'curl', 'socat']);
    const [nc] = raised;

    const added = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)], {
      alertIds: [String(nc?.['kibana.alert.uuid'])],
      closeMatching: true,
    });
    expect(added.closed_alerts).toBe(2);
    expect(added.list).toMatchObject({
      type: 'rule_default',
      namespace_type: 'single',
      name: `Exceptions for rule - ${kibanaCreateMock().name as string}`,
      tags: ['default_rule_exception_list'],
    });
    expect(added.items[0]).toMatchObject({
      list_id: added.list.list_id,
      created_by: 'test-analyst',
      name: 'benign health check',
    });
    const statuses = (await alertsOfRule()).map((alert) => [
      termOf(alert),
      alert['kibana.alert.workflow_status'],
    ]);
    expect(statuses).toEqual([
      ['nc', 'closed'],
      ['curl', 'closed'],
      ['socat', 'open'],
    ]);
    const { definition, rule } = await host.api.getRule(RULE_ID);
    expect(definition.exceptions_list).toEqual([
      {
        id: added.list.id,
        list_id: added.list.list_id,
        type: 'rule_default',
        namespace_type: 'single',
      },
    ]);
    expect(rule.source).toBe('user');

    await ingestObjects(host.store, [
      exec(now - 20_000, 'wget', BENIGN_PARENT),
      exec(now - 10_000, 'ncat', SHELL),
    ]);
    await host.api.runRule(RULE_ID);
    expect((await alertsOfRule()).map(termOf)).toEqual(['nc', 'curl', 'socat', 'ncat']);

    const view = await host.api.getRuleExceptions(RULE_ID);
    expect(view.lists).toHaveLength(1);
    expect(view.lists[0]?.items.map((entry) => entry.matching_alerts)).toEqual([2]);
  });

  it('puts every later exception into the same default list', async () => {
    const first = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    const second = await host.api.addRuleExceptions(RULE_ID, [parentException(SHELL, 'shells')]);
    expect(second.list.list_id).toBe(first.list.list_id);
    const lists = await host.api.listExceptionLists();
    expect(lists.lists).toHaveLength(1);
    expect(lists.lists[0]?.items.map((item) => item.name)).toEqual(
      expect.arrayContaining(['benign health check', 'shells'])
    );
    expect(lists.lists[0]?.rule_ids).toEqual([RULE_ID]);
  });

  it('makes a new default list when the one the rule names is gone', async () => {
    const first = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    await host.store.exceptions.removeList(first.list.list_id, 'single');
    const second = await host.api.addRuleExceptions(RULE_ID, [parentException(SHELL)]);
    expect(second.list.list_id).not.toBe(first.list.list_id);
    const { definition } = await host.api.getRule(RULE_ID);
    expect(definition.exceptions_list?.map((reference) => reference.list_id)).toEqual([
      second.list.list_id,
    ]);
  });

  it('keeps a prebuilt rule prebuilt when it gets an exception', async () => {
    const [prebuilt] = PREBUILT_RULES;
    if (prebuilt === undefined) throw new Error('no prebuilt rule');
    await host.api.installRules([prebuilt.rule_id]);
    await host.api.addRuleExceptions(prebuilt.rule_id, [parentException(BENIGN_PARENT)]);
    const details = await host.api.getRule(prebuilt.rule_id);
    expect(details.rule.source).toBe('prebuilt');
    expect(details.definition.exceptions_list).toHaveLength(1);
  });

  it('edits and removes an item; says when there is none', async () => {
    const { items } = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    const [item] = items;
    if (item === undefined) throw new Error('no item');
    await host.api.updateExceptionItem({ ...item, name: 'renamed' });
    const view = await host.api.getRuleExceptions(RULE_ID);
    expect(view.lists[0]?.items[0]?.item).toMatchObject({ name: 'renamed', list_id: item.list_id });
    await host.api.deleteExceptionItem(item);
    expect((await host.api.getRuleExceptions(RULE_ID)).lists[0]?.items).toEqual([]);
    await expect(host.api.deleteExceptionItem(item)).rejects.toEqual(
      new ApiError(404, `exception list item item_id: "${item.item_id}" does not exist`)
    );
    await expect(host.api.updateExceptionItem(item)).rejects.toMatchObject({ status: 404 });
  });

  it('previews the stored history with and without the proposed items', async () => {
    const now = Date.now();
    const day = 86_400_000;
    await ingestObjects(host.store, [
      exec(now - 3 * day, 'ls', SHELL),
      exec(now - day, 'nc', BENIGN_PARENT),
      exec(now - day + 60_000, 'socat', SHELL),
      exec(now - 60_000, 'curl', BENIGN_PARENT),
    ]);
    const preview = await host.api.previewRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    expect(preview.before).toBe(preview.after + 2);
    expect(preview.removed_terms).toEqual(
      expect.arrayContaining([
        { terms: ['nc'], alerts: 1 },
        { terms: ['curl'], alerts: 1 },
      ])
    );
    expect(preview.added_terms).toEqual([]);
    expect(preview.per_day.reduce((sum, day_) => sum + day_.before, 0)).toBe(preview.before);
    expect(await alertsOfRule()).toEqual([]);
  });

  it("warns on the rule's last run when an entry names a field no event has", async () => {
    const now = Date.now();
    await ingestObjects(host.store, [exec(now - 60_000, 'nc', BENIGN_PARENT)]);
    const typo = parentException(BENIGN_PARENT);
    await host.api.addRuleExceptions(RULE_ID, [
      {
        ...typo,
        entries: [
          { field: 'process.parnet.executable', operator: 'included', type: 'match', value: 'x' },
        ],
      },
    ]);
    const summary = await host.api.runRule(RULE_ID);
    expect(summary.last_run?.status).toBe('partial failure');
    expect(summary.last_run?.message).toBe(
      missingExceptionFieldsWarning(['process.parnet.executable'])
    );
    expect(summary.last_run?.alerts_created).toBe(1);

    await host.api.addRuleExceptions(RULE_ID, [parentException(SHELL)]);
    const again = await host.api.runRule(RULE_ID);
    expect(again.last_run?.message).toBe(
      missingExceptionFieldsWarning(['process.parnet.executable'])
    );
  });

  it('previews a changed rule, and a new one, on the stored history', async () => {
    const now = Date.now();
    const day = 86_400_000;
    await ingestObjects(host.store, [
      exec(now - 3 * day, 'ls', SHELL),
      exec(now - day, 'nc', BENIGN_PARENT),
      exec(now - day + 60_000, 'socat', SHELL),
      exec(now - 60_000, 'curl', BENIGN_PARENT),
    ]);
    const { kibana } = await host.api.getRule(RULE_ID);
    const narrowed = {
      ...kibana,
      query: `process.interactive : true and not process.parent.executable : "${BENIGN_PARENT}"`,
    };
    const changed = await host.api.previewRule(narrowed, RULE_ID);
    expect(changed.after).toBe(changed.before - 2);
    expect(changed.removed_terms.map((term) => term.terms)).toEqual(
      expect.arrayContaining([['nc'], ['curl']])
    );
    const created = await host.api.previewRule({ ...narrowed, rule_id: 'new-rule' });
    expect(created.before).toBe(0);
    expect(created.after).toBe(changed.after);
    const invalid = (await host.api
      .previewRule({ ...narrowed, risk_score: 500 }, RULE_ID)
      .catch((error: unknown) => error)) as ApiError;
    expect(invalid.status).toBe(400);
    expect(invalid.errors[0]?.path).toBe('body.rule.risk_score');
    await expect(host.api.previewRule(narrowed, 'not-installed')).rejects.toMatchObject({
      status: 404,
    });
    expect(await alertsOfRule()).toEqual([]);
  });

  it('refuses what Kibana refuses, naming the parameter', async () => {
    await expect(
      host.api.addRuleExceptions('no-such-rule', [parentException(SHELL)])
    ).rejects.toMatchObject({ status: 404 });
    const withId = { ...parentException(SHELL), item_id: 'fixed-id' };
    await host.api.addRuleExceptions(RULE_ID, [withId]);
    await expect(host.api.addRuleExceptions(RULE_ID, [withId])).rejects.toEqual(
      new ApiError(409, 'exception list item id: "fixed-id" already exists')
    );
    const empty = (await post(`/rules/${RULE_ID}/exceptions`, {
      items: [{ ...parentException(SHELL), entries: [] }],
    }).catch((error: unknown) => error)) as ApiError;
    expect(empty.status).toBe(400);
    expect(empty.errors).toEqual([
      { path: 'body.items[0].entries', message: 'an exception item needs at least one entry' },
    ]);
    const badEntry = (await post(`/rules/${RULE_ID}/exceptions`, {
      items: [
        {
          ...parentException(SHELL),
          entries: [{ field: 'a', operator: 'included', type: 'match', value: ' ' }],
        },
      ],
    }).catch((error: unknown) => error)) as ApiError;
    expect(badEntry.errors?.[0]?.path).toBe('body.items[0].entries[0].value');
    expect(badEntry.errors?.[0]?.message).toBe('No empty strings allowed');
    const unknown = (await post(`/rules/${RULE_ID}/exceptions`, {
      items: [parentException(SHELL)],
      close: true,
    }).catch((error: unknown) => error)) as ApiError;
    expect(unknown.errors?.[0]?.path).toBe('body.close');
  });
});
