/** @jest-environment jsdom */
/**
 * The upload page against the standalone server's real HTTP upload handler (on a loopback port,
 * over the in-process API's DuckDB store; see test/helpers/upload_server.ts): progress per file,
 * the report with rejected lines and a hostile reason as text, cancel, the 413 of a small limit,
 * a network failure, and "Run rules now" raising an alert from the uploaded events.
 */
import '../alerts/test_support/jsdom_shims';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID as INTERACTIVE } from '../../../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { inProcessApi, type InProcessApi } from '../../../../test/helpers/in_process_api';
import { recordingNavigation, renderUi, textOf } from '../../../../test/helpers/render_ui';
import { startUploadServer, type UploadServer } from '../../../../test/helpers/upload_server';
import { EventFactory } from '../../../../test/differential/new_terms_scenarios';
import { ApiError } from '../../api_error';
import type { EventUploader } from '../../event_uploader';
import { UploadPage } from './upload_page';

const SLOW = { timeout: 10_000 };
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** Good events: two interactive shells a minute ago, in containers (what the Interactive rule flags). */
const goodLines = (tag: string): string[] => {
  const factory = new EventFactory(tag);
  return [
    JSON.stringify(factory.interactive(Date.now() - 90_000, 'nc')),
    JSON.stringify(factory.interactive(Date.now() - 60_000, 'nc')),
  ];
};

const ndjsonFile = (name: string, lines: readonly string[]): File =>
  new File([lines.join('\n') + '\n'], name, { type: 'application/x-ndjson' });

const choose = (...files: File[]) => {
  const input = screen.getByTestId('ctdUploadFilePicker');
  fireEvent.change(input, { target: { files } });
};

const renderPage = (api: InProcessApi, uploader: EventUploader) =>
  renderUi(<UploadPage api={api.api} navigation={recordingNavigation()} uploader={uploader} />);

const statOf = (testId: string): string =>
  textOf(within(screen.getByTestId(testId)).getByText(/^[\d,]+$/));

