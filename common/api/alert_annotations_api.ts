/**
 * Requests and responses of the alert tags, assignees and notes routes, shared by the route
 * handlers and the UI's client. Browser-safe: types only.
 */
import type { AlertNote } from '../alerts/alert_annotations';

/** `POST …/alerts/_tags`: Kibana's `POST /api/detection_engine/signals/tags` body. */
export interface SetAlertTagsBody {
  readonly ids: readonly string[];
  readonly tags: {
    readonly tags_to_add: readonly string[];
    readonly tags_to_remove: readonly string[];
  };
}

/** `POST …/alerts/_assignees`: Kibana's `POST /api/detection_engine/signals/assignees` body. */
export interface SetAlertAssigneesBody {
  readonly ids: readonly string[];
  readonly assignees: { readonly add: readonly string[]; readonly remove: readonly string[] };
}

/** How many of the named alerts exist and were updated (ids of no alert are skipped). */
export interface AlertsUpdated {
  readonly updated: number;
}

export interface AlertNotes {
  readonly notes: readonly AlertNote[];
}

export interface AddedAlertNote {
  readonly note: AlertNote;
}

export interface DeletedAlertNote {
  readonly deleted: string;
}
