/** @jest-environment jsdom */
/**
 * Tags and assignees from the alerts page against the real API in process: two selected alerts
 * get a typed tag and a suggested one, one of them an assignee; the table's Tags and Assignees
 * columns show them as badges, text only.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as F from '../../../../../common/alerts/field_names';
import type { InProcessApi } from '../../../../../test/helpers/in_process_api';
import { alertsPath } from '../../../navigation';
import { AlertsPage } from '../alerts_page';
import { COLUMNS_STORAGE_KEY } from '../columns/column_preference';
import { alertsFixture } from '../test_support/alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../test_support/render_page';

const HTML_TAG = '<b>c2</b>';
/** The machine may be busy: the page's requests run against a real store. */
const WAIT = { timeout: 15_000 };

const bodyRows = (): HTMLElement[] =>
  Array.from(screen.getByTestId('alertsTable').querySelectorAll<HTMLElement>('tbody tr')).filter(
    (row) => row.querySelector('[data-test-subj="statusBadge"]') !== null
  );
const checkbox = (row: HTMLElement): HTMLElement =>
  row.querySelector('input[type="checkbox"]') as HTMLElement;
const option = (list: string, value: string): HTMLElement =>
  within(screen.getByTestId(list)).getByTestId(`listEditOption-${value}`);

describe('alert tags and assignees on the alerts page', () => {
  let server: InProcessApi;
  let client: ReturnType<typeof trackedClient>;
  beforeAll(async () => {
    server = await alertsFixture();
    client = trackedClient(server.transport);
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(['tags', 'assignees']));
  });
  afterEach(() => settle(client.inFlight));
  afterAll(async () => {
    window.localStorage.clear();
    await server?.close();
  });

  it('tags two selected alerts, assigns one, and shows both as badges', async () => {
    renderWithHistory(alertsPath({}), (navigation) => (
      <AlertsPage api={client.api} navigation={navigation} />
    ));
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(2), WAIT);
    const [first, second] = bodyRows() as [HTMLElement, HTMLElement];
    const ids = [first, second].map((row) =>
      (row.querySelector('a')?.getAttribute('href') ?? '').split('/').pop()
    ) as [string, string];
    fireEvent.click(checkbox(first));
    fireEvent.click(checkbox(second));

    const tags = screen.getByTestId('alertTagsEdit');
    expect(tags.getAttribute('aria-label')).toBe('Add tags / Remove tags of 2 selected alerts');
    fireEvent.click(tags);
    // Kibana's default tags are offered.
    fireEvent.click(option('alertTagsEditList', 'Duplicate'));
    fireEvent.change(screen.getByTestId('alertTagsEditNewValue'), {
      target: { value: ` ${HTML_TAG} ` },
    });
    fireEvent.click(screen.getByTestId('alertTagsEditAddValue'));
    expect(option('alertTagsEditList', HTML_TAG).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('alertTagsEditApply'));
    await screen.findByText('Updated the tags of 2 alerts', {}, WAIT);
    for (const id of ids)
      expect((await server.services.alerts.get(id))?.[F.ALERT_WORKFLOW_TAGS]).toEqual([
        'Duplicate',
        HTML_TAG,
      ]);

    // The reloaded page starts without a selection: select the first alert again.
    await waitFor(
      () =>
        expect(
          within(bodyRows()[0] as HTMLElement).getByTestId('alertsCell-tags').textContent
        ).toContain(HTML_TAG),
      WAIT
    );
    fireEvent.click(checkbox(bodyRows()[0] as HTMLElement));
    fireEvent.click(screen.getByTestId('alertAssigneesEdit'));
    fireEvent.change(screen.getByTestId('alertAssigneesEditNewValue'), {
      target: { value: 'ann' },
    });
    fireEvent.keyDown(screen.getByTestId('alertAssigneesEditNewValue'), { key: 'Enter' });
    fireEvent.click(screen.getByTestId('alertAssigneesEditApply'));
    await screen.findByText('Updated the assignees of 1 alert', {}, WAIT);
    expect((await server.services.alerts.get(ids[0]))?.[F.ALERT_WORKFLOW_ASSIGNEE_IDS]).toEqual([
      'ann',
    ]);
    await waitFor(
      () =>
        expect(
          within(bodyRows()[0] as HTMLElement).getByTestId('alertsCell-assignees').textContent
        ).toBe('ann'),
      WAIT
    );
    // Text, never markup.
    expect(screen.getByTestId('alertsTable').querySelector('b')).toBeNull();

    // Removing a tag held by both selected alerts.
    fireEvent.click(checkbox(bodyRows()[0] as HTMLElement));
    fireEvent.click(checkbox(bodyRows()[1] as HTMLElement));
    fireEvent.click(screen.getByTestId('alertTagsEdit'));
    const held = option('alertTagsEditList', 'Duplicate');
    expect(held.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(held);
    fireEvent.click(screen.getByTestId('alertTagsEditApply'));
    // The first change's toast may still show: wait for the store itself.
    await waitFor(
      async () =>
        expect((await server.services.alerts.get(ids[1]))?.[F.ALERT_WORKFLOW_TAGS]).toEqual([
          HTML_TAG,
        ]),
      WAIT
    );
  });
});
