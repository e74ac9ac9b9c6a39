/**
 * The standalone server's API key: 32 random bytes (base64url) kept in `<data dir>/api_key`,
 * readable by its owner only. Created atomically with mode 0600 on the first start that needs it
 * and re-used afterwards; a key file anyone else could read or replace stops the server instead
 * of being trusted. Requests present it as `Authorization: ApiKey <key>`, Kibana's scheme.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { errorMessage } from '../../common/error_message';

export const API_KEY_FILE_NAME = 'api_key';
export const API_KEY_SCHEME = 'ApiKey';
/** 256 bits: guessing is hopeless, so the server needs no rate limiting of failed attempts. */
export const API_KEY_BYTES = 32;
/** base64url of API_KEY_BYTES without padding. */
const API_KEY_PATTERN = /^[A-Za-z0-9_-]{43,}$/;
const OWNER_ONLY_MODE = 0o600;
/** Group's and others' octal digits of a file only its owner may read or change. */
const NO_GROUP_OR_OTHER_RIGHTS = '00';
const PRIVATE_DIR_MODE = 0o700;

export class ApiKeyFileError extends Error {
  constructor(file: string, problem: string) {
    super(`API key file ${file} ${problem}`);
    this.name = 'ApiKeyFileError';
  }
}

export interface ApiKey {
  readonly key: string;
  readonly file: string;
  /** True when this start generated the key (the only time it is printed). */
  readonly created: boolean;
}

export const generateApiKey = (): string => crypto.randomBytes(API_KEY_BYTES).toString('base64url');

/** Structural, not instanceof: errors from Node's fs may come from another realm (jest's VM contexts). */
const isErrorCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error as NodeJS.ErrnoException).code === code;

/** The permission bits as chmod writes them, three octal digits: owner, group, others ('600'). */
const octalPermissions = (mode: number): string => mode.toString(8).slice(-3).padStart(3, '0');

/** POSIX only: Windows reports no meaningful mode bits or owner, so there the checks are skipped. */
const checkOwnership = (file: string, stat: fs.Stats): void => {
  if (process.platform === 'win32') return;
  const permissions = octalPermissions(stat.mode);
  if (permissions.slice(1) !== NO_GROUP_OR_OTHER_RIGHTS) {
    throw new ApiKeyFileError(
      file,
      `has permissions 0${permissions}: group or others could read or change it. Restrict it with \`chmod 600 ${file}\`, or delete it to generate a new key.`
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new ApiKeyFileError(
      file,
      `belongs to user ${stat.uid}, not to the user running the server (${uid}); delete it or fix its owner.`
    );
  }
};

/** No symlink (it could point the server at a key someone else controls); no blocking on a FIFO. O_NOFOLLOW is 0 where undefined (Windows). */
const OPEN_KEY_FLAGS =
  // eslint-disable-next-line no-bitwise -- open(2) flags are bits, combined with OR as the fs API expects
  fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

const openExisting = (file: string): number => {
  try {
    return fs.openSync(file, OPEN_KEY_FLAGS);
  } catch (error) {
    if (isErrorCode(error, 'ELOOP'))
      throw new ApiKeyFileError(
        file,
        'is not a regular file (a symbolic link); remove it so the server can generate its key.'
      );
    throw new ApiKeyFileError(file, `cannot be read: ${errorMessage(error)}`);
  }
};

/** Checks and reads through one descriptor, so the file cannot be swapped between the check and the read. */
const readExistingKey = (file: string): string => {
  const fd = openExisting(file);
  let key: string;
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      throw new ApiKeyFileError(
        file,
        'is not a regular file; remove it so the server can generate its key.'
      );
    checkOwnership(file, stat);
    key = fs.readFileSync(fd, 'utf8').trim();
  } catch (error) {
    if (error instanceof ApiKeyFileError) throw error;
    throw new ApiKeyFileError(file, `cannot be read: ${errorMessage(error)}`);
  } finally {
    fs.closeSync(fd);
  }
  if (!API_KEY_PATTERN.test(key))
    throw new ApiKeyFileError(
      file,
      'does not hold a valid key (43+ base64url characters); delete it to generate a new one.'
    );
  return key;
};

/** Written to a private temporary file, then linked into place: the key file never exists half-written or with a looser mode. */
const writeNewKey = (file: string, key: string): boolean => {
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'wx', OWNER_ONLY_MODE);
  try {
    fs.writeSync(fd, `${key}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    // link, unlike rename, fails when the file exists: a concurrent first start keeps its key.
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if (isErrorCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
};

/** The data directory's key, generated on first use. Throws ApiKeyFileError rather than trust a doubtful file. */
export const loadOrCreateApiKey = (dataDir: string): ApiKey => {
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = path.join(dataDir, API_KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    const key = generateApiKey();
    if (writeNewKey(file, key)) return { key, file, created: true };
  }
  return { key: readExistingKey(file), file, created: false };
};

/** The key an `Authorization` header carries, or undefined when it uses another scheme or none. */
export const apiKeyFromHeader = (authorization: string | undefined): string | undefined => {
  if (authorization === undefined) return undefined;
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization);
  if (match?.[1]?.toLowerCase() !== API_KEY_SCHEME.toLowerCase()) return undefined;
  return match[2];
};

const sha256 = (text: string): Buffer => crypto.createHash('sha256').update(text, 'utf8').digest();

/** Constant time whatever the lengths: both sides are hashed to equal-length digests first. */
export const apiKeyMatches = (presented: string, expected: string): boolean =>
  crypto.timingSafeEqual(sha256(presented), sha256(expected));
