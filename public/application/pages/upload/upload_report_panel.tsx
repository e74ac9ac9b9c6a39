/**
 * The outcome of an upload: stored, duplicate and rejected counts over every file sent, the
 * rejected lines (file, line number, reason; paged) with their download, and the way on: run the
 * rules over the new events, or open the alerts.
 */
import {
  EuiButton,
  EuiButtonEmpty,
  EuiFlexGroup,
  EuiFlexItem,
  EuiInMemoryTable,
  EuiPanel,
  EuiSpacer,
  EuiStat,
  EuiText,
  EuiTitle,
  type EuiBasicTableColumn,
} from '@elastic/eui';
import type { RejectedEventLine } from '../../../../common/api/event_upload';
import type { ApiClient } from '../../api_client';
import { appLinkProps } from '../../components/app_link';
import { downloadText } from '../../components/download';
import { alertsPath, rulesPath, type AppNavigation } from '../../navigation';
import { RunRulesButton } from './run_rules_button';
import { rejectedLinesCsv, rejectedLinesNdjson, type UploadReport } from './upload_report';

const PAGE_SIZES = [10, 25, 50];
const number = (n: number): string => n.toLocaleString('en-US');
const REPORT_FILE = 'upload_report';

interface RejectedRow extends RejectedEventLine {
  readonly id: number;
}

const COLUMNS: Array<EuiBasicTableColumn<RejectedRow>> = [
  { field: 'file', name: 'File', width: '25%', truncateText: true },
  { field: 'line', name: 'Line', width: '10%', dataType: 'number' },
  // A reason quotes the line's own text: EUI renders the field as text, never as markup.
  { field: 'reason', name: 'Reason' },
];

const Counts = ({ report }: { readonly report: UploadReport }) => (
  <EuiFlexGroup responsive={false} data-test-subj="ctdUploadCounts">
    <EuiFlexItem grow={false}>
      <EuiStat
        title={number(report.stored)}
        description="Stored"
        titleSize="m"
        data-test-subj="ctdUploadStored"
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <EuiStat
        title={number(report.duplicates)}
        description="Duplicates (already stored)"
        titleSize="m"
        data-test-subj="ctdUploadDuplicates"
      />
    </EuiFlexItem>
    <EuiFlexItem grow={false}>
      <EuiStat
        title={number(report.rejectedCount)}
        description="Rejected lines"
        titleSize="m"
        titleColor={report.rejectedCount > 0 ? 'danger' : 'default'}
        data-test-subj="ctdUploadRejected"
      />
    </EuiFlexItem>
  </EuiFlexGroup>
);

const RejectedLines = ({ report }: { readonly report: UploadReport }) => {
  const rows = report.rejected.map((line, id) => ({ ...line, id }));
  const unlisted = report.rejectedCount - report.rejected.length;
  return (
    <>
      <EuiFlexGroup alignItems="center" responsive={false}>
        <EuiFlexItem>
          <EuiTitle size="xs">
            <h3>Rejected lines</h3>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            size="s"
            iconType="download"
            onClick={() => downloadText(`${REPORT_FILE}.csv`, rejectedLinesCsv(report), 'text/csv')}
            data-test-subj="ctdUploadReportCsv"
          >
            Download report (CSV)
          </EuiButtonEmpty>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            size="s"
            iconType="download"
            onClick={() => downloadText(`${REPORT_FILE}.ndjson`, rejectedLinesNdjson(report))}
            data-test-subj="ctdUploadReportNdjson"
          >
            Download report (NDJSON)
          </EuiButtonEmpty>
        </EuiFlexItem>
      </EuiFlexGroup>
      {unlisted > 0 ? (
        <EuiText size="s" color="subdued" data-test-subj="ctdUploadUnlisted">
          <p>
            The server lists the first 1,000 rejected lines of each file; {number(unlisted)} more
            were rejected. Fix the listed ones and upload the file again.
          </p>
        </EuiText>
      ) : null}
      <EuiInMemoryTable<RejectedRow>
        items={rows}
        itemId="id"
        columns={COLUMNS}
        pagination={{ pageSizeOptions: PAGE_SIZES, initialPageSize: PAGE_SIZES[0] }}
        tableCaption="Rejected lines of the uploaded files"
        data-test-subj="ctdRejectedLines"
      />
    </>
  );
};

export interface UploadReportPanelProps {
  readonly report: UploadReport;
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
}

export const UploadReportPanel = ({ report, api, navigation }: UploadReportPanelProps) => (
  <EuiPanel hasBorder data-test-subj="ctdUploadReport">
    <EuiTitle size="s">
      <h2>Report</h2>
    </EuiTitle>
    <EuiSpacer size="m" />
    <Counts report={report} />
    {report.rejectedCount > 0 ? (
      <>
        <EuiSpacer size="l" />
        <RejectedLines report={report} />
      </>
    ) : null}
    <EuiSpacer size="l" />
    <EuiFlexGroup gutterSize="s" responsive={false} wrap>
      {report.stored > 0 ? (
        <EuiFlexItem grow={false}>
          <RunRulesButton api={api} />
        </EuiFlexItem>
      ) : null}
      <EuiFlexItem grow={false}>
        <EuiButton {...appLinkProps(navigation, alertsPath())} data-test-subj="ctdUploadToAlerts">
          Open the alerts
        </EuiButton>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiButtonEmpty
          {...appLinkProps(navigation, rulesPath())}
          data-test-subj="ctdUploadToRules"
        >
          Open the rules
        </EuiButtonEmpty>
      </EuiFlexItem>
    </EuiFlexGroup>
  </EuiPanel>
);