describe('UploadPage', () => {
  let api: InProcessApi;
  let server: UploadServer | undefined;
  beforeEach(async () => {
    api = await inProcessApi();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await api.close();
  });

  it('uploads a file and reports stored, duplicate and rejected lines, reasons as text', async () => {
    server = await startUploadServer(api, { maxUploadBytes: 1024 * 1024 });
    const [first, second] = goodLines('page');
    const lines = [
      first ?? '',
      '{"@timestamp": "2025-01-01T00:00:00Z", "broken', // line 2: not JSON
      second ?? '',
      first ?? '', // line 4: the same event again
      JSON.stringify({ '@timestamp': HOSTILE, event: { id: 'hostile' } }), // line 5
      JSON.stringify({ event: { id: 'no-time' } }), // line 6: no @timestamp
    ];
    renderPage(api, server.uploader);
    choose(ndjsonFile('mixed.ndjson', lines));
    fireEvent.click(screen.getByTestId('ctdUploadStart'));

    const report = await screen.findByTestId('ctdUploadReport', {}, SLOW);
    const file = screen.getByTestId('ctdUploadFile-0');
    expect(textOf(within(file).getByTestId('ctdUploadFileStatus'))).toBe('Uploaded');
    const size = new Blob([lines.join('\n') + '\n']).size;
    expect(textOf(within(file).getByTestId('ctdUploadFileBytes'))).toBe(
      `${(size / 1024).toFixed(1)} KiB of ${(size / 1024).toFixed(1)} KiB sent`
    );
    expect(statOf('ctdUploadStored')).toBe('2');
    expect(statOf('ctdUploadDuplicates')).toBe('1');
    expect(statOf('ctdUploadRejected')).toBe('3');

    const rows = within(screen.getByTestId('ctdRejectedLines')).getAllByRole('row').slice(1);
    expect(rows.map((row) => textOf(row.querySelectorAll('td')[1] ?? null))).toEqual([
      '2',
      '5',
      '6',
    ]);
    expect(textOf(rows[0] ?? null)).toContain('mixed.ndjson');
    expect(textOf(rows[0] ?? null)).toContain('malformed JSON');
    expect(textOf(rows[2] ?? null)).toContain('@timestamp');
    // The hostile value is quoted in its reason, as text: no element made of it.
    expect(textOf(rows[1] ?? null)).toContain('<img src=x');
    expect(report.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(await api.store.eventCount()).toBe(2);
    expect(screen.getByTestId('ctdUploadToAlerts').getAttribute('href')).toBe('/app/alerts');
  });

  it('shows the bytes sent while uploading, and Cancel stops the upload', async () => {
    let releaseChunk: () => void = () => undefined;
    const chunkWaiting = new Promise<void>((resolve) => {
      releaseChunk = resolve;
    });
    let paused: () => void = () => undefined;
    const pausedAtSecondChunk = new Promise<void>((resolve) => {
      paused = resolve;
    });
    server = await startUploadServer(api, {
      maxUploadBytes: 1024 * 1024,
      chunkBytes: 1024,
      beforeChunk: () => {
        paused();
        return chunkWaiting;
      },
    });
    const lines = Array.from({ length: 10 }, () => goodLines('cancel')).flat();
    const file = ndjsonFile('big.ndjson', lines);
    renderPage(api, server.uploader);
    choose(file);
    fireEvent.click(screen.getByTestId('ctdUploadStart'));

    await pausedAtSecondChunk;
    const row = screen.getByTestId('ctdUploadFile-0');
    await waitFor(() =>
      expect(textOf(within(row).getByTestId('ctdUploadFileBytes'))).toBe(
        `1.0 KiB of ${(file.size / 1024).toFixed(1)} KiB sent`
      )
    );
    expect(textOf(within(row).getByTestId('ctdUploadFileStatus'))).toBe('Uploading');
    fireEvent.click(screen.getByTestId('ctdUploadCancel'));
    releaseChunk();

    const failure = await screen.findByTestId('ctdUploadFailure-0');
    expect(textOf(failure)).toContain('Cancelled the upload of "big.ndjson"');
    expect(textOf(failure)).toContain('skips the events already stored as duplicates');
    expect(screen.queryByTestId('ctdUploadCancel')).toBeNull();
    expect(screen.queryByTestId('ctdUploadReport')).toBeNull();
  });

  it("says a file is over the server's limit and how to raise it, and sends the next file", async () => {
    server = await startUploadServer(api, { maxUploadBytes: 2048 });
    const tooBig = ndjsonFile(
      'too_big.ndjson',
      Array.from({ length: 10 }, () => goodLines('big')).flat()
    );
    renderPage(api, server.uploader);
    choose(tooBig, ndjsonFile('small.ndjson', goodLines('small')));
    fireEvent.click(screen.getByTestId('ctdUploadStart'));

    const failure = await screen.findByTestId('ctdUploadFailure-0', {}, SLOW);
    expect(textOf(failure)).toContain('"too_big.ndjson" is over the server\'s upload limit');
    expect(textOf(failure)).toContain(`Upload is ${tooBig.size} bytes, over the 2048 bytes limit.`);
    expect(textOf(failure)).toContain('--max-upload-mb');
    expect(textOf(failure)).toContain('CTD_MAX_UPLOAD_MB');
    await screen.findByTestId('ctdUploadReport', {}, SLOW);
    expect(statOf('ctdUploadStored')).toBe('2');
    expect(
      textOf(within(screen.getByTestId('ctdUploadFile-1')).getByTestId('ctdUploadFileStatus'))
    ).toBe('Uploaded');
  });

  it("shows the store's message when it cannot take the write (503)", async () => {
    const message =
      'The store could not write the events: No space left on device. 0 events of this upload were stored.';
    const storeFull: EventUploader = async () => {
      throw new ApiError(503, message);
    };
    renderPage(api, storeFull);
    choose(ndjsonFile('a.ndjson', goodLines('full')), ndjsonFile('b.ndjson', goodLines('full2')));
    fireEvent.click(screen.getByTestId('ctdUploadStart'));

    const failure = await screen.findByTestId('ctdUploadFailure-0');
    expect(textOf(failure)).toContain('The store could not take the events of "a.ndjson"');
    expect(textOf(failure)).toContain(message);
    // A store that cannot write would refuse the next file too: it is not sent.
    expect(
      textOf(within(screen.getByTestId('ctdUploadFile-1')).getByTestId('ctdUploadFileStatus'))
    ).toBe('Not sent');
  });

  it('says the file did not reach the server when the connection fails', async () => {
    server = await startUploadServer(api, { maxUploadBytes: 1024 * 1024 });
    await server.close();
    renderPage(api, server.uploader);
    server = undefined;
    choose(ndjsonFile('lost.ndjson', goodLines('lost')));
    fireEvent.click(screen.getByTestId('ctdUploadStart'));

    const failure = await screen.findByTestId('ctdUploadFailure-0', {}, SLOW);
    expect(textOf(failure)).toContain('"lost.ndjson" did not reach the server');
    expect(textOf(failure)).toContain('Check that the server is running');
  });

  it('runs the enabled rules over the uploaded events: a new alert', async () => {
    await api.api.installRules([INTERACTIVE], true);
    server = await startUploadServer(api, { maxUploadBytes: 1024 * 1024 });
    renderPage(api, server.uploader);
    choose(ndjsonFile('shells.ndjson', goodLines('run')));
    fireEvent.click(screen.getByTestId('ctdUploadStart'));
    fireEvent.click(await screen.findByTestId('ctdUploadRunRules', {}, SLOW));

    expect(await screen.findByText(/^Status: succeeded; 1 new alert/, {}, SLOW)).toBeTruthy();
    const alerts = await api.api.searchAlerts({
      page: 1,
      perPage: 10,
      sortField: '@timestamp',
      sortOrder: 'desc',
    });
    expect(alerts.total).toBe(1);
  });
});
