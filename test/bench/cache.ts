/**
 * What the work directory may reuse between benchmark invocations: an ingested store (or any
 * other prepared directory) is reused only when a marker written after it was completed names the
 * same NDJSON file, byte for byte as far as size and modification time tell. A store without a
 * marker is a leftover of an interrupted run and is never trusted.
 */
import fs from 'fs';

export interface SourceFingerprint {
  readonly bytes: number;
  readonly mtimeMs: number;
}

export interface CacheMarker {
  /** What was prepared, e.g. `embedded-store` or `synthetic-alerts`. */
  readonly kind: string;
  /** Events (or alerts) it was prepared with. */
  readonly count: number;
  /** The NDJSON file it was made from, when it was made from one. */
  readonly source?: SourceFingerprint;
  /** Free-form details worth keeping (stored events, durations). */
  readonly details?: Readonly<Record<string, number | string>>;
  readonly createdAt: string;
}

export const markerPathFor = (dir: string): string => `${dir}.ready.json`;

export const fingerprintOf = (file: string): SourceFingerprint => {
  const stat = fs.statSync(file);
  return { bytes: stat.size, mtimeMs: Math.round(stat.mtimeMs) };
};

export const readMarker = (dir: string): CacheMarker | undefined => {
  try {
    const parsed = JSON.parse(fs.readFileSync(markerPathFor(dir), 'utf8')) as Partial<CacheMarker>;
    if (
      typeof parsed.kind !== 'string' ||
      typeof parsed.count !== 'number' ||
      typeof parsed.createdAt !== 'string'
    )
      return undefined;
    return parsed as CacheMarker;
  } catch {
    return undefined;
  }
};

/** Whether `marker` describes a directory prepared as `expected` asks. */
export const markerMatches = (
  marker: CacheMarker | undefined,
  expected: { readonly kind: string; readonly count: number; readonly source?: SourceFingerprint }
): marker is CacheMarker => {
  if (marker === undefined || marker.kind !== expected.kind || marker.count !== expected.count)
    return false;
  if (expected.source === undefined) return true;
  return (
    marker.source?.bytes === expected.source.bytes &&
    marker.source.mtimeMs === expected.source.mtimeMs
  );
};

/** A reusable directory: it exists and its marker matches. */
export const isCached = (dir: string, expected: Parameters<typeof markerMatches>[1]): boolean =>
  fs.existsSync(dir) && markerMatches(readMarker(dir), expected);

export const writeMarker = (
  dir: string,
  marker: Omit<CacheMarker, 'createdAt'>,
  now: Date = new Date()
): void => {
  fs.writeFileSync(
    markerPathFor(dir),
    `${JSON.stringify({ ...marker, createdAt: now.toISOString() }, null, 2)}\n`
  );
};

/** Removes a prepared directory and its marker (marker first, so a crash never leaves a trusted half). */
export const removeCached = (dir: string): void => {
  fs.rmSync(markerPathFor(dir), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
};
