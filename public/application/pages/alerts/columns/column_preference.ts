/**
 * Which optional columns the analyst shows, kept in the browser's localStorage so the choice holds
 * across reloads and is not part of the URL: a shared link shows each reader their own columns.
 * Inside Kibana the plugin runs in the same browser origin, so the same storage applies.
 */
import { useCallback, useState } from 'react';
import { isOptionalColumnId, OPTIONAL_COLUMN_IDS, type OptionalColumnId } from './optional_columns';

export const COLUMNS_STORAGE_KEY = 'containerThreatDetection.alertsTable.columns';

/** Before the analyst picks: only the fixed columns. */
export const DEFAULT_OPTIONAL_COLUMNS: readonly OptionalColumnId[] = [];

/** The browser's localStorage, or undefined where reading it throws (storage blocked by policy). */
const browserStorage = (): Storage | undefined => {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
};

/** Known ids only, once each, in the table's order; anything else in storage means the default. */
export const parseStoredColumns = (stored: string | null): readonly OptionalColumnId[] => {
  if (stored === null) return DEFAULT_OPTIONAL_COLUMNS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return DEFAULT_OPTIONAL_COLUMNS;
  }
  if (!Array.isArray(parsed)) return DEFAULT_OPTIONAL_COLUMNS;
  const known = parsed.filter(isOptionalColumnId);
  return OPTIONAL_COLUMN_IDS.filter((id) => known.includes(id));
};

export const readColumns = (storage: Storage | undefined): readonly OptionalColumnId[] => {
  try {
    return parseStoredColumns(storage?.getItem(COLUMNS_STORAGE_KEY) ?? null);
  } catch {
    return DEFAULT_OPTIONAL_COLUMNS;
  }
};

/** Saves the choice; a full or blocked storage keeps it for this page only. */
export const writeColumns = (
  storage: Storage | undefined,
  columns: readonly OptionalColumnId[]
): void => {
  try {
    storage?.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Not saved: the columns still change on this page.
  }
};

/** The shown optional columns, read once from storage and written back on each change. */
export const useVisibleColumns = (
  storage: Storage | undefined = browserStorage()
): [readonly OptionalColumnId[], (columns: readonly OptionalColumnId[]) => void] => {
  const [columns, setColumns] = useState(() => readColumns(storage));
  const update = useCallback(
    (next: readonly OptionalColumnId[]) => {
      const ordered = OPTIONAL_COLUMN_IDS.filter((id) => next.includes(id));
      setColumns(ordered);
      writeColumns(storage, ordered);
    },
    [storage]
  );
  return [columns, update];
};
