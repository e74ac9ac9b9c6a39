/** @jest-environment jsdom */
/**
 * A rule's exceptions on its details page against the real API in process: the items of the
 * rule's default list with their conditions in words and the alerts they would have left out,
 * removing one through the confirm modal, renaming one, a list the rule names but the store lacks,
 * the empty state, and no section where the host does not write rules.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ExceptionEntry } from '../../../../common/exceptions/exception_schema';
import type { NewRuleExceptionItem } from '../../../../common/exceptions/new_rule_exception_item';
import { EventFactory } from '../../../../test/differential/new_terms_scenarios';
import {
  failingWrites,
  inProcessApi,
  type InProcessApi,
} from '../../../../test/helpers/in_process_api';
import { ingestObjects } from '../../../../test/helpers/memory_store';
import { recordingNavigation, renderUi, textOf } from '../../../../test/helpers/render_ui';
import { kibanaCreateMock } from '../../../../test/helpers/rule_fixtures';
import { act } from '../../../test_support/act';
import { ApiClient } from '../../api_client';
import { EMPTY_EXCEPTIONS_TEXT, entryText, missingListMessage } from './exceptions_section';
import { RuleDetailsPage } from './rule_details_page';

jest.mock('uuid', () =>
  jest.requireActual<typeof import('../../../../test/helpers/uuid_shim')>(
    '../../../../test/helpers/uuid_shim'
  )
);

const RULE_ID = 'interactive-by-name';
const BENIGN_PARENT = '/usr/local/bin/healthcheck';
const SHELL = '/bin/bash';
const ITEM_ID = 'benign-health-check';

/** As in rule_details_page.test.tsx: the first answer comes after several calls and layouts. */
const FIRST_LOAD_TIMEOUT_MS = 10_000;

const parentException = (parent: string): NewRuleExceptionItem => ({
  item_id: ITEM_ID,
  type: 'simple',
  name: 'benign health check',
  description: 'the health check runs these',
  entries: [
    { field: 'process.parent.executable', operator: 'included', type: 'match', value: parent },
  ],
  comments: [{ comment: 'seen on every node' }],
});

