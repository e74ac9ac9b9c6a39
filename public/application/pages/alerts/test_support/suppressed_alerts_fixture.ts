/**
 * Real suppressed alerts for UI tests: a new terms rule with `alert_suppression` by host.name,
 * created and run through the in-process API over a few interactive shells. Two new terms on one
 * host fold into one alert (docs_count 1); a host whose name carries HTML and an event without a
 * host name raise an alert each with nothing folded in (docs_count 0, the latter's term missing).
 */
// First: it sets up the Node globals (TextEncoder) the server modules below need under jsdom.
import { inProcessApi, type InProcessApi } from '../../../../../test/helpers/in_process_api';
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
import * as F from '../../../../../common/alerts/field_names';
import { EventFactory } from '../../../../../test/differential/new_terms_scenarios';
import { ingestObjects } from '../../../../../test/helpers/memory_store';
import { kibanaCreateMock } from '../../../../../test/helpers/rule_fixtures';

export const SUPPRESSING_RULE_ID = 'suppressed-shells';
export const SUPPRESSING_RULE_NAME = 'Shells, suppressed by host';
/** A host name an attacker chose: it must show as text. */
export const EVIL_HOST = 'n2<img src=x onerror="window.__pwned=1">';

export interface SuppressedAlertsFixture {
  readonly server: InProcessApi;
  /** nc on n1, with curl on n1 folded into it. */
  readonly folded: AlertDocument;
  /** socat on EVIL_HOST, alone. */
  readonly alone: AlertDocument;
  /** wget on a host without a name, alone (its suppression term is missing). */
  readonly missing: AlertDocument;
}

export const suppressedAlertsFixture = async (): Promise<SuppressedAlertsFixture> => {
  const server = await inProcessApi();
  const factory = new EventFactory('suppressed');
  await server.api.createRule(
    {
      ...kibanaCreateMock(),
      rule_id: SUPPRESSING_RULE_ID,
      name: SUPPRESSING_RULE_NAME,
      index: [factory.index],
      query: 'process.interactive : true',
      new_terms_fields: ['process.name'],
      alert_suppression: { group_by: ['host.name'] },
    },
    true
  );
  const now = Date.now();
  await ingestObjects(server.store, [
    factory.interactive(now - 90_000, 'nc', { host: 'n1' }),
    factory.interactive(now - 80_000, 'curl', { host: 'n1' }),
    factory.interactive(now - 70_000, 'socat', { host: EVIL_HOST }),
    factory.interactive(now - 60_000, 'wget', { extra: { host: { os: { type: 'linux' } } } }),
  ]);
  await server.api.runRule(SUPPRESSING_RULE_ID);
  const { alerts } = await server.api.searchAlerts({
    ruleIds: [SUPPRESSING_RULE_ID],
    page: 0,
    perPage: 100,
    sortField: 'original_time',
    sortOrder: 'asc',
  });
  const byTerm = (term: string): AlertDocument => {
    const alert = alerts.find(
      (candidate) => JSON.stringify(candidate[F.ALERT_NEW_TERMS]) === JSON.stringify([term])
    );
    if (alert === undefined) throw new Error(`the suppressing rule raised no alert for ${term}`);
    return alert;
  };
  if (alerts.length !== 3)
    throw new Error(`expected 3 alerts of the suppressing rule, got ${alerts.length}`);
  return { server, folded: byTerm('nc'), alone: byTerm('socat'), missing: byTerm('wget') };
};
