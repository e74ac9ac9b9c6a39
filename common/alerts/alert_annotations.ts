/**
 * What analysts add to alerts besides a status: tags and assignees (Kibana's
 * `kibana.alert.workflow_tags` and `kibana.alert.workflow_assignee_ids`) and notes
 * (`container_threat_detection.notes`). Browser-safe: the server's stores and routes and the UI
 * read alerts with these same functions.
 */
import type { AlertDocument } from './alert_document';
import * as F from './field_names';

/** Longest tag and assignee, in characters: a keyword Elasticsearch still indexes (ignore_above). */
export const MAX_TAG_CHARS = 256;
export const MAX_ASSIGNEE_CHARS = 256;
/** Most tags or assignees one request adds or removes. */
export const MAX_LIST_CHANGE_VALUES = 100;
/** Most alerts one tags or assignees request names. */
export const MAX_ANNOTATED_ALERTS = 1_000;
/** Longest note, in characters. */
export const MAX_NOTE_CHARS = 10_000;
/** Most notes one alert keeps: the alert document stays a bounded size. */
export const MAX_NOTES_PER_ALERT = 200;

export interface AlertNote {
  /** A UUID. */
  readonly id: string;
  /** Plain text, shown as text (never as HTML). */
  readonly text: string;
  readonly author: string;
  /** ISO 8601. */
  readonly created_at: string;
}

/** The two keyword lists an analyst edits on alerts. */
export type WorkflowListField = typeof F.ALERT_WORKFLOW_TAGS | typeof F.ALERT_WORKFLOW_ASSIGNEE_IDS;

export interface WorkflowListChange {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

const stringsOf = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string');
};

/**
 * The list after a change, as Kibana's tags and assignees updates compute it: an alert without the
 * field gets the added values; otherwise its values not removed, in their order, then each added
 * value it does not hold yet. Kibana: the painless scripts of
 * x-pack/solutions/security/plugins/security_solution/server/lib/detection_engine/routes/signals/set_alert_tags_route.ts
 * and …/common/operations/update_alerts_assignees.ts (values deduplicated with lodash `uniq` first).
 */
export const changedList = (current: unknown, change: WorkflowListChange): string[] => {
  const add = unique(change.add);
  const held = stringsOf(current);
  if (held === undefined) return add;
  const removed = new Set(change.remove);
  const kept = held.filter((value) => !removed.has(value));
  return [...kept, ...add.filter((value) => !kept.includes(value))];
};

/** An alert's tags, in their order. */
export const tagsOf = (alert: AlertDocument): readonly string[] =>
  stringsOf(alert[F.ALERT_WORKFLOW_TAGS]) ?? [];

/** An alert's assignees (user names standalone, user profile uids in Kibana), in their order. */
export const assigneesOf = (alert: AlertDocument): readonly string[] =>
  stringsOf(alert[F.ALERT_WORKFLOW_ASSIGNEE_IDS]) ?? [];

const isNote = (value: unknown): value is AlertNote => {
  if (typeof value !== 'object' || value === null) return false;
  const note = value as Record<string, unknown>;
  return (
    typeof note.id === 'string' &&
    typeof note.text === 'string' &&
    typeof note.author === 'string' &&
    typeof note.created_at === 'string'
  );
};

/** An alert's notes, oldest first; anything in the field that is not a note is left out. */
export const notesOf = (alert: AlertDocument): readonly AlertNote[] => {
  const value = alert[F.ALERT_NOTES];
  return Array.isArray(value) ? value.filter(isNote) : [];
};
