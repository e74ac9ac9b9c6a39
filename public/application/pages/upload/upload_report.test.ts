import type { EventUploadSummary } from '../../../../common/api/event_upload';
import { rejectedLinesCsv, rejectedLinesNdjson, uploadReport } from './upload_report';

const summary = (overrides: Partial<EventUploadSummary>): EventUploadSummary => ({
  files: [],
  linesRead: 0,
  blankLines: 0,
  stored: 0,
  duplicates: 0,
  rejectedCount: 0,
  rejected: [],
  bytesRead: 0,
  durationMs: 0,
  ...overrides,
});

const report = uploadReport([
  summary({
    stored: 3,
    duplicates: 1,
    rejectedCount: 1,
    rejected: [{ file: 'a.ndjson', line: 2, reason: '=cmd|"x"' }],
  }),
  summary({
    stored: 2,
    rejectedCount: 1,
    rejected: [{ file: 'b.ndjson', line: 7, reason: 'missing @timestamp' }],
  }),
]);

describe('uploadReport', () => {
  it('adds up the files and keeps their rejected lines in order', () => {
    expect(report).toMatchObject({ files: 2, stored: 5, duplicates: 1, rejectedCount: 2 });
    expect(report.rejected.map((line) => `${line.file}:${line.line}`)).toEqual([
      'a.ndjson:2',
      'b.ndjson:7',
    ]);
  });

  it('writes the rejected lines as CSV, a formula made inert', () => {
    expect(rejectedLinesCsv(report)).toBe(
      'file,line,reason\r\na.ndjson,2,"\'=cmd|""x"""\r\nb.ndjson,7,missing @timestamp\r\n'
    );
  });

  it('writes the rejected lines as NDJSON', () => {
    expect(
      rejectedLinesNdjson(report)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown)
    ).toEqual([
      { file: 'a.ndjson', line: 2, reason: '=cmd|"x"' },
      { file: 'b.ndjson', line: 7, reason: 'missing @timestamp' },
    ]);
  });
});
