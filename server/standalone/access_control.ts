/**
 * Who may use the standalone server. Without an API key (the loopback default) anyone on this
 * machine may; with one, a request must present it (`Authorization: ApiKey <key>`) or carry the
 * session cookie the login page obtained with it. Bound to loopback, requests must also name a
 * loopback host (see loopback.ts).
 */
import type http from 'http';
import { apiKeyFromHeader, apiKeyMatches, API_KEY_SCHEME } from './api_key';
import { BrowserSessions, cookieValue, sessionCookie, sessionCookieName } from './browser_sessions';
import { isLoopbackHostHeader } from './loopback';

export interface AccessOptions {
  /** The key every request must present; undefined when none is required. */
  readonly apiKey: string | undefined;
  /** True when bound to loopback: requests must then name a loopback host. */
  readonly loopbackHostsOnly: boolean;
}

export type AccessDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string };

const ALLOWED: AccessDecision = { ok: true };
const REALM = 'container-threat-detection';
export const WWW_AUTHENTICATE = `${API_KEY_SCHEME} realm="${REALM}"`;
const HOW_TO_AUTHENTICATE = `send "Authorization: ${API_KEY_SCHEME} <key>" with the key from the api_key file in the server's data directory`;

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The port the request came in on: session cookies are named after it. */
const localPort = (request: http.IncomingMessage): number => request.socket.localPort ?? 0;

export class AccessControl {
  private readonly sessions = new BrowserSessions();

  constructor(private readonly options: AccessOptions) {}

  get keyRequired(): boolean {
    return this.options.apiKey !== undefined;
  }

  hostAllowed(request: http.IncomingMessage): boolean {
    return !this.options.loopbackHostsOnly || isLoopbackHostHeader(request.headers.host);
  }

  /** The API key header alone (the login endpoint takes nothing else). */
  checkApiKey(request: http.IncomingMessage): AccessDecision {
    const expected = this.options.apiKey;
    if (expected === undefined) return ALLOWED;
    const authorization = headerText(request.headers.authorization);
    if (authorization === undefined)
      return { ok: false, message: `This server requires its API key: ${HOW_TO_AUTHENTICATE}.` };
    const presented = apiKeyFromHeader(authorization);
    if (presented === undefined)
      return { ok: false, message: `Unsupported Authorization scheme: ${HOW_TO_AUTHENTICATE}.` };
    return apiKeyMatches(presented, expected)
      ? ALLOWED
      : { ok: false, message: 'Invalid API key.' };
  }

  /** The API key header when present (a wrong key is refused, never retried as a cookie), else the session cookie. */
  authenticate(request: http.IncomingMessage): AccessDecision {
    if (!this.keyRequired || request.headers.authorization !== undefined)
      return this.checkApiKey(request);
    const token = cookieValue(
      headerText(request.headers.cookie),
      sessionCookieName(localPort(request))
    );
    return this.sessions.isValid(token) ? ALLOWED : this.checkApiKey(request);
  }

  /** A new browser session's `Set-Cookie` header value. */
  startSession(request: http.IncomingMessage): string {
    return sessionCookie(localPort(request), this.sessions.create());
  }
}
