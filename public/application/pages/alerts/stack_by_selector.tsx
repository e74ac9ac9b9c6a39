/** "Stack by" beside the histogram: none, the rule or the severity. */
import { EuiButtonGroup } from '@elastic/eui';
import {
  ALERT_HISTOGRAM_STACKS,
  isAlertHistogramStack,
  type AlertHistogramStack,
} from '../../../../common/api/alerts_api';

const NONE = 'none';
const LABELS: Readonly<Record<AlertHistogramStack | typeof NONE, string>> = {
  none: 'None',
  rule: 'Rule',
  severity: 'Severity',
};
/** Option ids are element ids: prefixed so they cannot collide with the page's others. */
const ID_PREFIX = 'alertsHistogramStack-';
const VALUES: ReadonlyArray<AlertHistogramStack | typeof NONE> = [NONE, ...ALERT_HISTOGRAM_STACKS];
const OPTIONS = VALUES.map((value) => ({
  id: `${ID_PREFIX}${value}`,
  label: LABELS[value],
  'data-test-subj': `alertsHistogramStackBy-${value}`,
}));

export interface StackBySelectorProps {
  readonly stackBy: AlertHistogramStack | undefined;
  readonly onChange: (stackBy: AlertHistogramStack | undefined) => void;
}

export const StackBySelector = ({ stackBy, onChange }: StackBySelectorProps) => (
  <EuiButtonGroup
    legend="Stack by"
    buttonSize="compressed"
    options={OPTIONS}
    idSelected={`${ID_PREFIX}${stackBy ?? NONE}`}
    onChange={(id) => {
      const value = id.slice(ID_PREFIX.length);
      onChange(isAlertHistogramStack(value) ? value : undefined);
    }}
    data-test-subj="alertsHistogramStackBy"
  />
);
