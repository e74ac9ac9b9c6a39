/** The rows selected for bulk triage; a new answer from the API starts with none selected. */
import { useCallback, useState } from 'react';
import type { AlertSummaryRow } from '../shared/alert_fields';

export const useRowSelection = <Answer>(
  answer: Answer | undefined
): [readonly AlertSummaryRow[], (rows: readonly AlertSummaryRow[]) => void] => {
  const [selection, setSelection] = useState<{
    readonly answer: Answer | undefined;
    readonly rows: readonly AlertSummaryRow[];
  }>({ answer, rows: [] });
  const selected = selection.answer === answer ? selection.rows : [];
  const setSelected = useCallback(
    (rows: readonly AlertSummaryRow[]) => setSelection({ answer, rows }),
    [answer]
  );
  return [selected, setSelected];
};
