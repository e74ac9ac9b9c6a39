/**
 * "Run rules now" after an upload: one run of every enabled rule (as each rule's own "Run now"
 * does, with its toast), so the new events are checked without waiting for the schedule.
 */
import { useState } from 'react';
import { EuiButton } from '@elastic/eui';
import type { ApiClient } from '../../api_client';
import { useToasts } from '../../components/toasts';
import { toError } from '../../components/use_api_call';
import { useRuleActions } from '../rules/use_rule_actions';

const IGNORE_CHANGES = { onRulesChanged: () => undefined, onRuleChanged: () => undefined };

export const RunRulesButton = ({ api }: { readonly api: ApiClient }) => {
  const toasts = useToasts();
  const actions = useRuleActions(api, IGNORE_CHANGES);
  const [running, setRunning] = useState(false);

  const runAll = async () => {
    setRunning(true);
    try {
      const enabled = (await api.listRules()).filter((rule) => rule.installed && rule.enabled);
      if (enabled.length === 0)
        toasts.warning('No rule is enabled', 'Enable a rule on the Rules page, then run it.');
      for (const rule of enabled) await actions.runNow(rule);
    } catch (error) {
      toasts.error('Could not list the rules', toError(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <EuiButton
      iconType="play"
      isLoading={running}
      onClick={() => void runAll()}
      data-test-subj="ctdUploadRunRules"
    >
      Run rules now
    </EuiButton>
  );
};
