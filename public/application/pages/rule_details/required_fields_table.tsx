/** The fields the rule needs in the source events, with their types and whether ECS defines them. */
import { EuiBasicTable, EuiCode, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import type { RequiredField } from '../../../../common/rules/rule_schema';
import { SectionPanel } from './section_panel';

const COLUMNS: Array<EuiBasicTableColumn<RequiredField>> = [
  { field: 'name', name: 'Field', render: (name: string) => <EuiCode>{name}</EuiCode> },
  { field: 'type', name: 'Type' },
  { field: 'ecs', name: 'ECS', render: (ecs: boolean) => (ecs ? 'Yes' : 'No') },
];

export const RequiredFieldsSection = ({
  fields,
}: {
  readonly fields: readonly RequiredField[];
}) => (
  <SectionPanel title="Required fields" data-test-subj="ctdRuleRequiredFields">
    {fields.length === 0 ? (
      <EuiText size="s" color="subdued">
        <p>No required fields declared.</p>
      </EuiText>
    ) : (
      <EuiBasicTable<RequiredField>
        tableCaption="Required fields"
        items={[...fields]}
        itemId="name"
        columns={COLUMNS}
      />
    )}
  </SectionPanel>
);