describe('ExceptionsSection on the rule details page', () => {
  let host: InProcessApi;
  let factory: EventFactory;
  const exec = (at: number, name: string, parent: string) =>
    factory.interactive(at, name, { process: { parent: { executable: parent } } });

  beforeEach(async () => {
    host = await inProcessApi();
    factory = new EventFactory('tuning');
    await host.api.createRule(
      {
        ...kibanaCreateMock(),
        rule_id: RULE_ID,
        index: [factory.index],
        query: 'process.interactive : true',
        new_terms_fields: ['process.name'],
      },
      true
    );
  });
  afterEach(() => host.close());

  /** Lets the page's calls in flight (a reload after a change) answer and render. */
  const settle = () => act(() => host.idle());

  /** Three alerts: two from the benign parent, one from a shell. */
  const raiseAlerts = async () => {
    const now = Date.now();
    await ingestObjects(host.store, [
      exec(now - 90_000, 'nc', BENIGN_PARENT),
      exec(now - 80_000, 'curl', BENIGN_PARENT),
      exec(now - 70_000, 'socat', SHELL),
    ]);
    await host.api.runRule(RULE_ID);
  };

  const renderPage = (ruleEditing: boolean, api: ApiClient = host.api) =>
    renderUi(
      <RuleDetailsPage
        api={api}
        navigation={recordingNavigation()}
        ruleId={RULE_ID}
        ruleEditing={ruleEditing}
      />
    );

  const findItem = (itemId = ITEM_ID) =>
    screen.findByTestId(`ctdRuleExceptionItem-${itemId}`, undefined, {
      timeout: FIRST_LOAD_TIMEOUT_MS,
    });

  it('lists the items with their conditions and the alerts they would have left out', async () => {
    await raiseAlerts();
    const added = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(true);
    const item = await findItem();
    const text = textOf(item);
    expect(text).toContain('benign health check');
    expect(text).toContain('process.parent.executable is /usr/local/bin/healthcheck');
    expect(text).toContain('seen on every node');
    expect(text).toContain('test-analyst');
    expect(textOf(within(item).getByTestId('ctdRuleExceptionMatches'))).toBe(
      'Would have left out 2 alerts'
    );
    const section = textOf(screen.getByTestId('ctdRuleExceptions'));
    expect(section).toContain(added.list.name);
    expect(section).toContain('rule default');
  });

  it('removes an item after confirming, from the API and the page', async () => {
    await raiseAlerts();
    await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(true);
    const item = await findItem();

    // Cancelling keeps it.
    fireEvent.click(within(item).getByTestId('ctdRuleExceptionRemove'));
    fireEvent.click(await screen.findByText('Keep the exception'));
    await waitFor(() => expect(screen.queryByTestId('ctdRemoveRuleExceptionModal')).toBeNull());
    expect(screen.getByTestId(`ctdRuleExceptionItem-${ITEM_ID}`)).toBeTruthy();

    fireEvent.click(within(item).getByTestId('ctdRuleExceptionRemove'));
    const modal = await screen.findByTestId('ctdRemoveRuleExceptionModal');
    expect(textOf(modal)).toContain('Remove "benign health check"?');
    fireEvent.click(within(modal).getByText('Remove exception'));
    await waitFor(() => expect(screen.queryByTestId(`ctdRuleExceptionItem-${ITEM_ID}`)).toBeNull());
    await settle();
    expect(await screen.findByText(EMPTY_EXCEPTIONS_TEXT)).toBeTruthy();
    const view = await host.api.getRuleExceptions(RULE_ID);
    expect(view.lists.flatMap((list) => list.items)).toEqual([]);
  });

  it('shows the server error when removing fails and keeps the item', async () => {
    await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(true, new ApiClient(failingWrites(host.transport, 503, 'store is read-only')));
    const item = await findItem();
    fireEvent.click(within(item).getByTestId('ctdRuleExceptionRemove'));
    fireEvent.click(
      within(await screen.findByTestId('ctdRemoveRuleExceptionModal')).getByText('Remove exception')
    );
    expect(
      await screen.findByText('Could not remove exception "benign health check"')
    ).toBeTruthy();
    expect(screen.getByText('store is read-only (HTTP 503)')).toBeTruthy();
    await settle();
    expect(screen.getByTestId(`ctdRuleExceptionItem-${ITEM_ID}`)).toBeTruthy();
    expect((await host.api.getRuleExceptions(RULE_ID)).lists[0]?.items).toHaveLength(1);
  });

  it('renames an item', async () => {
    await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(true);
    const item = await findItem();
    fireEvent.click(within(item).getByTestId('ctdRuleExceptionEditName'));
    fireEvent.change(within(item).getByTestId('ctdRuleExceptionNameField'), {
      target: { value: 'node health check' },
    });
    fireEvent.click(within(item).getByTestId('ctdRuleExceptionSaveName'));
    await waitFor(() =>
      expect(
        textOf(
          within(screen.getByTestId(`ctdRuleExceptionItem-${ITEM_ID}`)).getByTestId(
            'ctdRuleExceptionName'
          )
        )
      ).toBe('node health check')
    );
    await settle();
    const [stored] = (await host.api.getRuleExceptions(RULE_ID)).lists[0]?.items ?? [];
    expect(stored?.item).toMatchObject({
      name: 'node health check',
      entries: [{ value: BENIGN_PARENT }],
    });
  });

  it("edits an item's conditions in a flyout, keeping its list and comments", async () => {
    await raiseAlerts();
    await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(true);
    const item = await findItem();
    fireEvent.click(within(item).getByTestId('ctdRuleExceptionEdit'));
    const flyout = await screen.findByTestId('ctdEditException', undefined, {
      timeout: FIRST_LOAD_TIMEOUT_MS,
    });
    fireEvent.change(within(flyout).getByLabelText('Value of process.parent.executable'), {
      target: { value: SHELL },
    });
    fireEvent.click(within(flyout).getByTestId('ctdEditExceptionSave'));
    await waitFor(() => expect(screen.queryByTestId('ctdEditException')).toBeNull());
    await settle();
    const [stored] = (await host.api.getRuleExceptions(RULE_ID)).lists[0]?.items ?? [];
    expect(stored?.item).toMatchObject({
      item_id: ITEM_ID,
      entries: [{ field: 'process.parent.executable', value: SHELL }],
      comments: [{ comment: 'seen on every node' }],
    });
    expect(stored?.matching_alerts).toBe(1);
    await waitFor(() =>
      expect(textOf(screen.getByTestId(`ctdRuleExceptionItem-${ITEM_ID}`))).toContain(
        `process.parent.executable is ${SHELL}`
      )
    );
  });

  it('warns about a list the rule names but the store lacks', async () => {
    const added = await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    await host.store.exceptions.removeList(added.list.list_id, 'single');
    renderPage(true);
    const warning = await screen.findByTestId('ctdRuleExceptionMissingList', undefined, {
      timeout: FIRST_LOAD_TIMEOUT_MS,
    });
    expect(textOf(warning)).toContain(missingListMessage(added.list.list_id));
    expect(textOf(warning)).toContain(
      `Exception list "${added.list.list_id}" is named by this rule but does not exist; its exceptions are not applied.`
    );
  });

  it('shows the empty state for a rule without exceptions', async () => {
    renderPage(true);
    const empty = await screen.findByTestId('ctdRuleExceptionsEmpty', undefined, {
      timeout: FIRST_LOAD_TIMEOUT_MS,
    });
    expect(textOf(empty)).toBe(EMPTY_EXCEPTIONS_TEXT);
  });

  it('is absent where the host does not write rules', async () => {
    await host.api.addRuleExceptions(RULE_ID, [parentException(BENIGN_PARENT)]);
    renderPage(false);
    await screen.findByTestId('ctdRuleState', undefined, { timeout: FIRST_LOAD_TIMEOUT_MS });
    await settle();
    expect(screen.queryByTestId('ctdRuleExceptions')).toBeNull();
    expect(
      host.requests.some(
        (request) => request.method === 'GET' && request.path.endsWith('/exceptions')
      )
    ).toBe(false);
  });
});

