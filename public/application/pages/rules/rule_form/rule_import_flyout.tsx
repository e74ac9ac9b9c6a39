/**
 * Import rules from a file: a Security → Rules export (NDJSON), a rule object or array (JSON), or
 * a detection-rules rule (TOML). The server reads the file as Kibana's import does and answers per
 * line; every line's outcome is listed, so a skipped connector or a refused rule is visible.
 */
import { useState } from 'react';
import {
  EuiBadge,
  EuiBasicTable,
  EuiButton,
  EuiButtonEmpty,
  EuiCallOut,
  EuiFilePicker,
  EuiFlexGroup,
  EuiFlexItem,
  EuiFlyout,
  EuiFlyoutBody,
  EuiFlyoutFooter,
  EuiFlyoutHeader,
  EuiFormRow,
  EuiSpacer,
  EuiSwitch,
  EuiText,
  EuiTitle,
  useGeneratedHtmlId,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { ApiClient, RuleImportAnswer, RuleImportResult } from '../../../api_client';
import { errorMessage } from '../../../components/page_state';
import { toError } from '../../../components/use_api_call';

export interface RuleImportFlyoutProps {
  readonly api: ApiClient;
  readonly onClose: () => void;
  /** Called after an import that stored at least one rule. */
  readonly onImported: () => void;
}

const STATUS_COLORS: Readonly<Record<RuleImportResult['status'], string>> = {
  created: 'success',
  updated: 'success',
  skipped: 'default',
  conflict: 'warning',
  invalid: 'danger',
};

const COLUMNS: ReadonlyArray<EuiBasicTableColumn<RuleImportResult>> = [
  { field: 'line', name: 'Line', width: '60px' },
  {
    name: 'Rule or exception',
    render: (result: RuleImportResult) =>
      result.kind === 'rule'
        ? (result.rule_id ?? '—')
        : `${result.kind === 'exception_list' ? 'list' : 'item'} ${result.exception_id ?? '—'}`,
  },
  {
    field: 'status',
    name: 'Outcome',
    width: '100px',
    render: (status: RuleImportResult['status']) => (
      <EuiBadge color={STATUS_COLORS[status]}>{status}</EuiBadge>
    ),
  },
  {
    field: 'messages',
    name: 'Details',
    render: (messages: readonly string[]) => messages.join('; '),
  },
];

const summaryOf = (answer: RuleImportAnswer): string => {
  const skipped = answer.results.filter((result) => result.status === 'skipped').length;
  const exceptions = answer.exceptions_success_count;
  const refused = answer.errors_count + answer.exceptions_errors_count;
  const parts = [
    `${answer.success_count} rule${answer.success_count === 1 ? '' : 's'} imported`,
    // Kibana counts exception lists and items together as "exceptions".
    ...(exceptions > 0 ? [`${exceptions} exception${exceptions === 1 ? '' : 's'} imported`] : []),
    ...(refused > 0 ? [`${refused} refused`] : []),
    ...(skipped > 0 ? [`${skipped} line${skipped === 1 ? '' : 's'} skipped`] : []),
  ];
  return parts.join(', ');
};

export const RuleImportFlyout = ({ api, onClose, onImported }: RuleImportFlyoutProps) => {
  const [file, setFile] = useState<File | undefined>(undefined);
  const [overwrite, setOverwrite] = useState(false);
  const [importing, setImporting] = useState(false);
  const [answer, setAnswer] = useState<RuleImportAnswer | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const titleId = useGeneratedHtmlId({ prefix: 'ctdRuleImportTitle' });

  const runImport = async (chosen: File) => {
    setImporting(true);
    setFailure(undefined);
    try {
      const result = await api.importRuleFile(
        { name: chosen.name, content: await chosen.text() },
        { overwrite }
      );
      setAnswer(result);
      if (result.success_count + result.exceptions_success_count > 0) onImported();
    } catch (error) {
      setFailure(errorMessage(toError(error)));
    } finally {
      setImporting(false);
    }
  };

  return (
    <EuiFlyout
      ownFocus
      onClose={onClose}
      size="m"
      aria-labelledby={titleId}
      data-test-subj="ctdRuleImport"
    >
      <EuiFlyoutHeader hasBorder>
        <EuiTitle size="m">
          <h2 id={titleId}>Import rules</h2>
        </EuiTitle>
      </EuiFlyoutHeader>
      <EuiFlyoutBody>
        <EuiText size="s">
          <p>
            A Security → Rules export (.ndjson), rule objects as Kibana&apos;s API takes them
            (.json), or a detection-rules rule (.toml). Every new terms rule is imported with the
            exception lists and items it carries; other rule types, connectors and the export
            summary are listed as skipped.
          </p>
        </EuiText>
        <EuiSpacer size="m" />
        <EuiFormRow fullWidth label="Rule file">
          <EuiFilePicker
            fullWidth
            accept=".ndjson,.json,.toml"
            initialPromptText="Select or drag a rule file"
            onChange={(files) => {
              setFile(files?.[0] ?? undefined);
              setAnswer(undefined);
            }}
            data-test-subj="ctdRuleImportFile"
          />
        </EuiFormRow>
        <EuiFormRow fullWidth>
          <EuiSwitch
            label="Overwrite installed rules with the same rule_id"
            checked={overwrite}
            onChange={(event) => setOverwrite(event.target.checked)}
            data-test-subj="ctdRuleImportOverwrite"
          />
        </EuiFormRow>
        {failure === undefined ? null : (
          <EuiCallOut color="danger" iconType="error" title="The file was not imported">
            <p>{failure}</p>
          </EuiCallOut>
        )}
        {answer === undefined ? null : (
          <>
            <EuiCallOut
              color={answer.success ? 'success' : 'warning'}
              iconType={answer.success ? 'check' : 'warning'}
              title={summaryOf(answer)}
              data-test-subj="ctdRuleImportSummary"
            />
            <EuiSpacer size="m" />
            <EuiBasicTable
              tableCaption="What happened to each line of the file"
              items={[...answer.results]}
              columns={[...COLUMNS]}
              rowProps={(result) => ({ 'data-test-subj': `ctdRuleImportLine-${result.line}` })}
            />
          </>
        )}
      </EuiFlyoutBody>
      <EuiFlyoutFooter>
        <EuiFlexGroup justifyContent="spaceBetween" responsive={false}>
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty onClick={onClose} data-test-subj="ctdRuleImportClose">
              Close
            </EuiButtonEmpty>
          </EuiFlexItem>
          <EuiFlexItem grow={false}>
            <EuiButton
              fill
              isDisabled={file === undefined}
              isLoading={importing}
              onClick={() => {
                if (file !== undefined) void runImport(file);
              }}
              data-test-subj="ctdRuleImportSubmit"
            >
              Import
            </EuiButton>
          </EuiFlexItem>
        </EuiFlexGroup>
      </EuiFlyoutFooter>
    </EuiFlyout>
  );
};
