/** "Tags" and "Assignees" for one alert or a selection: each opens a list to switch values on or off. */
import { EuiFlexGroup, EuiFlexItem } from '@elastic/eui';
import { MAX_ASSIGNEE_CHARS, MAX_TAG_CHARS } from '../../../../../common/alerts/alert_annotations';
import type { AlertSummaryRow } from '../shared/alert_fields';
import { DEFAULT_ALERT_TAGS } from './list_edit';
import { ListEditPopover } from './list_edit_popover';
import type { Annotations } from './use_annotations';

export interface AnnotationActionsProps {
  /** The alerts the actions change. */
  readonly alerts: readonly AlertSummaryRow[];
  /** Alerts whose values are offered too (the page shown). */
  readonly known: readonly AlertSummaryRow[];
  readonly annotations: Annotations;
  /** Appended to each button's accessible name, e.g. "of 2 selected alerts". */
  readonly target: string;
}

export const AnnotationActions = ({
  alerts,
  known,
  annotations,
  target,
}: AnnotationActionsProps) => {
  const ids = alerts.map((row) => row.id);
  return (
    <EuiFlexGroup gutterSize="s" responsive={false} wrap>
      <EuiFlexItem grow={false}>
        <ListEditPopover
          label="Tags"
          title="Add tags / Remove tags"
          iconType="tag"
          held={alerts.map((row) => row.tags)}
          suggestions={[...DEFAULT_ALERT_TAGS, ...known.flatMap((row) => row.tags)]}
          newValueLabel="New tag"
          maxChars={MAX_TAG_CHARS}
          busy={annotations.busy}
          target={target}
          onApply={(change) => annotations.change('tags', ids, change)}
          data-test-subj="alertTagsEdit"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <ListEditPopover
          label="Assignees"
          title="Assign / Unassign"
          iconType="user"
          held={alerts.map((row) => row.assignees)}
          suggestions={known.flatMap((row) => row.assignees)}
          newValueLabel="User name"
          maxChars={MAX_ASSIGNEE_CHARS}
          busy={annotations.busy}
          target={target}
          onApply={(change) => annotations.change('assignees', ids, change)}
          data-test-subj="alertAssigneesEdit"
        />
      </EuiFlexItem>
    </EuiFlexGroup>
  );
};