describe('entryText', () => {
  const cases: ReadonlyArray<[ExceptionEntry, string]> = [
    [
      { type: 'match', field: 'host.name', operator: 'excluded', value: 'node-1' },
      'host.name is not node-1',
    ],
    [
      { type: 'match_any', field: 'process.name', operator: 'included', value: ['a', 'b'] },
      'process.name is one of a, b',
    ],
    [{ type: 'exists', field: 'user.id', operator: 'included' }, 'user.id exists'],
    [{ type: 'exists', field: 'user.id', operator: 'excluded' }, 'user.id does not exist'],
    [
      { type: 'wildcard', field: 'file.path', operator: 'included', value: '/tmp/*' },
      'file.path matches pattern /tmp/*',
    ],
    [
      { type: 'wildcard', field: 'file.path', operator: 'excluded', value: '/tmp/*' },
      'file.path does not match pattern /tmp/*',
    ],
    [
      {
        type: 'list',
        field: 'source.ip',
        operator: 'included',
        list: { id: 'blocked-ips', type: 'ip' },
      },
      'source.ip is in list blocked-ips',
    ],
    [
      {
        type: 'nested',
        field: 'parent',
        entries: [
          { type: 'match', field: 'name', operator: 'included', value: 'x' },
          { type: 'exists', field: 'pid', operator: 'included' },
        ],
      },
      'parent > { name is x AND pid exists }',
    ],
  ];
  it.each(cases)('renders %j as readable text', (entry, text) => {
    expect(entryText(entry)).toBe(text);
  });
});

describe('ExceptionsSection rendering', () => {
  it('renders values as text, never as HTML', async () => {
    const host = await inProcessApi();
    try {
      const factory = new EventFactory('hostile');
      await host.api.createRule(
        {
          ...kibanaCreateMock(),
          rule_id: RULE_ID,
          index: [factory.index],
          query: 'process.interactive : true',
          new_terms_fields: ['process.name'],
        },
        true
      );
      const hostile = '<img src="x" onerror="window.__ctdInjected = 1">';
      await host.api.addRuleExceptions(RULE_ID, [
        {
          ...parentException(hostile),
          name: '<script>window.__ctdInjected = 2</script>',
          comments: [{ comment: hostile }],
        },
      ]);
      const { container } = renderUi(
        <RuleDetailsPage
          api={host.api}
          navigation={recordingNavigation()}
          ruleId={RULE_ID}
          ruleEditing
        />
      );
      const item = await screen.findByTestId(`ctdRuleExceptionItem-${ITEM_ID}`, undefined, {
        timeout: FIRST_LOAD_TIMEOUT_MS,
      });
      expect(textOf(item)).toContain(`process.parent.executable is ${hostile}`);
      expect(container.querySelectorAll('script, img, [onerror]')).toHaveLength(0);
      expect((window as { __ctdInjected?: unknown }).__ctdInjected).toBeUndefined();
    } finally {
      await host.close();
    }
  });
});
