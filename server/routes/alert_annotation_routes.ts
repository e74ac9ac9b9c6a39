/**
 * Routes of what analysts add to alerts: tags and assignees (Kibana's
 * `POST /api/detection_engine/signals/tags` and `…/signals/assignees`, same bodies and checks) and
 * notes, kept with the alert under `container_threat_detection.notes`.
 */
import { randomUUID } from 'crypto';
import { z } from 'zod';
import {
  MAX_ANNOTATED_ALERTS,
  MAX_ASSIGNEE_CHARS,
  MAX_LIST_CHANGE_VALUES,
  MAX_NOTE_CHARS,
  MAX_NOTES_PER_ALERT,
  MAX_TAG_CHARS,
  type AlertNote,
  type WorkflowListChange,
  type WorkflowListField,
} from '../../common/alerts/alert_annotations';
import * as F from '../../common/alerts/field_names';
import type {
  AddedAlertNote,
  AlertNotes,
  AlertsUpdated,
  DeletedAlertNote,
} from '../../common/api/alert_annotations_api';
import { addNote, listNotes, removeNote } from '../alerts/alert_note_edits';
import { hasLoneSurrogate } from '../unicode_text';
import {
  API_BASE_PATH,
  conflict,
  defineRoute,
  notFound,
  ok,
  type ApiRoute,
  type ApiServices,
} from './api_types';
import { alertId, quoted } from './request_values';

const C0_END = 0x1f;
const DELETE_CHAR = 0x7f;
const C1_END = 0x9f;
/** Line breaks and tabs: what a multi-line note may hold of the control characters. */
const NOTE_WHITESPACE: ReadonlySet<string> = new Set(['\n', '\r', '\t']);

const isControl = (char: string): boolean => {
  const code = char.codePointAt(0) ?? 0;
  return code <= C0_END || (code >= DELETE_CHAR && code <= C1_END);
};

const textProblem = (
  name: string,
  value: string,
  maxChars: number,
  allowed: ReadonlySet<string>
): string | undefined => {
  // Kibana's values are `z.string().min(1).superRefine(isNonEmptyString)`: not blank
  // (src/platform/packages/shared/kbn-zod-helpers/v4/non_empty_string.ts).
  if (value.trim().length === 0) return `${name} must not be empty or blank`;
  if (value.length > maxChars)
    return `${name} is at most ${maxChars} characters (got ${value.length})`;
  if (hasLoneSurrogate(value))
    return `${name} must be well-formed Unicode text (it holds a lone surrogate)`;
  return [...value].some((char) => isControl(char) && !allowed.has(char))
    ? `${name} must not hold control characters (got ${quoted(value)})`
    : undefined;
};

/** Bounded, well-formed, printable text. */
const text = (name: string, maxChars: number, allowed: ReadonlySet<string> = new Set()) =>
  z.unknown().transform((value, ctx): string => {
    const problem =
      typeof value === 'string'
        ? textProblem(name, value, maxChars, allowed)
        : `${name} must be a string (got ${quoted(value)})`;
    if (typeof value === 'string' && problem === undefined) return value;
    ctx.addIssue({ code: 'custom', message: problem ?? name });
    return z.NEVER;
  });

const valueList = (name: string, maxChars: number) =>
  z
    .array(text(name, maxChars), { error: `${name} must be a list of strings` })
    .max(MAX_LIST_CHANGE_VALUES, {
      error: `${name} holds at most ${MAX_LIST_CHANGE_VALUES} values`,
    });

/**
 * Kibana's `AlertIds`: at least one (x-pack/solutions/security/plugins/security_solution/common/api/model/alert.gen.ts;
 * …/server/lib/detection_engine/routes/signals/helpers.ts NO_IDS_VALIDATION_ERROR).
 */
const alertIds = z
  .array(alertId('ids'), { error: 'ids must be a list of alert ids' })
  .min(1, { error: 'ids must name at least one alert' })
  .max(MAX_ANNOTATED_ALERTS, { error: `ids names at most ${MAX_ANNOTATED_ALERTS} alerts` });

/** The values both added and removed, which Kibana refuses in one request. */
const bothWays = (change: WorkflowListChange): string[] =>
  change.add.filter((value) => change.remove.includes(value));

/**
 * Kibana: SetAlertTagsBody (…/common/api/detection_engine/model/set_alert_tags_body.gen.ts), both
 * lists required; a tag both added and removed is a 400 with validateAlertTagsArrays' message
 * (…/server/lib/detection_engine/routes/signals/helpers.ts, translations.ts).
 */
