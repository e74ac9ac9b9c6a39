/**
 * Browser sessions for a server that requires its API key: the UI's own requests cannot add an
 * `Authorization` header, so the login page exchanges the key once for a random session token in
 * an HttpOnly, SameSite=Strict cookie. Page scripts never see the key or the token; tokens live in
 * memory only (a restart signs everyone out) and are kept hashed, so a lookup leaks nothing useful
 * through timing.
 */
import crypto from 'crypto';

const SESSION_TOKEN_BYTES = 32;
/** A working day; after that the browser asks for the key again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Bounded so a key holder looping over the login endpoint cannot grow memory without end. */
export const MAX_SESSIONS = 1_000;
const COOKIE_PREFIX = 'ctd_session_';

const digest = (token: string): string =>
  crypto.createHash('sha256').update(token, 'utf8').digest('base64url');

export class BrowserSessions {
  /** Token digest → expiry (ms); Map order is creation order, so the first entry is the oldest. */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  create(): string {
    const token = crypto.randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
    this.dropExpired();
    while (this.expiries.size >= MAX_SESSIONS) this.dropOldest();
    this.expiries.set(digest(token), this.now() + SESSION_TTL_MS);
    return token;
  }

  isValid(token: string | undefined): boolean {
    if (token === undefined) return false;
    const key = digest(token);
    const expiry = this.expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }

  get size(): number {
    return this.expiries.size;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [key, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(key);
  }

  private dropOldest(): void {
    const oldest = this.expiries.keys().next();
    if (oldest.done !== true) this.expiries.delete(oldest.value);
  }
}

/** Cookies are shared by every port of a host; the port in the name keeps two servers' sessions apart. */
export const sessionCookieName = (port: number): string => `${COOKIE_PREFIX}${port}`;

/** `Set-Cookie` for a new session. No `Secure`: the server speaks plain HTTP (TLS belongs to a proxy in front). */
export const sessionCookie = (port: number, token: string): string =>
  `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`;

/** One cookie's value from a `Cookie` header. */
export const cookieValue = (cookieHeader: string | undefined, name: string): string | undefined => {
  if (cookieHeader === undefined) return undefined;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name)
      return part.slice(separator + 1).trim();
  }
  return undefined;
};
