/**
 * Changes the tags or assignees of alerts through the API and reports the outcome as a toast;
 * `onChanged` runs after every successful change so the caller can reload what it shows.
 */
import { useCallback, useState } from 'react';
import type { WorkflowListChange } from '../../../../../common/alerts/alert_annotations';
import type { ApiClient } from '../../../api_client';
import { useToasts } from '../../../components/toasts';
import { toError } from '../../../components/use_api_call';

export type AnnotatedList = 'tags' | 'assignees';

export interface Annotations {
  readonly busy: boolean;
  readonly change: (
    list: AnnotatedList,
    ids: readonly string[],
    change: WorkflowListChange
  ) => Promise<void>;
}

const alerts = (count: number): string => `${count} ${count === 1 ? 'alert' : 'alerts'}`;

const NAMES: Readonly<Record<AnnotatedList, string>> = { tags: 'tags', assignees: 'assignees' };

export const useAnnotations = (api: ApiClient, onChanged: () => void): Annotations => {
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();

  const change = useCallback(
    async (list: AnnotatedList, ids: readonly string[], edit: WorkflowListChange) => {
      if (ids.length === 0) return;
      setBusy(true);
      try {
        const updated =
          list === 'tags'
            ? await api.setAlertTags(ids, edit)
            : await api.setAlertAssignees(ids, edit);
        toasts.success(`Updated the ${NAMES[list]} of ${alerts(updated)}`);
        onChanged();
      } catch (error) {
        toasts.error(
          `Could not update the ${NAMES[list]} of ${alerts(ids.length)}`,
          toError(error)
        );
      } finally {
        setBusy(false);
      }
    },
    [api, onChanged, toasts]
  );

  return { busy, change };
};
