/** One row per chosen file: its name, a progress bar of the bytes sent, and where it stands. */
import {
  EuiFlexGroup,
  EuiFlexItem,
  EuiHealth,
  EuiPanel,
  EuiProgress,
  EuiSpacer,
  EuiText,
} from '@elastic/eui';
import { formatBytes } from './format_bytes';
import type { FileUpload, FileUploadStatus } from './use_event_upload';

const STATUS_LABELS: Readonly<Record<FileUploadStatus, string>> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  done: 'Uploaded',
  failed: 'Failed',
  skipped: 'Not sent',
};

const STATUS_COLORS: Readonly<Record<FileUploadStatus, string>> = {
  waiting: 'subdued',
  uploading: 'primary',
  done: 'success',
  failed: 'danger',
  skipped: 'subdued',
};

const FileRow = ({ file, index }: { readonly file: FileUpload; readonly index: number }) => (
  <div data-test-subj={`ctdUploadFile-${index}`}>
    <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
      <EuiFlexItem>
        <EuiText size="s">
          <strong data-test-subj="ctdUploadFileName">{file.name}</strong>
        </EuiText>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiText size="xs" color="subdued" data-test-subj="ctdUploadFileBytes" aria-live="polite">
          {`${formatBytes(file.sent)} of ${formatBytes(file.size)} sent`}
        </EuiText>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiHealth color={STATUS_COLORS[file.status]} data-test-subj="ctdUploadFileStatus">
          {STATUS_LABELS[file.status]}
        </EuiHealth>
      </EuiFlexItem>
    </EuiFlexGroup>
    <EuiSpacer size="xs" />
    <EuiProgress
      size="s"
      color={file.status === 'failed' ? 'danger' : 'primary'}
      value={file.sent}
      max={Math.max(file.size, 1)}
      aria-label={`Bytes of ${file.name} sent`}
    />
  </div>
);

export const FileProgressList = ({ files }: { readonly files: readonly FileUpload[] }) => (
  <EuiPanel hasBorder data-test-subj="ctdUploadProgress">
    {files.map((file, index) => (
      <div key={`${index}:${file.name}`}>
        {index > 0 ? <EuiSpacer size="m" /> : null}
        <FileRow file={file} index={index} />
      </div>
    ))}
  </EuiPanel>
);
