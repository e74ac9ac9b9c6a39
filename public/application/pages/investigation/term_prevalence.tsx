/**
 * How widespread the alert's new term is over every stored event of the rule's indices: how many
 * hosts, containers and container images ran it, in how many events, first and last seen. A term
 * on one host for the first time reads differently from one the whole estate runs.
 */
import {
  EuiBadge,
  EuiDescriptionList,
  EuiFlexGroup,
  EuiFlexItem,
  EuiStat,
  EuiText,
} from '@elastic/eui';
import type { ApiClient, TermPrevalence as Prevalence } from '../../api_client';
import { ApiCallContent } from '../../components/page_state';
import { useApiCall } from '../../components/use_api_call';
import { formatTime } from '../alerts/shared/format';
import { InvestigationSection } from './investigation_section';

const COUNTS: ReadonlyArray<{
  readonly field: keyof Prevalence['distinct'];
  readonly one: string;
  readonly many: string;
  readonly testSubj: string;
}> = [
  { field: 'host.name', one: 'Host', many: 'Hosts', testSubj: 'ctdPrevalenceHosts' },
  {
    field: 'container.id',
    one: 'Container',
    many: 'Containers',
    testSubj: 'ctdPrevalenceContainers',
  },
  {
    field: 'container.image.name',
    one: 'Container image',
    many: 'Container images',
    testSubj: 'ctdPrevalenceImages',
  },
];

const termText = (prevalence: Prevalence): string =>
  prevalence.term.map((part) => `${part.field}: ${part.value}`).join(', ');

const PrevalenceView = ({ prevalence }: { readonly prevalence: Prevalence }) => {
  if (prevalence.term.length === 0)
    return (
      <EuiText size="s" color="subdued">
        <p>This alert records no new term to look up.</p>
      </EuiText>
    );
  return (
    <>
      <EuiText size="s" color="subdued">
        <p data-test-subj="ctdPrevalenceTerm">
          Every stored event of the rule&apos;s indices holding {termText(prevalence)}
        </p>
      </EuiText>
      <EuiFlexGroup gutterSize="m" responsive={false} wrap>
        {COUNTS.map(({ field, one, many, testSubj }) => (
          <EuiFlexItem key={field} grow={false} style={{ minWidth: 110 }}>
            <EuiStat
              title={String(prevalence.distinct[field])}
              description={prevalence.distinct[field] === 1 ? one : many}
              titleSize="s"
              data-test-subj={testSubj}
            />
          </EuiFlexItem>
        ))}
        <EuiFlexItem grow={false} style={{ minWidth: 110 }}>
          <EuiStat
            title={String(prevalence.events)}
            description={prevalence.events === 1 ? 'Event' : 'Events'}
            titleSize="s"
            data-test-subj="ctdPrevalenceEvents"
          />
        </EuiFlexItem>
      </EuiFlexGroup>
      <EuiDescriptionList
        compressed
        type="column"
        listItems={[
          {
            title: 'First seen',
            description: (
              <span data-test-subj="ctdPrevalenceFirstSeen">
                {formatTime(prevalence.first_seen)}
              </span>
            ),
          },
          {
            title: 'Last seen',
            description: (
              <span data-test-subj="ctdPrevalenceLastSeen">{formatTime(prevalence.last_seen)}</span>
            ),
          },
        ]}
      />
    </>
  );
};

export const TermPrevalence = ({
  api,
  alertId,
}: {
  readonly api: ApiClient;
  readonly alertId: string;
}) => {
  const prevalence = useApiCall(() => api.getTermPrevalence(alertId), [api, alertId]);
  const hosts = prevalence.data?.distinct['host.name'];
  return (
    <InvestigationSection
      title="Prevalence of the new term"
      aside={
        hosts === undefined ? undefined : (
          <EuiBadge color={hosts <= 1 ? 'warning' : 'hollow'}>
            {hosts} {hosts === 1 ? 'host' : 'hosts'}
          </EuiBadge>
        )
      }
      data-test-subj="ctdTermPrevalence"
    >
      <ApiCallContent
        state={prevalence}
        errorTitle="Could not count where the term ran"
        loadingLabel="Counting where the term ran"
      >
        {(data) => <PrevalenceView prevalence={data} />}
      </ApiCallContent>
    </InvestigationSection>
  );
};
