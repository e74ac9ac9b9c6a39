/** Browser sessions: random tokens valid until they expire, a bounded number of them, and the cookie that carries one. */
import {
  BrowserSessions,
  cookieValue,
  MAX_SESSIONS,
  SESSION_TTL_MS,
  sessionCookie,
  sessionCookieName,
} from './browser_sessions';

describe('browser sessions', () => {
  let now = 0;
  const sessions = (): BrowserSessions => new BrowserSessions(() => now);

  beforeEach(() => {
    now = 1_000;
  });

  it('accept their own tokens until they expire, and nothing else', () => {
    const store = sessions();
    const token = store.create();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.isValid(token)).toBe(true);
    expect(store.isValid(`${token}A`)).toBe(false);
    const other = store.create();
    expect(store.isValid(`${other.slice(0, -1)}${other.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(store.isValid(undefined)).toBe(false);
    now += SESSION_TTL_MS;
    expect(store.isValid(token)).toBe(false);
  });

  it('keep at most MAX_SESSIONS, dropping the oldest first', () => {
    const store = sessions();
    const first = store.create();
    const second = store.create();
    for (let i = 2; i < MAX_SESSIONS + 1; i++) store.create();
    expect(store.size).toBe(MAX_SESSIONS);
    expect(store.isValid(first)).toBe(false);
    expect(store.isValid(second)).toBe(true);
  });

  it('travel in a per-port, HttpOnly, SameSite=Strict cookie', () => {
    expect(sessionCookie(5602, 'abc')).toBe(
      'ctd_session_5602=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200'
    );
    const header = `other=1; ${sessionCookieName(5602)}=abc; ${sessionCookieName(5603)}=def`;
    expect(cookieValue(header, sessionCookieName(5602))).toBe('abc');
    expect(cookieValue(header, sessionCookieName(5603))).toBe('def');
    expect(cookieValue(header, sessionCookieName(1))).toBeUndefined();
    expect(cookieValue(undefined, sessionCookieName(5602))).toBeUndefined();
  });
});
