/**
 * The Kibana plugin driven as Kibana drives it (test host over a real Elasticsearch): what it
 * registers, how its rule type validates params, both prebuilt rules installed, enabled and run
 * on their schedule over ingested Defend events (the planted new terms alert exactly once, a late
 * run warns about the gap), and the HTTP API serving the catalog, alerts and triage with
 * privileges enforced.
 */
import type { Client } from '@elastic/elasticsearch';
import * as F from '../../common/alerts/field_names';
import type { AlertGroupsPage } from '../../common/api/alerts_api';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { HISTORY_WINDOW_ERROR } from '../../common/rules/rule_schema';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { generateEvents, planScenario } from '../../server/sample_data';
import { alertsIndexAlias, NEW_TERMS_RULE_TYPE_ID, PLUGIN_ID } from '../../server/kibana/constants';
import { API_BASE_PATH, API_PRIVILEGES } from '../../server/routes/api_types';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { describeWithElasticsearch, esTestUrl } from '../elasticsearch/es_test_env';
import { indexEventsForTest } from '../helpers/es_events';
import { RuleParamsInvalidError } from './rule_params_invalid_error';
import { ADMIN, KibanaTestHost, OUTSIDER, VIEWER } from './kibana_test_host';

const RUN_ID = Date.now().toString(36);
const NAMESPACE = `kbnhost${RUN_ID}`;
const EVENTS_INDEX = `logs-endpoint.events.process-${NAMESPACE}`;
const SAMPLE = { totalEvents: 3_000, seed: 5 } as const;
const FIVE_MINUTES = 5 * 60_000;
const DAY = 24 * 60 * 60_000;

interface AlertsPage {
  readonly total: number;
  readonly alerts: ReadonlyArray<Record<string, unknown>>;
}

/** The alerts page's default range, which a rule's open alert count covers. */
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