const tagsBody = z.strictObject({
  ids: alertIds,
  tags: z
    .strictObject({
      tags_to_add: valueList('tags_to_add', MAX_TAG_CHARS),
      tags_to_remove: valueList('tags_to_remove', MAX_TAG_CHARS),
    })
    .superRefine((tags, ctx) => {
      const duplicates = bothWays({ add: tags.tags_to_add, remove: tags.tags_to_remove });
      if (duplicates.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate tags ${JSON.stringify(duplicates)} were found in the tags_to_add and tags_to_remove parameters.`,
        });
    }),
});

/**
 * Kibana: SetAlertAssigneesBody (…/common/api/detection_engine/model/set_alert_assignees_body.gen.ts)
 * and validateAlertAssigneesArrays (…/routes/signals/helpers.ts). Kibana's values are user profile
 * uids; standalone, user names.
 */
const assigneesBody = z.strictObject({
  ids: alertIds,
  assignees: z
    .strictObject({
      add: valueList('add', MAX_ASSIGNEE_CHARS),
      remove: valueList('remove', MAX_ASSIGNEE_CHARS),
    })
    .superRefine((assignees, ctx) => {
      const duplicates = bothWays(assignees);
      if (duplicates.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate assignees ${JSON.stringify(duplicates)} were found in the add and remove parameters.`,
        });
    }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const alertParams = z.strictObject({ id: alertId('id') });
const noteParams = z.strictObject({
  id: alertId('id'),
  note_id: z.string().regex(UUID, { error: 'note_id must be a UUID' }),
});
const noteBody = z.strictObject({ text: text('text', MAX_NOTE_CHARS, NOTE_WHITESPACE) });

const noSuchAlert = (id: string) => notFound(`No alert with id ${id}`);

const updateList = async (
  services: ApiServices,
  ids: readonly string[],
  field: WorkflowListField,
  change: WorkflowListChange
) => {
  const answer: AlertsUpdated = {
    updated: await services.alerts.updateWorkflowList(ids, field, change),
  };
  return ok(answer);
};

export const ALERT_ANNOTATION_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/alerts/_tags`,
    privilege: 'all',
    description: 'add and remove tags (kibana.alert.workflow_tags) on alerts by ids',
    validate: { body: tagsBody },
    handler: (services, { body }) =>
      updateList(services, body.ids, F.ALERT_WORKFLOW_TAGS, {
        add: body.tags.tags_to_add,
        remove: body.tags.tags_to_remove,
      }),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/alerts/_assignees`,
    privilege: 'all',
    description: 'assign and unassign users (kibana.alert.workflow_assignee_ids) on alerts by ids',
    validate: { body: assigneesBody },
    handler: (services, { body }) =>
      updateList(services, body.ids, F.ALERT_WORKFLOW_ASSIGNEE_IDS, body.assignees),
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/alerts/{id}/_notes`,
    privilege: 'read',
    description: "an alert's notes, oldest first",
    validate: { params: alertParams },
    handler: async (services, { params }) => {
      const read = await services.alerts.editNotes(params.id, listNotes);
      if (read === undefined) return noSuchAlert(params.id);
      const answer: AlertNotes = { notes: read.result };
      return ok(answer);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/alerts/{id}/_notes`,
    privilege: 'all',
    description: 'add a plain-text note to an alert, by the requesting user',
    validate: { params: alertParams, body: noteBody },
    handler: async (services, { params, body }) => {
      const note: AlertNote = {
        id: randomUUID(),
        text: body.text,
        author: services.user,
        created_at: new Date().toISOString(),
      };
      const edited = await services.alerts.editNotes(params.id, addNote(note));
      if (edited === undefined) return noSuchAlert(params.id);
      if ('full' in edited.result)
        return conflict(`Alert ${params.id} already holds ${MAX_NOTES_PER_ALERT} notes`);
      const answer: AddedAlertNote = { note: edited.result.added };
      return ok(answer);
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: `${API_BASE_PATH}/alerts/{id}/_notes/{note_id}`,
    privilege: 'all',
    description: 'delete one note of an alert',
    validate: { params: noteParams },
    handler: async (services, { params }) => {
      const edited = await services.alerts.editNotes(params.id, removeNote(params.note_id));
      if (edited === undefined) return noSuchAlert(params.id);
      if (!edited.result) return notFound(`Alert ${params.id} has no note ${params.note_id}`);
      const answer: DeletedAlertNote = { deleted: params.note_id };
      return ok(answer);
    },
  }),
];
