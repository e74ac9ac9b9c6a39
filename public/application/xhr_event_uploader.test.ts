/**
 * How the upload's answers are read: a 200 is the summary, anything else an ApiError with the
 * server's message (or the status when the body is not the server's JSON). The request itself is
 * driven in Chromium (test/e2e/upload_ui.test.ts): jsdom's XMLHttpRequest would need CORS.
 */
import { EVENT_UPLOAD_PATH } from '../../common/api/event_upload';
import { ApiError } from './api_error';
import { uploadAnswer, uploadUrl } from './xhr_event_uploader';

const summary = {
  files: ['a.ndjson'],
  linesRead: 3,
  blankLines: 0,
  stored: 2,
  duplicates: 0,
  rejectedCount: 1,
  rejected: [{ file: 'a.ndjson', line: 2, reason: 'not JSON' }],
  bytesRead: 120,
  durationMs: 4,
};

const failureOf = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
};

describe('uploadAnswer', () => {
  it('returns the summary of a 200 answer', () => {
    expect(uploadAnswer(200, 'OK', JSON.stringify(summary))).toEqual(summary);
  });

  it("turns a 413 into an ApiError with the server's message", () => {
    const body = { statusCode: 413, error: 'Payload Too Large', message: 'Upload is 9 bytes.' };
    const error = failureOf(() => uploadAnswer(413, 'Payload Too Large', JSON.stringify(body)));
    expect(error.status).toBe(413);
    expect(error.message).toBe('Upload is 9 bytes.');
  });

  it('names the status when the body is not JSON (a proxy page)', () => {
    const error = failureOf(() => uploadAnswer(502, 'Bad Gateway', '<html>bad gateway</html>'));
    expect(error.status).toBe(502);
    expect(error.message).toBe('The server answered 502 Bad Gateway.');
  });

  it('does not take a 200 without a summary for one', () => {
    expect(failureOf(() => uploadAnswer(200, 'OK', '{}')).status).toBe(200);
  });
});

describe('uploadUrl', () => {
  it('names the file in the query, escaped', () => {
    expect(uploadUrl('a b&c.ndjson')).toBe(`${EVENT_UPLOAD_PATH}?name=a+b%26c.ndjson`);
  });
});
