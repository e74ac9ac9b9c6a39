/**
 * "Upload events" (standalone server only): NDJSON files of Elastic Defend events into the store,
 * each file's bytes sent as it goes, then what was stored, skipped as a duplicate or rejected,
 * and why, line by line.
 */
import { useState } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiFilePicker,
  EuiFlexGroup,
  EuiFlexItem,
  EuiSpacer,
  EuiText,
} from '@elastic/eui';
import type { ApiClient } from '../../api_client';
import { UploadCancelledError, type EventUploader } from '../../event_uploader';
import type { AppNavigation } from '../../navigation';
import { FileProgressList } from './file_progress_list';
import { describeUploadFailure } from './upload_failure';
import { uploadReport } from './upload_report';
import { UploadReportPanel } from './upload_report_panel';
import { useEventUpload, type FileUpload } from './use_event_upload';

export const ACCEPTED_FILES = '.ndjson,.jsonl,.json,application/x-ndjson,application/json';

export interface UploadPageProps {
  readonly api: ApiClient;
  readonly navigation: AppNavigation;
  readonly uploader: EventUploader;
}

const Failure = ({ file, index }: { readonly file: FileUpload; readonly index: number }) => {
  if (file.error === undefined) return null;
  const failure = describeUploadFailure(file.name, file.error);
  const cancelled = file.error instanceof UploadCancelledError;
  return (
    <>
      <EuiCallOut
        title={failure.title}
        color={cancelled ? 'warning' : 'danger'}
        iconType={cancelled ? 'warning' : 'error'}
        role="alert"
        data-test-subj={`ctdUploadFailure-${index}`}
      >
        <p>{failure.body}</p>
      </EuiCallOut>
      <EuiSpacer size="m" />
    </>
  );
};

const Intro = () => (
  <EuiText size="s">
    <p>
      Add Elastic Defend events to the store: NDJSON files, one JSON event per line, each with an
      @timestamp. Events already stored are skipped as duplicates; a bad line is rejected with its
      line number and the reason, and the lines around it are kept. Enabled rules see the new events
      on their next run.
    </p>
  </EuiText>
);

export const UploadPage = ({ api, navigation, uploader }: UploadPageProps) => {
  const [chosen, setChosen] = useState<readonly File[]>([]);
  const upload = useEventUpload(uploader);
  const summaries = upload.files.flatMap((file) => (file.summary ? [file.summary] : []));

  return (
    <div data-test-subj="ctdUploadPage">
      <Intro />
      <EuiSpacer size="m" />
      <EuiFilePicker
        multiple
        display="large"
        accept={ACCEPTED_FILES}
        initialPromptText="Select or drag and drop NDJSON files"
        disabled={upload.running}
        onChange={(files) => setChosen(files ? Array.from(files) : [])}
        aria-label="NDJSON files of events"
        data-test-subj="ctdUploadFilePicker"
      />
      <EuiSpacer size="m" />
      <EuiFlexGroup gutterSize="s" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiButton
            fill
            iconType="importAction"
            isDisabled={chosen.length === 0 || upload.running}
            isLoading={upload.running}
            onClick={() => upload.start(chosen)}
            data-test-subj="ctdUploadStart"
          >
            {chosen.length > 1 ? `Upload ${chosen.length} files` : 'Upload'}
          </EuiButton>
        </EuiFlexItem>
        {upload.running ? (
          <EuiFlexItem grow={false}>
            <EuiButton color="danger" onClick={upload.cancel} data-test-subj="ctdUploadCancel">
              Cancel
            </EuiButton>
          </EuiFlexItem>
        ) : null}
      </EuiFlexGroup>
      {upload.files.length > 0 ? (
        <>
          <EuiSpacer size="m" />
          <FileProgressList files={upload.files} />
        </>
      ) : null}
      <EuiSpacer size="m" />
      {upload.files.map((file, index) => (
        <Failure key={`${index}:${file.name}`} file={file} index={index} />
      ))}
      {!upload.running && summaries.length > 0 ? (
        <UploadReportPanel report={uploadReport(summaries)} api={api} navigation={navigation} />
      ) : null}
    </div>
  );
};
