/**
 * Why the rule fired: which field took a value it had not taken during the history window, when
 * that value was first seen, the history that was searched without finding it, and the rule's
 * own look-back window, and the exceptions evaluated (with any added since that match it now).
 * For an alert of a suppressing rule, also the values it was grouped by and the events folded in.
 */
import { EuiCode, EuiDescriptionList, EuiText, type EuiDescriptionListProps } from '@elastic/eui';
import type { Investigation } from '../../api_client';
import { termText, type AlertSuppression } from '../alerts/shared/alert_fields';
import { formatTime } from '../alerts/shared/format';
import { InvestigationSection } from './investigation_section';

type Why = Investigation['why'];
type ListItems = NonNullable<EuiDescriptionListProps['listItems']>;

const NewTermsList = ({ why }: { readonly why: Why }) => {
  if (why.new_terms.length === 0) return <>—</>;
  // Kibana stores one value per new-terms field, in the fields' order.
  return (
    <ul data-test-subj="ctdNewTerms">
      {why.new_terms.map((term, i) => (
        <li key={i}>
          {why.new_terms_fields[i] !== undefined ? (
            <>
              <EuiCode>{why.new_terms_fields[i]}</EuiCode>
              {': '}
            </>
          ) : null}
          <strong>
            <EuiCode>{termText(term)}</EuiCode>
          </strong>
        </li>
      ))}
    </ul>
  );
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Which exception lists were evaluated when the alert was raised, and what matches it now. */
const ExceptionsNote = ({ why }: { readonly why: Why }) => {
  const lists = why.exception_lists;
  const now = why.excepted_now ?? [];
  return (
    <span data-test-subj="ctdWhyExceptions">
      {lists.length === 0
        ? 'None: the rule named no exception list when it raised this alert.'
        : `${plural(lists.length, 'exception list')} evaluated (${lists
            .map((list) => (list.type === 'rule_default' ? 'rule default' : list.list_id))
            .join(', ')}); none matched this event.`}
      {now.length === 0 ? null : (
        <EuiText size="xs" color="warning" data-test-subj="ctdWhyExceptedNow">
          Excepted since: {now.map((item) => `"${item.name}"`).join(', ')} now{' '}
          {now.length === 1 ? 'matches' : 'match'} this event, so later runs leave events like it
          out.
        </EuiText>
      )}
    </span>
  );
};

const span = (from: string | null, to: string | null): string =>
  `${formatTime(from)} → ${formatTime(to)}`;

/** The values the alerts were grouped by (a missing field said so), and the events folded in. */
const SuppressionNote = ({ suppression }: { readonly suppression: AlertSuppression }) => (
  <span data-test-subj="ctdSuppression">
    {suppression.terms.length === 0 ? null : (
      <ul>
        {suppression.terms.map((term, i) => (
          <li key={i}>
            <EuiCode>{term.field}</EuiCode>
            {': '}
            {term.values === null ? <em>missing</em> : <EuiCode>{term.values.join(', ')}</EuiCode>}
          </li>
        ))}
      </ul>
    )}
    <span data-test-subj="ctdSuppressionSpan">{span(suppression.start, suppression.end)}</span>
    <EuiText size="xs" color="subdued">
      {suppression.docsCount === 0
        ? 'No other alert with these values has been folded into this one.'
        : `${plural(suppression.docsCount, 'more alert')} with these values ${
            suppression.docsCount === 1 ? 'was' : 'were'
          } folded into this one (events in this span).`}
    </EuiText>
  </span>
);

/**
 * Which clock the rule's times use: new terms are found by the rule's timestamp field, which for
 * the prebuilt rules is `event.ingested` (when the event was stored), not the event's own time.
 * Without the fallback (`timestamp_override_fallback_disabled`) events lacking it are not searched.
 */
export const timestampNote = (field: string | undefined, fallback: boolean): string => {
  if (field === undefined || field === '@timestamp')
    return "By the event's @timestamp, as are the windows below.";
  const withoutField = fallback
    ? "the event's @timestamp where it has none"
    : 'events without it are not searched';
  return `By ${field}, the rule's timestamp field (${withoutField}), as are the windows below; the event time above is @timestamp.`;
};

export interface WhyItFiredProps {
  readonly why: Why;
  /** The rule's timestamp override (`event.ingested` for the prebuilt rules), if it has one. */
  readonly timestampField?: string;
  /** False when the rule does not fall back to `@timestamp` for events without the override. */
  readonly timestampFallback?: boolean;
  /** The alert's suppression, when a suppressing rule raised it. */
  readonly suppression?: AlertSuppression | null;
}

export const WhyItFired = ({
  why,
  suppression,
  timestampField,
  timestampFallback = true,
}: WhyItFiredProps) => {
  const items: ListItems = [
    {
      title: why.new_terms.length === 1 ? 'New term' : 'New terms',
      description: <NewTermsList why={why} />,
    },
    {
      title: 'First seen',
      description: (
        <span>
          <span data-test-subj="ctdFirstSeen">{formatTime(why.first_seen)}</span>
          <EuiText size="xs" color="subdued" data-test-subj="ctdFirstSeenClock">
            {timestampNote(timestampField, timestampFallback)}
          </EuiText>
        </span>
      ),
    },
    {
      title: 'History searched',
      description: (
        <span data-test-subj="ctdHistoryWindow">
          {span(why.history_window_start, why.window_start)}
          <EuiText size="xs" color="subdued">
            No earlier occurrence of{' '}
            {why.new_terms.length === 1 ? 'this value' : 'this combination of values'} in that
            period.
          </EuiText>
        </span>
      ),
    },
    {
      title: 'Rule window',
      description: (
        <span data-test-subj="ctdRuleWindow">{span(why.window_start, why.window_end)}</span>
      ),
    },
    ...(suppression
      ? [{ title: 'Suppression', description: <SuppressionNote suppression={suppression} /> }]
      : []),
    { title: 'Reason', description: why.reason ?? '—' },
    { title: 'Exceptions', description: <ExceptionsNote why={why} /> },
  ];
  return (
    <InvestigationSection title="Why it fired" data-test-subj="ctdWhyItFired">
      <EuiDescriptionList
        type="responsiveColumn"
        compressed
        listItems={items}
        columnWidths={[1, 3]}
      />
    </InvestigationSection>
  );
};
