/**
 * HTTP exactly as the tests need to send it, which `fetch` will not: any `Host` header, a body
 * streamed in chunks without `Content-Length`, or an oversized body the server may refuse before
 * reading it all.
 */
import http from 'http';

export interface RawRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent with Content-Length. */
  readonly body?: Buffer | string;
  /** Sent chunked (no Content-Length), one write per chunk. */
  readonly chunks?: readonly Buffer[];
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly text: string;
  json<T>(): T;
}

const toResponse = (response: http.IncomingMessage, text: string): RawResponse => ({
  status: response.statusCode ?? 0,
  headers: response.headers,
  text,
  json: <T>() => JSON.parse(text) as T,
});

/** Resolves with the response even when the server stops reading the body early (it answers first, then closes). */
export const rawRequest = (request: RawRequest): Promise<RawResponse> =>
  new Promise<RawResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: request.method ?? 'GET',
        headers,
        agent: false,
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () =>
          resolve(toResponse(response, Buffer.concat(parts).toString('utf8')))
        );
        response.on('error', reject);
      }
    );
    // The server may close after answering; a write error then is expected, the response is what counts.
    outgoing.on('error', reject);
    if (request.chunks !== undefined) for (const chunk of request.chunks) outgoing.write(chunk);
    outgoing.end(request.body);
  });
