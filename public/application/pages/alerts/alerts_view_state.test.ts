/** The alerts page's URL state: defaults, round trips and what happens to invalid values. */
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID } from '../../../../common/rules/prebuilt/privileged_docker_container_creation';
import {
  DEFAULT_VIEW,
  resolveRange,
  searchOf,
  urlProblems,
  viewFromQuery,
  viewToQuery,
  zoomedTo,
} from './alerts_view_state';

describe('alerts view state', () => {
  it('defaults to open and acknowledged alerts of the last 30 days, newest event first', () => {
    expect(viewFromQuery({})).toEqual(DEFAULT_VIEW);
    expect(DEFAULT_VIEW).toMatchObject({
      statuses: ['open', 'acknowledged'],
      from: 'now-30d',
      to: 'now',
      sortField: 'original_time',
      sortOrder: 'desc',
    });
    expect(viewToQuery(DEFAULT_VIEW)).toEqual({});
  });

  it('round-trips every key through the URL query, leaving defaults out', () => {
    const query = {
      rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
      status: 'closed',
      severity: 'low,critical',
      from: '2026-01-01T00:00:00.000Z',
      to: 'now-1d',
      page: '3',
      per_page: '10',
      sort_field: 'severity',
      sort_order: 'asc',
      query: 'process.name: "sh" or not user.name: root',
      filters: '[{"field":"host.name","value":"a \\"b\\" *","negate":true}]',
    };
    const view = viewFromQuery(query);
    expect(view).toEqual({
      ruleIds: [PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID],
      statuses: ['closed'],
      severities: ['low', 'critical'],
      from: '2026-01-01T00:00:00.000Z',
      to: 'now-1d',
      page: 2,
      perPage: 10,
      sortField: 'severity',
      sortOrder: 'asc',
      query: 'process.name: "sh" or not user.name: root',
      pills: [{ field: 'host.name', value: 'a "b" *', negate: true }],
    });
    expect(viewToQuery(view)).toEqual(query);
  });

  it('keeps a rule_id holding a comma whole in the URL', () => {
    const view = { ...DEFAULT_VIEW, ruleIds: ['containers,interactive', 'plain'] };
    const query = viewToQuery(view);
    expect(query.rule_id).toBe('containers%2Cinteractive,plain');
    expect(viewFromQuery(query).ruleIds).toEqual(view.ruleIds);
  });

  it('keeps "no status filter" (an empty status) apart from the default', () => {
    const view = viewFromQuery({ status: '' });
    expect(view.statuses).toEqual([]);
    expect(viewToQuery(view)).toEqual({ status: '' });
  });

  it('drops unknown values and falls back to defaults for invalid ones; any rule_id is kept', () => {
    const view = viewFromQuery({
      rule_id: `not-a-rule,${PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID}`,
      status: 'open,bogus,open',
      severity: 'urgent',
      from: 'yesterday-ish',
      to: '',
      page: '0',
      per_page: '5000',
      sort_field: 'document',
      sort_order: 'sideways',
    });
    expect(view).toEqual({
      ...DEFAULT_VIEW,
      // A rule_id is the API's to judge: custom rules have any text as rule_id.
      ruleIds: ['not-a-rule', PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID],
      statuses: ['open'],
      severities: [],
      perPage: 100,
    });
  });

  it('names every URL value it ignored, and nothing for a clean or empty query', () => {
    const now = new Date('2026-03-12T12:00:00.000Z');
    expect(urlProblems({}, now)).toEqual({ ignored: [] });
    expect(urlProblems({ status: '', severity: 'high', from: 'now-7d', page: '2' }, now)).toEqual({
      ignored: [],
    });
    expect(
      urlProblems(
        {
          status: 'open,bogus,gone',
          severity: 'urgent',
          from: 'yesterday-ish',
          to: '',
          page: '0',
          per_page: '5000',
          sort_field: 'document',
          sort_order: 'sideways',
        },
        now
      ).ignored
    ).toEqual([
      'status: "bogus", "gone" are not one of open, acknowledged, closed',
      'severity: "urgent" is not one of low, medium, high, critical',
      'from: "yesterday-ish" is not a date or date math such as now-7d',
      'to: "" is not a date or date math such as now',
      'page: "0" is not a page number',
      'per_page: "5000" is not a number from 1 to 100',
      'sort_field: "document" is not one of @timestamp, original_time, severity, risk_score, rule_name, host_name, workflow_status',
      'sort_order: "sideways" is not asc or desc',
    ]);
  });

  it('refuses a range that ends before it starts, and only that', () => {
    const now = new Date('2026-03-12T12:00:00.000Z');
    expect(urlProblems({ from: 'now', to: 'now-1d' }, now).invalidRange).toBe(
      'The time range starts (now) after it ends (now-1d). Choose a start before the end.'
    );
    expect(urlProblems({ from: 'now-1d', to: 'now' }, now).invalidRange).toBeUndefined();
    expect(urlProblems({ from: 'now/d', to: 'now/d' }, now).invalidRange).toBeUndefined();
  });

  it('resolves date math against now, rounding the end up', () => {
    const now = new Date('2026-03-12T12:34:56.000Z');
    expect(resolveRange({ from: 'now-1d/d', to: 'now/d' }, now)).toEqual({
      from: Date.parse('2026-03-11T00:00:00.000Z'),
      to: Date.parse('2026-03-12T23:59:59.999Z'),
    });
    // Ordered here; the page refuses to search a reversed range from the URL (urlProblems).
    expect(resolveRange({ from: 'now', to: 'now-1h' }, now)).toEqual({
      from: now.getTime() - 3_600_000,
      to: now.getTime(),
    });
  });

  it('builds the API search from the view and the resolved range', () => {
    const view = viewFromQuery({ severity: 'medium', page: '2', per_page: '50' });
    expect(searchOf(view, { from: 1, to: 2 })).toEqual({
      query: '',
      ruleIds: [],
      statuses: ['open', 'acknowledged'],
      severities: ['medium'],
      from: 1,
      to: 2,
      page: 1,
      perPage: 50,
      sortField: 'original_time',
      sortOrder: 'desc',
    });
  });

  it('keeps the grouping in group_by, and reports one it does not know', () => {
    const grouped = viewFromQuery({ group_by: 'container.id' });
    expect(grouped.groupBy).toBe('container.id');
    expect(viewToQuery(grouped)).toEqual({ group_by: 'container.id' });
    expect(viewToQuery(DEFAULT_VIEW)).toEqual({});
    expect(viewFromQuery({ group_by: 'process.name' }).groupBy).toBeUndefined();
    expect(urlProblems({ group_by: 'process.name' }, new Date()).ignored).toEqual([
      'group_by: "process.name" is not one of kibana.alert.rule.name, host.name, container.id, user.name, kibana.alert.new_terms',
    ]);
  });

  it('keeps the histogram stack in stack_by, and reports one it does not know', () => {
    const stacked = viewFromQuery({ stack_by: 'severity' });
    expect(stacked.stackBy).toBe('severity');
    expect(viewToQuery(stacked)).toEqual({ stack_by: 'severity' });
    expect(viewFromQuery({ stack_by: 'host.name' }).stackBy).toBeUndefined();
    expect(urlProblems({ stack_by: 'host.name' }, new Date()).ignored).toEqual([
      'stack_by: "host.name" is not one of rule, severity',
    ]);
  });

  it('zooms to an absolute range as ISO times, back to the first page', () => {
    const view = viewFromQuery({ page: '3', stack_by: 'rule', group_by: 'host.name' });
    const zoomed = zoomedTo(view, { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 2) });
    expect(viewToQuery(zoomed)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
      stack_by: 'rule',
      group_by: 'host.name',
    });
    expect(resolveRange(zoomed, new Date())).toEqual({
      from: Date.UTC(2026, 2, 1),
      to: Date.UTC(2026, 2, 2),
    });
  });

  it('sends the query and the pills to the API as one KQL query', () => {
    const view = viewFromQuery({
      query: 'a: 1 or b: 2',
      filters: '[{"field":"host.name","value":"x","negate":false}]',
    });
    expect(searchOf(view, { from: 1, to: 2 }).query).toBe('(a: 1 or b: 2) and host.name: "x"');
  });

  it('ignores filters it cannot read, and says so', () => {
    expect(viewFromQuery({ filters: '{not json' }).pills).toEqual([]);
    expect(urlProblems({ filters: '[1]' }, new Date()).ignored).toEqual([
      'filters: "[1]" is not a list of filters',
    ]);
  });
});
