/** @jest-environment jsdom */
/**
 * Exporting from the alerts page against the real API in process: the menu, CSV of the visible
 * columns and NDJSON of the documents for the page's filter (every page of it, not the one shown),
 * and cancelling a running export. jsdom has no object URLs: the test supplies one that keeps the
 * Blob the page saves, so the file's content is what is checked.
 */
import '../test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import * as F from '../../../../../common/alerts/field_names';
import type { HttpTransport } from '../../../api_client';
import { alertsPath } from '../../../navigation';
import { AlertsPage } from '../alerts_page';
import { COLUMNS_STORAGE_KEY } from '../columns/column_preference';
import {
  HOSTILE,
  HOSTILE_RULE_ID,
  hostileAlertsFixture,
  type HostileAlertsFixture,
} from '../test_support/hostile_alerts_fixture';
import { renderWithHistory, settle, trackedClient } from '../test_support/render_page';
import { MAX_EXPORT_ALERTS } from './collect_alerts';
import { exportScope } from './export_menu';

interface SavedFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

/** jsdom's Blob has no `text()`; its FileReader reads one. */
const readText = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string'
        ? resolve(reader.result)
        : reject(new Error('the blob was not read as text'));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the blob'));
    reader.readAsText(blob);
  });

/** What `downloadText` saved: object URLs and link clicks, kept instead of performed. */
const captureDownloads = () => {
  const blobs = new Map<string, Blob>();
  const clicks: Array<Promise<SavedFile>> = [];
  let next = 0;
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${next++}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement
  ) {
    const blob = blobs.get(this.href);
    if (blob === undefined) throw new Error(`no blob behind ${this.href}`);
    const name = this.download;
    clicks.push(readText(blob).then((text) => ({ name, type: blob.type, text })));
  });
  return { saved: () => Promise.all(clicks), restore: () => click.mockRestore() };
};

/** The alert ids of the table's rows, from each row's investigation link. */
const rowIds = (): string[] =>
  Array.from(screen.getByTestId('alertsTable').querySelectorAll('tbody tr'))
    .map((row) => row.querySelector('a[href*="/alerts/"]')?.getAttribute('href'))
    .filter((href): href is string => href !== null && href !== undefined)
    .map((href) =>
      decodeURIComponent(new URL(href, 'http://host').pathname.split('/').pop() ?? '')
    );

