/**
 * Changes the workflow status of alerts through the API and reports the outcome as a toast;
 * `onChanged` runs after every successful change so the caller can reload what it shows.
 */
import { useCallback, useState } from 'react';
import type { ApiClient } from '../../../api_client';
import { toError } from '../../../components/use_api_call';
import { useToasts } from '../../../components/toasts';
import type { ClosingReason, WorkflowStatus } from '../../../../../common/alerts/workflow_status';
import { humanize } from '../shared/format';

export interface Triage {
  readonly busy: boolean;
  readonly setStatus: (
    ids: readonly string[],
    status: WorkflowStatus,
    reason?: ClosingReason
  ) => Promise<void>;
}

const VERBS: Readonly<Record<WorkflowStatus, string>> = {
  open: 'Reopened',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
};

const alerts = (count: number): string => `${count} ${count === 1 ? 'alert' : 'alerts'}`;

/** `Closed 2 alerts as false positive` and, when some were already in that status, how many. */
export const describeChange = (
  requested: number,
  updated: number,
  status: WorkflowStatus,
  reason?: ClosingReason
): { title: string; text?: string } => {
  const why = reason ? ` as ${humanize(reason).toLowerCase()}` : '';
  const skipped = requested - updated;
  return {
    title: `${VERBS[status]} ${alerts(updated)}${why}`,
    ...(skipped > 0
      ? { text: `${alerts(skipped)} ${skipped === 1 ? 'was' : 'were'} already ${status}.` }
      : {}),
  };
};

export const useTriage = (api: ApiClient, onChanged: () => void): Triage => {
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();

  const setStatus = useCallback(
    async (ids: readonly string[], status: WorkflowStatus, reason?: ClosingReason) => {
      if (ids.length === 0) return;
      setBusy(true);
      try {
        const updated = await api.setAlertStatus(ids, status, reason);
        const { title, text } = describeChange(ids.length, updated, status, reason);
        toasts.success(title, text);
        onChanged();
      } catch (error) {
        toasts.error(`Could not update ${alerts(ids.length)}`, toError(error));
      } finally {
        setBusy(false);
      }
    },
    [api, onChanged, toasts]
  );

  return { busy, setStatus };
};