describeWithElasticsearch('the Kibana plugin in a Kibana test host', () => {
  let client: Client;
  let host: KibanaTestHost;
  const plan = planScenario(SAMPLE);
  const end = Date.parse(plan.options.end);

  beforeAll(async () => {
    client = createEsClient({ url: esTestUrl() });
    const events = [...generateEvents(SAMPLE)].map((event) => ({
      ...event,
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: NAMESPACE },
    }));
    await indexEventsForTest(client, events);
    host = await KibanaTestHost.start(client, NAMESPACE);
  });

  afterAll(async () => {
    await client.indices.delete({
      index: `*${NAMESPACE}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      expand_wildcards: 'all',
    });
    await client.close();
  });

  it('registers one rule type, one feature and the API routes, each route behind a feature privilege', () => {
    const types = [...host.alerting.ruleTypes.values()];
    expect(types.map((type) => type.id)).toEqual([NEW_TERMS_RULE_TYPE_ID]);
    const [type] = types;
    expect(type).toMatchObject({
      producer: PLUGIN_ID,
      solution: 'security',
      minimumLicenseRequired: 'basic',
      isExportable: true,
      defaultActionGroupId: 'default',
      autoRecoverAlerts: false,
      alerts: { context: 'container-threat-detection', shouldWrite: true, useEcs: true },
    });
    expect(host.alerting.features.map((feature) => feature.id)).toEqual([PLUGIN_ID]);
    const routes = host.router.routes.map(
      (route) => `${route.method.toUpperCase()} ${route.config.path}`
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        `GET ${API_BASE_PATH}/rules`,
        `POST ${API_BASE_PATH}/rules/_install`,
        `GET ${API_BASE_PATH}/alerts`,
        `GET ${API_BASE_PATH}/alerts/_histogram`,
        `GET ${API_BASE_PATH}/alerts/_groups`,
        `GET ${API_BASE_PATH}/alerts/_fields`,
        `POST ${API_BASE_PATH}/alerts/_status`,
        `GET ${API_BASE_PATH}/alerts/{id}`,
        `GET ${API_BASE_PATH}/alerts/{id}/_activity`,
        `GET ${API_BASE_PATH}/alerts/{id}/_prevalence`,
        `GET ${API_BASE_PATH}/alerts/{id}/_related_alerts`,
        `POST ${API_BASE_PATH}/alerts/_tags`,
        `POST ${API_BASE_PATH}/alerts/_assignees`,
        `GET ${API_BASE_PATH}/alerts/{id}/_notes`,
        `POST ${API_BASE_PATH}/alerts/{id}/_notes`,
        `DELETE ${API_BASE_PATH}/alerts/{id}/_notes/{note_id}`,
      ])
    );
    for (const route of host.router.routes) {
      expect(route.config.security.authz).toEqual({
        requiredPrivileges: [route.method === 'get' ? API_PRIVILEGES.read : API_PRIVILEGES.all],
      });
    }
  });

  it('validates rule params as rulesClient.create does: unknown prebuilt rule, bad inline definition', async () => {
    const create = (params: Record<string, unknown>) =>
      host.alerting.rulesClient.create({
        data: {
          name: 'x',
          alertTypeId: NEW_TERMS_RULE_TYPE_ID,
          consumer: PLUGIN_ID,
          enabled: false,
          tags: [],
          params,
          schedule: { interval: '5m' },
          actions: [],
        },
      });
    await expect(create({ rule_id: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      new RuleParamsInvalidError(
        "params invalid: Invalid container threat detection rule params:\nrule_id: no prebuilt rule has rule_id '00000000-0000-4000-8000-000000000000'"
      )
    );
    await expect(
      create({ ...unusualInteractiveProcessInContainer, history_window_start: 'now-1m' })
    ).rejects.toThrow(HISTORY_WINDOW_ERROR);
    await expect(
      create({ ...unusualInteractiveProcessInContainer, new_terms_fields: [] })
    ).rejects.toThrow('new_terms_fields must name at least 1 field');
  });

  it('runs both prebuilt rules on their schedule: exactly the planted new terms alert, once, and a late run warns', async () => {
    const ids = await host.createPrebuiltRules(EVENTS_INDEX);
    // Every 5 minutes through the last day, where the generator plants its stories.
    for (let at = end - DAY; at <= end; at += FIVE_MINUTES) {
      const outcomes = await host.runEnabledRules(new Date(at));
      for (const outcome of outcomes.values()) expect(outcome.errors).toEqual([]);
    }
    const alerts = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { per_page: '100' },
      })
    ).body as AlertsPage;
    const planted = Object.values(plan.expected).flatMap((expectation) =>
      expectation.newTerms.map((term) => String(term.value))
    );
    const raised = alerts.alerts.map((alert) => String((alert[F.ALERT_NEW_TERMS] as unknown[])[0]));
    expect(planted.length).toBeGreaterThan(0);
    expect([...raised].sort()).toEqual([...planted].sort());

    // The same windows again (a retried task): nothing new.
    for (let at = end - 60 * 60_000; at <= end; at += FIVE_MINUTES) {
      for (const outcome of (await host.runEnabledRules(new Date(at))).values())
        expect(outcome.newAlerts).toBe(0);
    }
    expect(
      ((await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts` })).body as AlertsPage)
        .total
    ).toBe(alerts.total);

    // Three hours late: four catch-up windows, then the rest of the gap is reported.
    const late = await host.alerting.runRule(ids[0] ?? '', new Date(end + 3 * 60 * 60_000));
    expect(late.warnings.join(' ')).toContain('signals may have been missed');
    const rules = (await host.request({ method: 'GET', path: `${API_BASE_PATH}/rules` })).body as {
      rules: Array<{
        rule_uuid: string;
        last_run: { status: string; message: string } | null;
        alert_count: number;
      }>;
    };
    const lateRule = rules.rules.find((rule) => rule.rule_uuid === ids[0]);
    expect(lateRule?.last_run?.status).toBe('warning');
    expect(lateRule?.last_run?.message).toContain('signals may have been missed');
    expect(rules.rules.reduce((sum, rule) => sum + rule.alert_count, 0)).toBe(alerts.total);
  });

  it('triages through the API: close with a reason, filter by status, open one alert for investigation', async () => {
    const page = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { sort_field: 'original_time', sort_order: 'asc' },
      })
    ).body as AlertsPage;
    const first = page.alerts[0];
    const id = String(first?.[F.ALERT_UUID]);
    const closed = await host.request({
      method: 'POST',
      path: `${API_BASE_PATH}/alerts/_status`,
      body: { ids: [id], status: 'closed', reason: 'false_positive' },
    });
    expect(closed).toEqual({ status: 200, body: { updated: 1 } });
    const closedPage = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { status: 'closed' },
      })
    ).body as AlertsPage;
    expect(closedPage.total).toBe(1);
    const openSince = new Date(Date.now() - THIRTY_DAYS_MS).toISOString();
    const openPage = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { status: 'open,acknowledged', from: openSince },
      })
    ).body as AlertsPage;
    const counted = (
      (await host.request({ method: 'GET', path: `${API_BASE_PATH}/rules` })).body as {
        rules: Array<{ alert_count: number; open_alert_count: number }>;
      }
    ).rules;
    expect(counted.reduce((sum, rule) => sum + rule.open_alert_count, 0)).toBe(openPage.total);
    expect(counted.reduce((sum, rule) => sum + rule.alert_count, 0)).toBe(page.total);
    expect(closedPage.alerts[0]).toMatchObject({
      [F.ALERT_UUID]: id,
      [F.ALERT_WORKFLOW_STATUS]: 'closed',
      [F.ALERT_WORKFLOW_REASON]: 'false_positive',
      [F.ALERT_WORKFLOW_USER]: ADMIN.username,
    });
    const investigation = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/${id}`,
    });
    expect(investigation.status).toBe(200);
    const body = investigation.body as {
      source_event: { id: string } | null;
      ancestry: unknown[];
      why: { new_terms: unknown[] };
      related_events: { total: number };
    };
    expect(body.why.new_terms).toEqual(first?.[F.ALERT_NEW_TERMS]);
    expect(body.source_event).not.toBeNull();
    expect(body.ancestry.length).toBeGreaterThan(0);
    expect(body.related_events.total).toBeGreaterThan(0);

    // The pivots, read-only: the viewer may use them; Kibana's validation names a bad parameter.
    const pivot = (suffix: string, query: Record<string, string> = {}) =>
      host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts/${id}/${suffix}`,
        query,
        user: VIEWER,
      });
    const activity = await pivot('_activity', { window: '24h', sort_order: 'desc', per_page: '5' });
    expect(activity.status).toBe(200);
    expect(activity.body).toMatchObject({ window: '24h', sort_order: 'desc', per_page: 5 });
    expect((activity.body as { total: number }).total).toBeGreaterThanOrEqual(
      body.related_events.total
    );
    const prevalence = await pivot('_prevalence');
    expect(prevalence.status).toBe(200);
    expect((prevalence.body as { events: number }).events).toBeGreaterThan(0);
    expect((await pivot('_related_alerts', { size: '3' })).status).toBe(200);
    const refused = await pivot('_activity', { window: 'forever' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('query.window: window must be a duration');
  });

  it('groups the alerts by a field through the API; each group searches to its count', async () => {
    const all = (
      await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts`, query: { status: '' } })
    ).body as AlertsPage;
    // `/alerts/_groups` is a literal segment: hapi's router prefers it to `/alerts/{id}` (fake_http.ts).
    const grouped = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_groups`,
      query: { group_by: 'container.id', status: '', per_page: '100' },
      user: VIEWER,
    });
    expect(grouped.status).toBe(200);
    const page = grouped.body as AlertGroupsPage;
    expect(page).toMatchObject({ group_by: 'container.id', page: 0, per_page: 100 });
    expect(page.groups.length).toBe(page.total_groups);
    expect(page.total_groups).toBeGreaterThan(1);
    // One container per alert: the groups share out every alert.
    expect(page.groups.reduce((sum, group) => sum + group.count, 0)).toBe(all.total);
    for (const group of page.groups) {
      const members = (
        await host.request({
          method: 'GET',
          path: `${API_BASE_PATH}/alerts`,
          query: {
            status: '',
            group_by: 'container.id',
            ...(group.value === null ? { group_missing: 'true' } : { group_value: group.value }),
          },
          user: VIEWER,
        })
      ).body as AlertsPage;
      expect(members.total).toBe(group.count);
    }

    expect(
      (
        await host.request({
          method: 'GET',
          path: `${API_BASE_PATH}/alerts/_groups`,
          query: { group_by: 'host.name' },
          user: OUTSIDER,
        })
      ).status
    ).toBe(403);
    // Outside the allow-list: Kibana's validation 400 naming the parameter (Kibana 9.x
    // src/core/packages/http/router-server-internal/src/validator.ts, played by route_validator.ts).
    const unknownField = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_groups`,
      query: { group_by: 'process.name' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message:
        '[request query]: query.group_by: group_by must be one of kibana.alert.rule.name, host.name, container.id, user.name, kibana.alert.new_terms',
    });
    const noField = await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts/_groups` });
    expect(noField.status).toBe(400);
    expect(JSON.stringify(noField.body)).toContain('query.group_by');
  });

  it("lists the alerts index's fields for the search bar's suggestions", async () => {
    // `/alerts/_fields` is a literal segment: hapi's router prefers it to `/alerts/{id}` (fake_http.ts).
    const answer = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts/_fields`,
      user: VIEWER,
    });
    expect(answer.status).toBe(200);
    const { fields } = answer.body as { fields: string[] };
    expect(fields).toEqual([...fields].sort());
    for (const field of [F.ALERT_RULE_NAME, F.ALERT_WORKFLOW_STATUS, 'process.name', 'host.name'])
      expect(fields).toContain(field);
    expect(fields.some((field) => field.startsWith('_'))).toBe(false);
  });

  it('filters alerts by a KQL query through every alerts route; a broken one is a 400', async () => {
    const get = (suffix: string, query: Record<string, string>) =>
      host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts${suffix}`,
        query,
        user: VIEWER,
      });
    const closedQuery = 'kibana.alert.workflow_status: closed and kibana.alert.rule.name: *';
    const closed = await get('', { query: closedQuery });
    expect(closed.status).toBe(200);
    expect((closed.body as AlertsPage).total).toBe(1);
    const others = (await get('', { query: `not (${closedQuery})` })).body as AlertsPage;
    const all = (await get('', {})).body as AlertsPage;
    expect(others.total).toBe(all.total - 1);
    const histogram = await get('/_histogram', { query: closedQuery });
    expect(histogram.status).toBe(200);
    const groups = await get('/_groups', {
      query: closedQuery,
      group_by: 'kibana.alert.rule.name',
    });
    expect((groups.body as { total_groups: number }).total_groups).toBe(1);

    const broken = await get('', { query: 'host.name: (a or' });
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body)).toContain(
      'query.query: query is not valid KQL at line 1, column 17'
    );
    const unrunnable = await get('/_groups', {
      query: 'kibana.alert.risk_score > high',
      group_by: 'host.name',
    });
    expect(unrunnable.status).toBe(400);
    expect(JSON.stringify(unrunnable.body)).toContain('query.query: query cannot run over alerts');
  });

  it('tags, assigns and annotates alerts in the alerts-as-data index through the API', async () => {
    const page = (
      await host.request({
        method: 'GET',
        path: `${API_BASE_PATH}/alerts`,
        query: { sort_field: 'original_time', sort_order: 'asc', per_page: '2' },
      })
    ).body as AlertsPage;
    const [first, second] = page.alerts.map((alert) => String(alert[F.ALERT_UUID]));
    expect(second).toBeDefined();
    const tagged = await host.request({
      method: 'POST',
      path: `${API_BASE_PATH}/alerts/_tags`,
      body: { ids: [first, second], tags: { tags_to_add: ['c2', 'c2'], tags_to_remove: [] } },
    });
    expect(tagged).toEqual({ status: 200, body: { updated: 2 } });
    const assigned = await host.request({
      method: 'POST',
      path: `${API_BASE_PATH}/alerts/_assignees`,
      body: { ids: [first], assignees: { add: [ADMIN.username], remove: [] } },
    });
    expect(assigned).toEqual({ status: 200, body: { updated: 1 } });
    const notesPath = `${API_BASE_PATH}/alerts/${first}/_notes`;
    const added = await host.request({ method: 'POST', path: notesPath, body: { text: 'seen' } });
    expect(added.status).toBe(200);
    const note = (added.body as { note: { id: string; author: string } }).note;
    expect(note.author).toBe(ADMIN.username);
    const alert = (await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts/${first}` }))
      .body as { alert: Record<string, unknown> };
    expect(alert.alert).toMatchObject({
      [F.ALERT_WORKFLOW_TAGS]: ['c2'],
      [F.ALERT_WORKFLOW_ASSIGNEE_IDS]: [ADMIN.username],
      [F.ALERT_NOTES]: [note],
    });
    // The framework's own mapping indexes the tags: a search of the index finds them.
    const indexed = await client.count({
      index: alertsIndexAlias(NAMESPACE),
      query: { term: { [F.ALERT_WORKFLOW_TAGS]: 'c2' } },
    });
    expect(indexed.count).toBe(2);
    // Reading notes is for viewers; writing them is not.
    const viewed = await host.request({ method: 'GET', path: notesPath, user: VIEWER });
    expect(viewed).toEqual({ status: 200, body: { notes: [note] } });
    const refused = await host.request({
      method: 'DELETE',
      path: `${notesPath}/${note.id}`,
      user: VIEWER,
    });
    expect(refused.status).toBe(403);
    const deleted = await host.request({ method: 'DELETE', path: `${notesPath}/${note.id}` });
    expect(deleted).toEqual({ status: 200, body: { deleted: note.id } });

    const both = await host.request({
      method: 'POST',
      path: `${API_BASE_PATH}/alerts/_tags`,
      body: { ids: [first], tags: { tags_to_add: ['c2'], tags_to_remove: ['c2'] } },
    });
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain(
      'body.tags: Duplicate tags [\\"c2\\"] were found in the tags_to_add and tags_to_remove parameters.'
    );
    const badNote = await host.request({
      method: 'DELETE',
      path: `${notesPath}/not-a-uuid`,
    });
    expect(badNote.status).toBe(400);
    expect(JSON.stringify(badNote.body)).toContain('params.note_id: note_id must be a UUID');
    expect(
      (await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts/no-such-alert/_notes` }))
        .status
    ).toBe(404);
  });

  it('enforces privileges and validates requests', async () => {
    expect(
      (await host.request({ method: 'GET', path: `${API_BASE_PATH}/rules`, user: VIEWER })).status
    ).toBe(200);
    expect(
      (
        await host.request({
          method: 'POST',
          path: `${API_BASE_PATH}/alerts/_status`,
          user: VIEWER,
          body: { ids: ['x'], status: 'open' },
        })
      ).status
    ).toBe(403);
    expect(
      (await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts`, user: OUTSIDER }))
        .status
    ).toBe(403);
    const tooMany = await host.request({
      method: 'GET',
      path: `${API_BASE_PATH}/alerts`,
      query: { per_page: '5000' },
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('per_page is at most 1000');
    const reasonWithoutClosing = await host.request({
      method: 'POST',
      path: `${API_BASE_PATH}/alerts/_status`,
      body: { ids: ['x'], status: 'open', reason: 'duplicate' },
    });
    expect(reasonWithoutClosing.status).toBe(400);
    expect(
      (await host.request({ method: 'GET', path: `${API_BASE_PATH}/alerts/no-such-alert` })).status
    ).toBe(404);
  });

  it('shows a prebuilt rule with its definition, and does not mount the rule-writing routes', async () => {
    const ruleId = PREBUILT_RULES[0]?.rule_id ?? '';
    const shown = await host.request({ method: 'GET', path: `${API_BASE_PATH}/rules/${ruleId}` });
    expect(shown.status).toBe(200);
    expect((shown.body as { definition: unknown }).definition).toEqual(PREBUILT_RULES[0]);
    // Inside Kibana, rules are created, imported and exported in Security → Rules.
    const mounted = host.router.routes.map((route) => route.config.path);
    expect(mounted).not.toContain(`${API_BASE_PATH}/rules/_import`);
    expect(mounted).not.toContain(`${API_BASE_PATH}/rules/_export`);
  });

  it('installs and enables prebuilt rules through the API, disabled by default', async () => {
    const other = await KibanaTestHost.start(client, `${NAMESPACE}-install`);
    const installed = (
      await other.request({ method: 'POST', path: `${API_BASE_PATH}/rules/_install`, body: {} })
    ).body as { rules: Array<{ rule_id: string; installed: boolean; enabled: boolean }> };
    expect(installed.rules.map((rule) => [rule.rule_id, rule.installed, rule.enabled])).toEqual(
      PREBUILT_RULES.map((rule) => [rule.rule_id, true, false])
    );
    const ruleId = PREBUILT_RULES[0]?.rule_id ?? '';
    const enabled = await other.request({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/${ruleId}/_enable`,
    });
    expect(enabled.status).toBe(200);
    expect((enabled.body as { rule: { enabled: boolean } }).rule.enabled).toBe(true);
    expect(
      (await other.request({ method: 'POST', path: `${API_BASE_PATH}/rules/_install`, body: {} }))
        .status
    ).toBe(200);
    expect(other.alerting.ruleIds()).toHaveLength(PREBUILT_RULES.length);
    const runSoon = await other.request({
      method: 'POST',
      path: `${API_BASE_PATH}/rules/${ruleId}/_run`,
    });
    expect(runSoon.status).toBe(200);
    expect(other.alerting.takeRunSoonRequests()).toHaveLength(1);
  });

  it('lists a custom rule saved with its definition inline beside the prebuilt rules', async () => {
    const other = await KibanaTestHost.start(client, `${NAMESPACE}-custom`);
    const definition = {
      ...unusualInteractiveProcessInContainer,
      rule_id: 'custom-inline',
      name: 'A custom rule from the rule form',
      new_terms_fields: ['user.name'],
    };
    await other.alerting.rulesClient.create({
      data: {
        name: definition.name,
        alertTypeId: NEW_TERMS_RULE_TYPE_ID,
        consumer: PLUGIN_ID,
        enabled: true,
        tags: [],
        params: definition,
        schedule: { interval: '5m' },
        actions: [],
      },
    });
    const listed = (await other.request({ method: 'GET', path: `${API_BASE_PATH}/rules` }))
      .body as {
      rules: Array<{ rule_id: string; source: string; installed: boolean; enabled: boolean }>;
    };
    expect(
      listed.rules.map((rule) => [rule.rule_id, rule.source, rule.installed, rule.enabled])
    ).toEqual([
      ...PREBUILT_RULES.map((rule) => [rule.rule_id, 'prebuilt', false, false]),
      ['custom-inline', 'user', true, true],
    ]);
    const shown = (
      await other.request({ method: 'GET', path: `${API_BASE_PATH}/rules/custom-inline` })
    ).body as {
      definition: { name: string; new_terms_fields: string[] };
      kibana: { enabled: boolean };
    };
    expect(shown.definition).toMatchObject({
      name: 'A custom rule from the rule form',
      new_terms_fields: ['user.name'],
    });
    expect(shown.kibana.enabled).toBe(true);
  });
});
