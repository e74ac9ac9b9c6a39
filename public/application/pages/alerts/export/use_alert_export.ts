/**
 * Runs an export of the alerts page's filter: collects the alerts (showing how far it got), writes
 * NDJSON or CSV, and saves it through the browser's download. Cancelled on unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../api_client';
import { downloadText } from '../../../components/download';
import { useToasts } from '../../../components/toasts';
import { toError } from '../../../components/use_api_call';
import type { OptionalColumnId } from '../columns/optional_columns';
import { alertsToCsv, alertsToNdjson } from './alerts_csv';
import { collectAlerts, MAX_EXPORT_ALERTS, type ExportSearch } from './collect_alerts';

export type ExportFormat = 'ndjson' | 'csv';

interface ExportFile {
  readonly name: string;
  readonly type: string;
}

export const EXPORT_FILES: Readonly<Record<ExportFormat, ExportFile>> = {
  ndjson: { name: 'alerts_export.ndjson', type: 'application/x-ndjson' },
  csv: { name: 'alerts_export.csv', type: 'text/csv;charset=utf-8' },
};

export interface ExportProgress {
  readonly format: ExportFormat;
  readonly read: number;
  readonly expected: number;
}

export interface AlertExport {
  /** Set while an export runs. */
  readonly progress: ExportProgress | undefined;
  readonly start: (format: ExportFormat) => void;
  readonly cancel: () => void;
}

const count = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'alert' : 'alerts'}`;

export const useAlertExport = (
  api: ApiClient,
  search: ExportSearch,
  optionalColumns: readonly OptionalColumnId[]
): AlertExport => {
  const toasts = useToasts();
  const [progress, setProgress] = useState<ExportProgress | undefined>();
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(
    async (format: ExportFormat, controller: AbortController) => {
      setProgress({ format, read: 0, expected: 0 });
      try {
        const { alerts, total } = await collectAlerts(api, search, {
          signal: controller.signal,
          onProgress: (read, expected) => {
            // A page that arrives after Cancel must not bring the progress back.
            if (!controller.signal.aborted) setProgress({ format, read, expected });
          },
        });
        const file = EXPORT_FILES[format];
        const text =
          format === 'csv' ? alertsToCsv(alerts, optionalColumns) : alertsToNdjson(alerts);
        downloadText(file.name, text, file.type);
        if (total > alerts.length)
          toasts.warning(
            `Exported the first ${count(alerts.length)} of ${total.toLocaleString('en-US')}`,
            `An export holds at most ${count(MAX_EXPORT_ALERTS)}; narrow the filters to export the rest. Saved as ${file.name}.`
          );
        else toasts.success(`Exported ${count(alerts.length)}`, `Saved as ${file.name}.`);
      } catch (error) {
        if (!controller.signal.aborted) toasts.error('Could not export the alerts', toError(error));
      } finally {
        if (running.current === controller) {
          running.current = undefined;
          setProgress(undefined);
        }
      }
    },
    [api, search, optionalColumns, toasts]
  );

  const start = useCallback(
    (format: ExportFormat) => {
      if (running.current !== undefined) return;
      const controller = new AbortController();
      running.current = controller;
      void run(format, controller);
    },
    [run]
  );
  const cancel = useCallback(() => {
    running.current?.abort();
    running.current = undefined;
    setProgress(undefined);
  }, []);
  return { progress, start, cancel };
};
