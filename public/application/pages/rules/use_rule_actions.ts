/**
 * Install / enable / disable / run-now for catalog rules, shared by the rules list and the rule
 * details page: calls the API, reports the outcome in a toast and hands the updated summaries back
 * through `onRulesChanged` (full list after an install) or `onRuleChanged` (one rule otherwise).
 * `pending` holds the rule_ids with a call in flight (`ALL_RULES` for "Install all"), so their
 * controls can be disabled and show progress.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ApiClient, RuleSummary } from '../../api_client';
import { toError } from '../../components/use_api_call';
import { useToasts } from '../../components/toasts';
import { useEventUploadAvailable } from '../../components/event_loading';

export const ALL_RULES = '*';

export interface RuleActions {
  readonly pending: ReadonlySet<string>;
  /** Installs one rule, or every not yet installed rule when `rule` is omitted. */
  install(rule?: RuleSummary): Promise<void>;
  setEnabled(rule: RuleSummary, enabled: boolean): Promise<void>;
  runNow(rule: RuleSummary): Promise<void>;
}

export interface RuleActionCallbacks {
  readonly onRulesChanged: (rules: RuleSummary[]) => void;
  readonly onRuleChanged: (rule: RuleSummary) => void;
}

/** Where the warning for index patterns that match nothing begins (Security's wording). */
const NO_INDEX_MATCHING = 'however no index matching';
/** Where events come from on each host (see components/event_loading.tsx). */
const LOAD_EVENTS_HINT = {
  upload:
    'No stored events match its index patterns: load NDJSON events on the Upload events page (or with `ctd ingest <file>` while the server is stopped), then run the rule again.',
  fleet:
    "No events match its index patterns: check that Elastic Defend (added to an agent policy in Fleet) sends process events to them, or load a file with Kibana's file upload into an index they match, then run the rule again.",
} as const;

export const runOutcome = (rule: RuleSummary, uploadAvailable = false): string => {
  const run = rule.last_run;
  if (run === null) return 'The rule has not reported a run yet.';
  const alerts = `${run.alerts_created} new alert${run.alerts_created === 1 ? '' : 's'}`;
  const hint = run.message?.includes(NO_INDEX_MATCHING)
    ? ` ${LOAD_EVENTS_HINT[uploadAvailable ? 'upload' : 'fleet']}`
    : '';
  return `Status: ${run.status}; ${alerts}${run.message ? `. ${run.message}` : ''}${hint}`;
};

/** A run that succeeded is a success; one that warned is shown as a warning, never in green. */
export const runSucceeded = (rule: RuleSummary): boolean => rule.last_run?.status === 'succeeded';

export const useRuleActions = (api: ApiClient, callbacks: RuleActionCallbacks): RuleActions => {
  const toasts = useToasts();
  const uploadAvailable = useEventUploadAvailable();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  // Read when a call returns, so the callbacks of the latest render are used.
  const callbacksRef = useRef(callbacks);
  useLayoutEffect(() => {
    callbacksRef.current = callbacks;
  });

  const track = useCallback(
    async (key: string, errorTitle: string, action: () => Promise<void>): Promise<void> => {
      setPending((current) => new Set(current).add(key));
      try {
        await action();
      } catch (error) {
        toasts.error(errorTitle, toError(error));
      } finally {
        setPending((current) => {
          const next = new Set(current);
          next.delete(key);
          return next;
        });
      }
    },
    [toasts]
  );

  const install = useCallback(
    (rule?: RuleSummary) =>
      track(
        rule?.rule_id ?? ALL_RULES,
        rule ? `Could not install "${rule.name}"` : 'Could not install the rules',
        async () => {
          const rules = await api.installRules(rule ? [rule.rule_id] : undefined);
          callbacksRef.current.onRulesChanged(rules);
          toasts.success(
            rule ? `Installed "${rule.name}"` : 'Installed all prebuilt rules',
            'Enable a rule to start detecting.'
          );
        }
      ),
    [api, toasts, track]
  );

  const setEnabled = useCallback(
    (rule: RuleSummary, enabled: boolean) =>
      track(
        rule.rule_id,
        `Could not ${enabled ? 'enable' : 'disable'} "${rule.name}"`,
        async () => {
          callbacksRef.current.onRuleChanged(await api.setRuleEnabled(rule.rule_id, enabled));
          toasts.success(`${enabled ? 'Enabled' : 'Disabled'} "${rule.name}"`);
        }
      ),
    [api, toasts, track]
  );

  const runNow = useCallback(
    (rule: RuleSummary) =>
      track(rule.rule_id, `Could not run "${rule.name}"`, async () => {
        const updated = await api.runRule(rule.rule_id);
        callbacksRef.current.onRuleChanged(updated);
        if (runSucceeded(updated))
          toasts.success(`Ran "${rule.name}"`, runOutcome(updated, uploadAvailable));
        else
          toasts.warning(
            updated.last_run?.status === 'failed'
              ? `"${rule.name}" failed`
              : `Ran "${rule.name}" with warnings`,
            runOutcome(updated, uploadAvailable)
          );
      }),
    [api, toasts, track, uploadAvailable]
  );

  return { pending, install, setEnabled, runNow };
};

/** Replaces one rule in a list by rule_id. */
export const withRule = (
  rules: readonly RuleSummary[] | undefined,
  rule: RuleSummary
): RuleSummary[] =>
  (rules ?? []).map((existing) => (existing.rule_id === rule.rule_id ? rule : existing));
