/** The filter pills under the search bar: each can be negated or removed. */
import { EuiBadge, EuiButtonIcon, EuiFlexGroup, EuiFlexItem } from '@elastic/eui';
import { pillToKql, type AlertPill } from './alert_pills';

export interface AlertPillsBarProps {
  readonly pills: readonly AlertPill[];
  readonly onChange: (pills: AlertPill[]) => void;
}

export const AlertPillsBar = ({ pills, onChange }: AlertPillsBarProps) => {
  if (pills.length === 0) return null;
  const replace = (at: number, pill: AlertPill | undefined) =>
    onChange(
      pills.flatMap((existing, i) => (i !== at ? [existing] : pill === undefined ? [] : [pill]))
    );
  return (
    <EuiFlexGroup
      gutterSize="s"
      wrap
      responsive={false}
      role="list"
      aria-label="Filters"
      data-test-subj="alertsPills"
    >
      {pills.map((pill, at) => {
        const text = pillToKql(pill);
        return (
          <EuiFlexItem grow={false} key={`${pill.field}\u0000${pill.value}`} role="listitem">
            <EuiBadge
              color={pill.negate ? 'danger' : 'hollow'}
              data-test-subj="alertsPill"
              title={text}
            >
              <span data-test-subj="alertsPillText">{text}</span>{' '}
              <EuiButtonIcon
                size="xs"
                iconType={pill.negate ? 'plusInCircle' : 'minusInCircle'}
                aria-label={`${pill.negate ? 'Include' : 'Exclude'} instead: ${text}`}
                onClick={() => replace(at, { ...pill, negate: !pill.negate })}
                data-test-subj="alertsPillNegate"
              />
              <EuiButtonIcon
                size="xs"
                iconType="cross"
                aria-label={`Remove filter ${text}`}
                onClick={() => replace(at, undefined)}
                data-test-subj="alertsPillRemove"
              />
            </EuiBadge>
          </EuiFlexItem>
        );
      })}
    </EuiFlexGroup>
  );
};