describe('exporting alerts from the alerts page', () => {
  let fixture: HostileAlertsFixture;
  let client: ReturnType<typeof trackedClient>;
  let downloads: ReturnType<typeof captureDownloads>;
  /** Held export requests (per_page above the page's sizes) wait for `release`. */
  let hold: Promise<void> | undefined;
  const renderAlerts = (query: Readonly<Record<string, string>>) =>
    renderWithHistory(alertsPath({ rule_id: HOSTILE_RULE_ID, ...query }), (navigation) => (
      <AlertsPage api={client.api} navigation={navigation} />
    ));
  const openMenu = async () => {
    fireEvent.click(screen.getByTestId('alertsExportButton'));
    await screen.findByTestId('alertsExportCsv');
  };

  beforeAll(async () => {
    fixture = await hostileAlertsFixture();
    const transport: HttpTransport = async (request) => {
      if (hold !== undefined && Number(request.query?.per_page) > 100) await hold;
      return fixture.server.transport(request);
    };
    client = trackedClient(transport);
  });
  beforeEach(() => {
    downloads = captureDownloads();
  });
  afterEach(async () => {
    await settle(client.inFlight);
    downloads.restore();
    window.localStorage.clear();
  });
  afterAll(() => fixture?.server.close());

  it('says what an export holds, and where the limit cuts it', () => {
    expect(exportScope(7)).toBe("All 7 matching alerts, in the table's order.");
    expect(exportScope(1)).toBe("All 1 matching alert, in the table's order.");
    expect(exportScope(MAX_EXPORT_ALERTS)).toBe(
      "All 10,000 matching alerts, in the table's order."
    );
    expect(exportScope(12_345)).toBe(
      'The first 10,000 of 12,345 matching alerts: an export holds at most 10,000.'
    );
  });

  it('exports every alert of the filter as CSV of the visible columns, beyond the page shown', async () => {
    window.localStorage.setItem(COLUMNS_STORAGE_KEY, '["userName","commandLine"]');
    renderAlerts({ per_page: '2', sort_field: 'risk_score', sort_order: 'asc' });
    await waitFor(() =>
      expect(screen.getByTestId('alertsCount').textContent).toBe('Showing 1–2 of 7 alerts')
    );
    await openMenu();
    expect(screen.getByTestId('alertsExportScope').textContent).toBe(exportScope(7));
    fireEvent.click(screen.getByTestId('alertsExportCsv'));
    expect(await screen.findByText('Exported 7 alerts')).toBeTruthy();

    const [file] = await downloads.saved();
    expect(file?.name).toBe('alerts_export.csv');
    expect(file?.type).toBe('text/csv;charset=utf-8');
    const records = file?.text.split('\r\n') ?? [];
    expect(records[0]).toBe(
      'Alert ID,Event time,Rule,Severity,Host,Container,New term,User,Command line,Status'
    );
    expect(records.at(-1)).toBe('');
    // Records end in CRLF; the hostile command line's LF sits inside its quotes.
    expect(records).toHaveLength(1 + 7 + 1);
    const expected = await fixture.server.api.searchAlerts({
      ruleIds: [HOSTILE_RULE_ID],
      statuses: ['open', 'acknowledged'],
      page: 0,
      perPage: 100,
      sortField: 'risk_score',
      sortOrder: 'asc',
    });
    const ids = expected.alerts.map((alert) => String(alert[F.ALERT_UUID]));
    expect(records.slice(1, -1).map((record) => record.split(',')[0])).toEqual(ids);
    expect(rowIds()).toEqual(ids.slice(0, 2));
    expect(file?.text).toContain(`"'=HYPERLINK(""http://evil.example"",""click""),1"`);
    expect(file?.text).toContain(HOSTILE.commandLine.replaceAll('"', '""'));
  });

  it('exports the filtered alerts as NDJSON documents, as stored', async () => {
    const acknowledged = fixture.alerts.slice(0, 2).map((alert) => String(alert[F.ALERT_UUID]));
    await fixture.server.api.setAlertStatus(acknowledged, 'acknowledged');
    try {
      renderAlerts({ status: 'acknowledged' });
      await waitFor(() =>
        expect(screen.getByTestId('alertsCount').textContent).toBe('Showing 1–2 of 2 alerts')
      );
      await openMenu();
      fireEvent.click(screen.getByTestId('alertsExportNdjson'));
      expect(await screen.findByText('Exported 2 alerts')).toBeTruthy();
      const [file] = await downloads.saved();
      expect(file?.name).toBe('alerts_export.ndjson');
      const documents = (file?.text.trimEnd().split('\n') ?? []).map(
        (line) => JSON.parse(line) as Record<string, unknown>
      );
      expect(new Set(documents.map((doc) => doc[F.ALERT_UUID]))).toEqual(new Set(acknowledged));
      expect(documents.map((doc) => doc[F.ALERT_WORKFLOW_STATUS])).toEqual([
        'acknowledged',
        'acknowledged',
      ]);
      const stored = await fixture.server.api.searchAlerts({
        statuses: ['acknowledged'],
        page: 0,
        perPage: 100,
        sortField: 'original_time',
        sortOrder: 'desc',
      });
      expect(documents).toEqual(stored.alerts);
    } finally {
      await fixture.server.api.setAlertStatus(acknowledged, 'open');
    }
  });

  it('shows progress while it runs and stops on Cancel, saving nothing', async () => {
    let release = () => undefined as void;
    hold = new Promise((resolve) => {
      release = resolve;
    });
    try {
      renderAlerts({});
      await waitFor(() =>
        expect(screen.getByTestId('alertsCount').textContent).toBe('Showing 1–7 of 7 alerts')
      );
      await openMenu();
      fireEvent.click(screen.getByTestId('alertsExportCsv'));
      expect((await screen.findByTestId('alertsExportProgress')).textContent).toBe('Exporting…');
      fireEvent.click(screen.getByTestId('alertsExportCancel'));
      expect(screen.queryByTestId('alertsExportProgress')).toBeNull();
      expect(screen.getByTestId('alertsExportButton')).toBeTruthy();
    } finally {
      release();
      hold = undefined;
    }
    await settle(client.inFlight);
    expect(await downloads.saved()).toEqual([]);
    expect(screen.queryByText(/^Exported/)).toBeNull();
    expect(screen.queryByText('Could not export the alerts')).toBeNull();
    expect(within(document.body).queryByTestId('alertsExportProgress')).toBeNull();
  });
});
