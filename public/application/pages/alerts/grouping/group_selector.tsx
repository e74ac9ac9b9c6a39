/** "Group alerts by": none or one of the group fields, as Kibana Security's alerts page offers. */
import { EuiSelect } from '@elastic/eui';
import { ALERT_GROUP_FIELDS, type AlertGroupField } from '../../../../../common/api/alerts_api';
import { isAlertGroupField } from '../../../../../common/api/alerts_api';

/** What each group field is called on the page. */
export const GROUP_FIELD_LABELS: Readonly<Record<AlertGroupField, string>> = {
  'kibana.alert.rule.name': 'Rule name',
  'host.name': 'Host name',
  'container.id': 'Container ID',
  'user.name': 'User name',
  'kibana.alert.new_terms': 'New term',
};

const NONE = 'none';
const OPTIONS = [
  { value: NONE, text: 'None' },
  ...ALERT_GROUP_FIELDS.map((field) => ({ value: field, text: GROUP_FIELD_LABELS[field] })),
];

export interface GroupSelectorProps {
  readonly groupBy: AlertGroupField | undefined;
  readonly onChange: (groupBy: AlertGroupField | undefined) => void;
}

export const GroupSelector = ({ groupBy, onChange }: GroupSelectorProps) => (
  <EuiSelect
    // A prepended title, not a form row: the page's modals label their own generated ids.
    prepend="Group alerts by"
    aria-label="Group alerts by"
    compressed
    fullWidth={false}
    options={OPTIONS}
    value={groupBy ?? NONE}
    onChange={(event) =>
      onChange(isAlertGroupField(event.target.value) ? event.target.value : undefined)
    }
    data-test-subj="alertsGroupBy"
  />
);
