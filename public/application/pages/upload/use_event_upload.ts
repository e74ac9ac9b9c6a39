/**
 * Uploads the chosen files one after another, keeping each file's progress and outcome. One
 * request per file, so each file's rejected lines carry its own name and a file over the size limit
 * does not stop the others. `cancel` aborts the file in flight and skips the rest; leaving the
 * page cancels too.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventUploadSummary } from '../../../../common/api/event_upload';
import { toError } from '../../components/use_api_call';
import type { EventUploader } from '../../event_uploader';
import { stopsTheRest } from './upload_failure';

export type FileUploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'skipped';

export interface FileUpload {
  readonly name: string;
  readonly size: number;
  readonly sent: number;
  readonly status: FileUploadStatus;
  readonly summary?: EventUploadSummary;
  readonly error?: Error;
}

export interface EventUpload {
  readonly files: readonly FileUpload[];
  readonly running: boolean;
  readonly start: (files: readonly File[]) => void;
  /** Aborts the file in flight and skips the rest. */
  readonly cancel: () => void;
}

const waiting = (file: File): FileUpload => ({
  name: file.name,
  size: file.size,
  sent: 0,
  status: 'waiting',
});

export const useEventUpload = (uploader: EventUploader): EventUpload => {
  const [files, setFiles] = useState<readonly FileUpload[]>([]);
  const [running, setRunning] = useState(false);
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const update = useCallback((index: number, change: Partial<FileUpload>) => {
    setFiles((current) =>
      current.map((file, position) => (position === index ? { ...file, ...change } : file))
    );
  }, []);

  const uploadAll = useCallback(
    async (chosen: readonly File[], signal: AbortSignal) => {
      for (const [index, file] of chosen.entries()) {
        if (signal.aborted) {
          update(index, { status: 'skipped' });
          continue;
        }
        update(index, { status: 'uploading' });
        try {
          const summary = await uploader({
            file,
            name: file.name,
            signal,
            onProgress: ({ sent }) => update(index, { sent }),
          });
          update(index, { status: 'done', sent: file.size, summary });
        } catch (failure) {
          const error = toError(failure);
          update(index, { status: 'failed', error });
          if (stopsTheRest(error)) controller.current?.abort();
        }
      }
    },
    [uploader, update]
  );

  const start = useCallback(
    (chosen: readonly File[]) => {
      const run = new AbortController();
      controller.current = run;
      setFiles(chosen.map(waiting));
      setRunning(true);
      void uploadAll(chosen, run.signal).finally(() => {
        if (controller.current === run) setRunning(false);
      });
    },
    [uploadAll]
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { files, running, start, cancel };
};
