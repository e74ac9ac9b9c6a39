/**
 * Test helper: the standalone server's real HTTP side (createHttpServer: Host check, kbn-xsrf,
 * size limit, upload handler) over an in-process API's store, on a loopback port, and an
 * EventUploader that posts to it with Node's http client, reporting the bytes written as progress.
 *
 * jsdom's XMLHttpRequest would make these cross-origin requests (CORS, which the server does not
 * answer); the browser's XMLHttpRequest uploader is driven in Chromium (test/e2e/upload_ui.test.ts).
 * Requests, answers and the store are the server's own: a 413 here is the server's 413.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { ApiError } from '../../public/application/api_error';
import {
  UploadCancelledError,
  type EventUploader,
  type UploadRequest,
} from '../../public/application/event_uploader';
import {
  NETWORK_FAILURE_MESSAGE,
  NETWORK_FAILURE_STATUS,
  uploadAnswer,
  uploadUrl,
} from '../../public/application/xhr_event_uploader';
import { AccessControl } from '../../server/standalone/access_control';
import { createHttpServer } from '../../server/standalone/http_server';
import { DEFAULT_MAX_JSON_BODY_BYTES } from '../../server/standalone/request_body';
import { SerialQueue } from '../../server/standalone/serial_queue';
import { silentLog } from '../../server/standalone/server_log';
import type { InProcessApi } from './in_process_api';

export interface UploadServerOptions {
  readonly maxUploadBytes: number;
  /** Bytes written per chunk, each followed by a progress report (default 1 KiB). */
  readonly chunkBytes?: number;
  /** Awaited before each chunk after the first: lets a test look at the page mid-upload. */
  readonly beforeChunk?: () => Promise<void>;
}

export interface UploadServer {
  readonly url: string;
  readonly uploader: EventUploader;
  /** Stops the server: later uploads fail as a network failure would. */
  close(): Promise<void>;
}

const DEFAULT_CHUNK_BYTES = 1024;

const bytesOf = (blob: Blob): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // jsdom's FileReader: a File made by jsdom reads through it.
    const reader = new FileReader();
    reader.onload = () => resolve(Buffer.from(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsArrayBuffer(blob);
  });

const postFile = (
  url: string,
  options: UploadServerOptions,
  { file, name, onProgress, signal }: UploadRequest
): Promise<ReturnType<typeof uploadAnswer>> =>
  bytesOf(file).then(
    (body) =>
      new Promise((resolve, reject) => {
        const target = new URL(`${url}${uploadUrl(name)}`);
        let settled = false;
        const settle = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          outcome();
        };
        const request = http.request(
          {
            host: target.hostname,
            port: target.port,
            path: `${target.pathname}${target.search}`,
            method: 'POST',
            headers: {
              'kbn-xsrf': 'true',
              'content-type': 'application/x-ndjson',
              'content-length': body.length,
            },
            agent: false,
          },
          (response) => {
            const parts: Buffer[] = [];
            response.on('data', (chunk: Buffer) => parts.push(chunk));
            response.on('end', () =>
              settle(() => {
                try {
                  const text = Buffer.concat(parts).toString('utf8');
                  resolve(
                    uploadAnswer(response.statusCode ?? 0, response.statusMessage ?? '', text)
                  );
                } catch (error) {
                  reject(error instanceof Error ? error : new Error(String(error)));
                }
              })
            );
          }
        );
        // The server may answer (413) and close before the body is written: the answer counts.
        request.on('error', () =>
          setTimeout(() =>
            settle(() => reject(new ApiError(NETWORK_FAILURE_STATUS, NETWORK_FAILURE_MESSAGE)))
          )
        );
        signal.addEventListener('abort', () => {
          settle(() => reject(new UploadCancelledError()));
          request.destroy();
        });
        void writeChunks(request, body, options, onProgress, signal);
      })
  );

const writeChunks = async (
  request: http.ClientRequest,
  body: Buffer,
  options: UploadServerOptions,
  onProgress: UploadRequest['onProgress'],
  signal: AbortSignal
): Promise<void> => {
  const size = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  for (let sent = 0; sent < body.length; ) {
    if (sent > 0) await options.beforeChunk?.();
    if (signal.aborted || request.destroyed) return;
    const chunk = body.subarray(sent, sent + size);
    await new Promise<void>((resolve) => request.write(chunk, () => resolve()));
    sent += chunk.length;
    onProgress({ sent, total: body.length });
  }
  request.end();
};

export const startUploadServer = async (
  api: InProcessApi,
  options: UploadServerOptions
): Promise<UploadServer> => {
  const queue = new SerialQueue();
  const server = createHttpServer({
    store: api.store,
    services: api.services,
    queue,
    uiDir: '/nonexistent-ui',
    log: silentLog(),
    access: new AccessControl({ apiKey: undefined, loopbackHostsOnly: true }),
    limits: {
      maxJsonBodyBytes: DEFAULT_MAX_JSON_BODY_BYTES,
      maxUploadBytes: options.maxUploadBytes,
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    uploader: (request) => postFile(url, options, request),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      // An upload cut off by the client is still being written: the store must outlive it.
      await queue.run(() => Promise.resolve());
    },
  };
};
