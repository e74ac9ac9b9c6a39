/** Tags or assignees as badges; the values are analysts' text, rendered as React text only. */
import { EuiBadge, EuiBadgeGroup } from '@elastic/eui';

export interface ValueBadgesProps {
  readonly values: readonly string[];
  readonly iconType?: string;
  readonly 'data-test-subj': string;
}

const NONE = '—';

export const ValueBadges = ({ values, iconType, 'data-test-subj': testSubj }: ValueBadgesProps) =>
  values.length === 0 ? (
    <span data-test-subj={testSubj}>{NONE}</span>
  ) : (
    <EuiBadgeGroup gutterSize="xs" data-test-subj={testSubj}>
      {values.map((value) => (
        <EuiBadge key={value} color="hollow" {...(iconType ? { iconType } : {})}>
          {value}
        </EuiBadge>
      ))}
    </EuiBadgeGroup>
  );
