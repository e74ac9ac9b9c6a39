/** The Elastic integrations that ship the data the rule reads. */
import { EuiBasicTable, EuiText, type EuiBasicTableColumn } from '@elastic/eui';
import type { RelatedIntegration } from '../../../../common/rules/rule_schema';
import { NONE, SectionPanel } from './section_panel';

/** Friendly names of the integration packages our rules use. */
const PACKAGE_TITLES: Readonly<Record<string, string>> = { endpoint: 'Elastic Defend' };

const COLUMNS: Array<EuiBasicTableColumn<RelatedIntegration>> = [
  {
    field: 'package',
    name: 'Integration',
    render: (name: string, integration: RelatedIntegration) =>
      `${PACKAGE_TITLES[name] ?? name}${integration.integration ? ` (${integration.integration})` : ''}`,
  },
  { field: 'package', name: 'Package', render: (name: string) => name },
  { field: 'version', name: 'Version', render: (version: string | undefined) => version ?? NONE },
];

export const RelatedIntegrationsSection = ({
  integrations,
}: {
  readonly integrations: readonly RelatedIntegration[];
}) => (
  <SectionPanel title="Related integrations" data-test-subj="ctdRuleIntegrations">
    {integrations.length === 0 ? (
      <EuiText size="s" color="subdued">
        <p>No related integrations.</p>
      </EuiText>
    ) : (
      <EuiBasicTable<RelatedIntegration>
        tableCaption="Related integrations"
        items={[...integrations]}
        columns={COLUMNS}
      />
    )}
  </SectionPanel>
);
