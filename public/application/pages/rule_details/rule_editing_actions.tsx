/**
 * Edit and delete an installed rule from its details page (standalone only). Editing a prebuilt
 * rule makes it a custom rule under the same rule_id; deleting a custom rule removes it, deleting
 * a prebuilt one uninstalls it (it can be installed again). Both ask before they act.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiButtonEmpty,
  EuiConfirmModal,
  EuiFlexGroup,
  EuiFlexItem,
} from '@elastic/eui';
import type { ApiClient, RuleSummary } from '../../api_client';
import { useToasts } from '../../components/toasts';
import { toError } from '../../components/use_api_call';
import { rulesPath, type AppNavigation } from '../../navigation';
import { LazyRuleFormFlyout } from '../rules/rule_form/lazy_flyouts';

export interface RuleEditingActionsProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly rule: RuleSummary;
  /** The rule in Kibana's form, what the edit form starts from. */
  readonly kibana: Readonly<Record<string, unknown>>;
  /** Called after the rule was saved, so the page reads it again. */
  readonly onSaved: () => void;
}

export const RuleEditingActions = ({
  api,
  navigation,
  rule,
  kibana,
  onSaved,
}: RuleEditingActionsProps) => {
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const custom = rule.source === 'user';

  const remove = async () => {
    setDeleting(true);
    try {
      await api.deleteRule(rule.rule_id);
      toasts.success(custom ? `Deleted "${rule.name}"` : `Uninstalled "${rule.name}"`);
      navigation.navigate(rulesPath());
    } catch (error) {
      toasts.error(`Could not delete "${rule.name}"`, toError(error));
      setDeleting(false);
      setConfirmingDelete(false);
    }
  };

  return (
    <>
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButton
            size="s"
            iconType="pencil"
            onClick={() => setEditing(true)}
            data-test-subj="ctdEditRule"
          >
            Edit rule
          </EuiButton>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            size="s"
            color="danger"
            iconType="trash"
            onClick={() => setConfirmingDelete(true)}
            data-test-subj="ctdDeleteRule"
          >
            {custom ? 'Delete rule' : 'Uninstall rule'}
          </EuiButtonEmpty>
        </EuiFlexItem>
      </EuiFlexGroup>
      {editing ? (
        <LazyRuleFormFlyout
          api={api}
          editing={{ ruleId: rule.rule_id, kibana }}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            toasts.success(`Saved "${saved.name}"`);
            onSaved();
          }}
        />
      ) : null}
      {confirmingDelete ? (
        <EuiConfirmModal
          title={custom ? `Delete "${rule.name}"?` : `Uninstall "${rule.name}"?`}
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={() => void remove()}
          cancelButtonText="Keep the rule"
          confirmButtonText={custom ? 'Delete rule' : 'Uninstall rule'}
          buttonColor="danger"
          isLoading={deleting}
          data-test-subj="ctdDeleteRuleModal"
        >
          <p>
            {custom
              ? 'The rule and its run history are removed. Its alerts stay; export the rule first to keep a copy.'
              : 'The prebuilt rule and its run history are removed; it can be installed again from the rules list. Its alerts stay.'}
          </p>
        </EuiConfirmModal>
      ) : null}
    </>
  );
};
