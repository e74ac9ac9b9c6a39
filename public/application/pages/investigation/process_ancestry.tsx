/**
 * The process chain of the source event, from the entry leader down to the process itself: an
 * ordered list (EuiTimeline), not steps, which screen readers announce as "Step 1 is incomplete".
 */
import {
  EuiCode,
  EuiDescriptionList,
  EuiText,
  EuiTimeline,
  EuiTimelineItem,
  EuiTitle,
  type EuiDescriptionListProps,
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

export const ProcessAncestry = ({ ancestry }: { readonly ancestry: readonly AncestryLink[] }) => (
  <InvestigationSection title="Process ancestry" data-test-subj="ctdProcessAncestry">
    {ancestry.length === 0 ? (
      <EuiText size="s" color="subdued">
        <p>The source event records no process ancestry.</p>
      </EuiText>
    ) : (
      <EuiTimeline aria-label="Process ancestry, from the entry leader down to the alert's process">
        {ancestry.map((link, i) => {
          // The alert's own process is the last link; earlier ones are its ancestors.
          const own = i === ancestry.length - 1;
          return (
            <EuiTimelineItem
              key={i}
              icon={own ? 'bullseye' : 'dot'}
              iconAriaLabel={own ? "The alert's process" : 'Ancestor'}
              verticalAlign="top"
              data-test-subj="ctdAncestryLink"
            >
              <EuiTitle size="xxs">
                <h4>{roleTitle(link)}</h4>
              </EuiTitle>
              <EuiDescriptionList
                type="responsiveColumn"
                compressed
                listItems={detailsOf(link)}
                columnWidths={[1, 3]}
              />
            </EuiTimelineItem>
          );
        })}
      </EuiTimeline>
    )}
  </InvestigationSection>
);
