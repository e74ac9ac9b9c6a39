/** @jest-environment jsdom */
/**
 * The investigation page's tags, assignees and notes against the real API in process: badges for
 * what the API set, a note added by the requesting user and shown as text (HTML in it stays text),
 * then deleted.
 */
import '../alerts/test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { IN_PROCESS_USER, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { alertPath } from '../../navigation';
import { alertsFixture } from '../alerts/test_support/alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../alerts/test_support/render_page';
import { InvestigationPage } from './investigation_page';

const WAIT = { timeout: 15_000 };
const EVIL_NOTE = '<img src=x onerror="window.__pwned=1">\nsecond line';

describe('tags, assignees and notes on the investigation page', () => {
  let server: InProcessApi;
  let client: ReturnType<typeof trackedClient>;
  let alertId: string;
  beforeAll(async () => {
    server = await alertsFixture();
    client = trackedClient(server.transport);
    const page = await server.api.searchAlerts({
      page: 0,
      perPage: 1,
      sortField: 'original_time',
      sortOrder: 'desc',
    });
    alertId = String(page.alerts[0]?.['kibana.alert.uuid']);
    await server.api.setAlertTags([alertId], { add: ['triage', '<i>x</i>'], remove: [] });
    await server.api.setAlertAssignees([alertId], { add: ['ann'], remove: [] });
  });
  afterEach(() => settle(client.inFlight));
  afterAll(() => server?.close());

  it('shows tags and assignees as badges, adds a note as text and deletes it', async () => {
    renderWithHistory(alertPath(alertId), (navigation) => (
      <InvestigationPage api={client.api} navigation={navigation} alertId={alertId} />
    ));
    const tags = await screen.findByTestId('alertTags', {}, WAIT);
    expect(
      within(tags)
        .getAllByText(/./)
        .map((badge) => badge.textContent)
    ).toEqual(expect.arrayContaining(['triage', '<i>x</i>']));
    expect(screen.getByTestId('alertAssignees').textContent).toBe('ann');
    await screen.findByTestId('alertNotesEmpty', {}, WAIT);

    fireEvent.change(screen.getByTestId('alertNoteInput'), { target: { value: EVIL_NOTE } });
    fireEvent.click(screen.getByTestId('alertNoteAdd'));
    const text = await screen.findByTestId('alertNoteText', {}, WAIT);
    expect(text.textContent).toBe(EVIL_NOTE);
    expect(screen.getByTestId('alertNotes').querySelector('img')).toBeNull();
    expect(screen.getByTestId('alertNotes').querySelector('i')).toBeNull();
    expect(within(screen.getByTestId('alertNote')).getByText(IN_PROCESS_USER)).toBeTruthy();
    expect(screen.getByTestId<HTMLTextAreaElement>('alertNoteInput').value).toBe('');
    const stored = await server.api.alertNotes(alertId);
    expect(stored.map((note) => [note.text, note.author])).toEqual([[EVIL_NOTE, IN_PROCESS_USER]]);

    fireEvent.click(screen.getByTestId('alertNoteDelete'));
    await screen.findByTestId('alertNotesEmpty', {}, WAIT);
    await waitFor(async () => expect(await server.api.alertNotes(alertId)).toEqual([]), WAIT);
  });
});
