/**
 * Writing rules from the rules list (standalone only: inside Kibana rules are created, imported
 * and exported in Security → Rules): create a rule, import a rule file, export every installed
 * rule as the NDJSON Kibana's import takes.
 */
import { useState } from 'react';
import { EuiButton, EuiButtonEmpty, EuiFlexGroup, EuiFlexItem } from '@elastic/eui';
import type { ApiClient } from '../../api_client';
import { downloadText } from '../../components/download';
import { useToasts } from '../../components/toasts';
import { toError } from '../../components/use_api_call';
import { rulePath, type AppNavigation } from '../../navigation';
import { LazyRuleFormFlyout, LazyRuleImportFlyout } from './rule_form/lazy_flyouts';

/** Kibana's name for a rule export file. */
export const EXPORT_FILE_NAME = 'rules_export.ndjson';

export interface RulesToolbarProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  /** Called after rules were added or replaced, so the list is read again. */
  readonly onRulesChanged: () => void;
}

export const RulesToolbar = ({ api, navigation, onRulesChanged }: RulesToolbarProps) => {
  const toasts = useToasts();
  const [open, setOpen] = useState<'create' | 'import' | undefined>(undefined);
  const [exporting, setExporting] = useState(false);

  const exportAll = async () => {
    setExporting(true);
    try {
      downloadText(EXPORT_FILE_NAME, await api.exportRules());
      toasts.success(
        'Rules exported',
        `Saved as ${EXPORT_FILE_NAME}; Kibana's rule import takes it.`
      );
    } catch (error) {
      toasts.error('Could not export the rules', toError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <EuiFlexGroup gutterSize="s" justifyContent="flexEnd" responsive={false} wrap>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            iconType="exportAction"
            isLoading={exporting}
            onClick={() => void exportAll()}
            data-test-subj="ctdExportRules"
          >
            Export rules
          </EuiButtonEmpty>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            iconType="importAction"
            onClick={() => setOpen('import')}
            data-test-subj="ctdImportRules"
          >
            Import rules
          </EuiButtonEmpty>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButton
            fill
            iconType="plusInCircle"
            onClick={() => setOpen('create')}
            data-test-subj="ctdCreateRule"
          >
            Create rule
          </EuiButton>
        </EuiFlexItem>
      </EuiFlexGroup>
      {open === 'create' ? (
        <LazyRuleFormFlyout
          api={api}
          onClose={() => setOpen(undefined)}
          onSaved={(rule) => {
            setOpen(undefined);
            toasts.success(`Created "${rule.name}"`);
            navigation.navigate(rulePath(rule.rule_id));
          }}
        />
      ) : null}
      {open === 'import' ? (
        <LazyRuleImportFlyout
          api={api}
          onClose={() => setOpen(undefined)}
          onImported={onRulesChanged}
        />
      ) : null}
    </>
  );
};
