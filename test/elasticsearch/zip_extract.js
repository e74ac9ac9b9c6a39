/**
 * Minimal ZIP extractor (stored + deflated entries, Unix file modes, no ZIP64) so provisioning
 * Elasticsearch needs no `unzip` binary on the CI image. Enough for the Elasticsearch zip; not a
 * general-purpose archiver.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const END_OF_CENTRAL_DIR_SIGNATURE = 0x06054b50;
const CENTRAL_DIR_ENTRY_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const END_OF_CENTRAL_DIR_MIN_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;
const CENTRAL_DIR_ENTRY_FIXED_SIZE = 46;
const LOCAL_HEADER_FIXED_SIZE = 30;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const HOST_UNIX = 3;
const FILE_TYPE_MASK = 0o170000;
const TYPE_DIRECTORY = 0o040000;
const TYPE_SYMLINK = 0o120000;

function findEndOfCentralDirectory(zip) {
  const lowest = Math.max(0, zip.length - END_OF_CENTRAL_DIR_MIN_SIZE - MAX_ZIP_COMMENT);
  for (let offset = zip.length - END_OF_CENTRAL_DIR_MIN_SIZE; offset >= lowest; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIR_SIGNATURE) return offset;
  }
  throw new Error('not a zip file (no end-of-central-directory record)');
}

function readCentralDirectory(zip) {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIR_ENTRY_SIGNATURE)
      throw new Error(`corrupt central directory at ${offset}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const madeByHost = zip.readUInt16LE(offset + 4) >> 8;
    entries.push({
      name: zip.toString(
        'utf8',
        offset + CENTRAL_DIR_ENTRY_FIXED_SIZE,
        offset + CENTRAL_DIR_ENTRY_FIXED_SIZE + nameLength
      ),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      size: zip.readUInt32LE(offset + 24),
      // Only Unix-made archives carry st_mode in the high half of the external attributes.
      mode: madeByHost === HOST_UNIX ? zip.readUInt32LE(offset + 38) >>> 16 : 0,
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    });
    offset += CENTRAL_DIR_ENTRY_FIXED_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readEntryData(zip, entry) {
  const header = entry.localHeaderOffset;
  if (zip.readUInt32LE(header) !== LOCAL_HEADER_SIGNATURE)
    throw new Error(`corrupt local header for ${entry.name}`);
  // The local header's name/extra lengths can differ from the central directory's copy.
  const start =
    header +
    LOCAL_HEADER_FIXED_SIZE +
    zip.readUInt16LE(header + 26) +
    zip.readUInt16LE(header + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === METHOD_STORED) return raw;
  if (entry.method === METHOD_DEFLATED) return zlib.inflateRawSync(raw);
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

function safeTarget(destination, name) {
  const target = path.resolve(destination, name);
  if (target !== destination && !target.startsWith(destination + path.sep))
    throw new Error(`zip entry escapes destination: ${name}`);
  return target;
}

function writeEntry(zip, entry, target) {
  const type = entry.mode & FILE_TYPE_MASK;
  if (entry.name.endsWith('/') || type === TYPE_DIRECTORY) {
    fs.mkdirSync(target, { recursive: true });
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const data = readEntryData(zip, entry);
  if (data.length !== entry.size) throw new Error(`size mismatch for ${entry.name}`);
  if (type === TYPE_SYMLINK) {
    fs.symlinkSync(data.toString('utf8'), target);
    return;
  }
  fs.writeFileSync(target, data, { mode: entry.mode & 0o777 || 0o644 });
}

/** Extracts every entry of `zipPath` under `destination` (created if missing). */
function extractZip(zipPath, destination) {
  const root = path.resolve(destination);
  const zip = fs.readFileSync(zipPath);
  fs.mkdirSync(root, { recursive: true });
  for (const entry of readCentralDirectory(zip))
    writeEntry(zip, entry, safeTarget(root, entry.name));
}

module.exports = { extractZip };
