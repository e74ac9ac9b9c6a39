/** The process chain of the source event, from the entry leader down to the process itself. */
import {
  EuiCode,
  EuiDescriptionList,
  EuiSteps,
  EuiText,
  type EuiDescriptionListProps,
  type EuiStepsProps,
} from '@elastic/eui';
import type { AncestryLink, AncestryRole } from '../../../../common/alerts/process_ancestry';
import { formatTime } from '../alerts/shared/format';
import { InvestigationSection } from './investigation_section';

type ListItems = NonNullable<EuiDescriptionListProps['listItems']>;

const ROLE_LABELS: Readonly<Record<AncestryRole, string>> = {
  entry_leader: 'Entry leader',
  session_leader: 'Session leader',
  group_leader: 'Group leader',
  parent: 'Parent',
  process: 'Process',
};

const NONE = '—';

const detailsOf = (link: AncestryLink): ListItems => {
  const items: ListItems = [
    { title: 'Executable', description: link.executable ?? NONE },
    {
      title: 'Arguments',
      description: link.args.length > 0 ? <EuiCode>{link.args.join(' ')}</EuiCode> : NONE,
    },
    {
      title: 'User',
      description: link.userName
        ? `${link.userName}${link.userId ? ` (${link.userId})` : ''}`
        : (link.userId ?? NONE),
    },
    { title: 'PID', description: link.pid === null ? NONE : String(link.pid) },
    { title: 'Entity ID', description: link.entityId ? <EuiCode>{link.entityId}</EuiCode> : NONE },
  ];
  if (link.roles.includes('entry_leader'))
    items.push({ title: 'Entry type', description: link.entryType ?? NONE });
  items.push({ title: 'Started', description: formatTime(link.start) });
  if (link.workingDirectory)
    items.push({ title: 'Working directory', description: link.workingDirectory });
  if (link.interactive !== null)
    items.push({ title: 'Interactive', description: link.interactive ? 'Yes' : 'No' });
  return items;
};

export const roleTitle = (link: AncestryLink): string =>
  `${link.roles.map((role) => ROLE_LABELS[role]).join(' · ')}: ${link.name ?? link.executable ?? (link.pid === null ? 'unknown process' : `PID ${link.pid}`)}`;

export const ProcessAncestry = ({ ancestry }: { readonly ancestry: readonly AncestryLink[] }) => {
  const steps: EuiStepsProps['steps'] = ancestry.map((link, i) => ({
    title: roleTitle(link),
    // The alert's own process is the last step; earlier ones are its ancestors.
    status: i === ancestry.length - 1 ? 'current' : 'incomplete',
    'data-test-subj': 'ctdAncestryLink',
    children: (
      <EuiDescriptionList
        type="responsiveColumn"
        compressed
        listItems={detailsOf(link)}
        columnWidths={[1, 3]}
      />
    ),
  }));
  return (
    <InvestigationSection title="Process ancestry" data-test-subj="ctdProcessAncestry">
      {steps.length === 0 ? (
        <EuiText size="s" color="subdued">
          <p>The source event records no process ancestry.</p>
        </EuiText>
      ) : (
        <EuiSteps steps={steps} titleSize="xs" headingElement="h4" />
      )}
    </InvestigationSection>
  );
};
