/**
 * The API key file on a real file system: created once with mode 0600 and re-used, and refused —
 * never trusted or silently replaced — when it is too open, not a plain file, owned by someone
 * else or garbled. Header parsing and the constant-time comparison.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  API_KEY_FILE_NAME,
  apiKeyFromHeader,
  apiKeyMatches,
  generateApiKey,
  loadOrCreateApiKey,
} from './api_key';

const NOBODY_UID = 65_534;
const isRoot = process.getuid?.() === 0;

/** A file's permissions as chmod writes them: the mode's last three octal digits. */
const permissionsOf = (filePath: string): string =>
  fs.statSync(filePath).mode.toString(8).slice(-3);

describe('the API key file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-api-key-'));
    file = path.join(dir, API_KEY_FILE_NAME);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is created on first use with mode 0600 under a new data directory, then re-used', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = loadOrCreateApiKey(dataDir);
    expect(first).toEqual({
      key: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as unknown,
      file: path.join(dataDir, API_KEY_FILE_NAME),
      created: true,
    });
    expect(permissionsOf(first.file)).toBe('600');
    expect(fs.readdirSync(dataDir)).toEqual([API_KEY_FILE_NAME]);
    expect(loadOrCreateApiKey(dataDir)).toEqual({ ...first, created: false });
  });

  it('is created 0600 whatever the umask allows', () => {
    const previous = process.umask(0);
    try {
      expect(permissionsOf(loadOrCreateApiKey(dir).file)).toBe('600');
    } finally {
      process.umask(previous);
    }
  });

  it.each([0o640, 0o604, 0o660, 0o666])(
    'is refused with mode %o, with the fix in the message',
    (mode) => {
      fs.writeFileSync(file, generateApiKey());
      fs.chmodSync(file, mode);
      expect(() => loadOrCreateApiKey(dir)).toThrow(
        `has permissions 0${mode.toString(8)}: group or others could read or change it. Restrict it with \`chmod 600 ${file}\``
      );
    }
  );

  it('is accepted when stricter than 0600', () => {
    const key = generateApiKey();
    fs.writeFileSync(file, `${key}\n`);
    fs.chmodSync(file, 0o400);
    expect(loadOrCreateApiKey(dir)).toMatchObject({ key, created: false });
  });

  it('is refused when it is a directory or a symbolic link (even a dangling one)', () => {
    fs.mkdirSync(file);
    expect(() => loadOrCreateApiKey(dir)).toThrow(`API key file ${file} is not a regular file`);
    fs.rmdirSync(file);
    fs.symlinkSync(path.join(dir, 'elsewhere'), file);
    expect(() => loadOrCreateApiKey(dir)).toThrow('is not a regular file');
    expect(fs.existsSync(path.join(dir, 'elsewhere'))).toBe(false);
  });

  it('is refused when it does not hold a key', () => {
    fs.writeFileSync(file, 'too-short\n', { mode: 0o600 });
    expect(() => loadOrCreateApiKey(dir)).toThrow('does not hold a valid key');
  });

  (isRoot ? it : it.skip)('is refused when another user owns it', () => {
    fs.writeFileSync(file, generateApiKey(), { mode: 0o600 });
    fs.chownSync(file, NOBODY_UID, NOBODY_UID);
    expect(() => loadOrCreateApiKey(dir)).toThrow(`belongs to user ${NOBODY_UID}`);
  });

  (isRoot ? it.skip : it)('is refused when it cannot be read', () => {
    fs.writeFileSync(file, generateApiKey(), { mode: 0o600 });
    fs.chmodSync(file, 0o200);
    expect(() => loadOrCreateApiKey(dir)).toThrow(`API key file ${file} cannot be read`);
  });
});

describe('the Authorization header', () => {
  it('carries the key under the ApiKey scheme, case-insensitively', () => {
    expect(apiKeyFromHeader('ApiKey abc')).toBe('abc');
    expect(apiKeyFromHeader('apikey abc ')).toBe('abc');
    expect(apiKeyFromHeader('Bearer abc')).toBeUndefined();
    expect(apiKeyFromHeader('ApiKey')).toBeUndefined();
    expect(apiKeyFromHeader('ApiKey a b')).toBeUndefined();
    expect(apiKeyFromHeader(undefined)).toBeUndefined();
  });

  it('matches only the exact key, whatever the lengths', () => {
    const key = generateApiKey();
    expect(apiKeyMatches(key, key)).toBe(true);
    expect(apiKeyMatches(`${key}A`, key)).toBe(false);
    expect(apiKeyMatches(key.slice(1), key)).toBe(false);
    expect(apiKeyMatches('', key)).toBe(false);
    expect(generateApiKey()).not.toBe(key);
  });
});
