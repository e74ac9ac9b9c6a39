/**
 * Real alerts whose event fields an attacker chose, for the optional columns and the export: a new
 * terms rule created and run through the in-process API over interactive shells, one alert per
 * shell name. One event carries markup, quotes, commas, a newline, leading formula characters and
 * non-ASCII text in the fields the optional columns show; the others carry plain values.
 */
// First: it sets up the Node globals (TextEncoder) the server modules below need under jsdom.
import { inProcessApi, type InProcessApi } from '../../../../../test/helpers/in_process_api';
import type { AlertDocument } from '../../../../../common/alerts/alert_document';
import * as F from '../../../../../common/alerts/field_names';
import { EventFactory } from '../../../../../test/differential/new_terms_scenarios';
import { ingestObjects } from '../../../../../test/helpers/memory_store';
import { kibanaCreateMock } from '../../../../../test/helpers/rule_fixtures';

export const HOSTILE_RULE_ID = 'hostile-shells';
export const HOSTILE_RULE_NAME = 'Shells with hostile fields';
export const HOSTILE_RISK_SCORE = 73;

/** The hostile event's fields, as the optional columns show them. */
export const HOSTILE = {
  processName: '-2+3',
  userName: '=HYPERLINK("http://evil.example","click"),1',
  commandLine: 'sh -c "echo a,b"\n<img src=x onerror="window.__pwned=1">',
  containerImage: '@évil/イメージ:latest',
} as const;

export const PLAIN = {
  userName: 'root',
  containerImage: 'alpine:3.20',
} as const;

/** The plain shells, one alert each. */
export const PLAIN_SHELLS = ['bash', 'sh', 'zsh', 'ash', 'dash', 'ksh'] as const;

export interface HostileAlertsFixture {
  readonly server: InProcessApi;
  /** The rule's alerts, oldest event first. */
  readonly alerts: readonly AlertDocument[];
  readonly hostile: AlertDocument;
}

const SECOND_MS = 1_000;

export const hostileAlertsFixture = async (): Promise<HostileAlertsFixture> => {
  const server = await inProcessApi();
  const factory = new EventFactory('hostile');
  await server.api.createRule(
    {
      ...kibanaCreateMock(),
      rule_id: HOSTILE_RULE_ID,
      name: HOSTILE_RULE_NAME,
      risk_score: HOSTILE_RISK_SCORE,
      index: [factory.index],
      query: 'process.interactive : true',
      new_terms_fields: ['process.name'],
    },
    true
  );
  const start = Date.now() - 2 * 60 * SECOND_MS;
  const plain = PLAIN_SHELLS.map((name, i) =>
    factory.interactive(start + i * SECOND_MS, name, {
      user: PLAIN.userName,
      process: { command_line: `${name} -i` },
      extra: { container: { id: `c0ffee${i}`, image: { name: PLAIN.containerImage } } },
    })
  );
  const hostile = factory.interactive(
    start + PLAIN_SHELLS.length * SECOND_MS,
    HOSTILE.processName,
    {
      user: HOSTILE.userName,
      process: { command_line: HOSTILE.commandLine },
      extra: { container: { id: 'bad', image: { name: HOSTILE.containerImage } } },
    }
  );
  await ingestObjects(server.store, [...plain, hostile]);
  await server.api.runRule(HOSTILE_RULE_ID);
  const { alerts } = await server.api.searchAlerts({
    ruleIds: [HOSTILE_RULE_ID],
    page: 0,
    perPage: 100,
    sortField: 'original_time',
    sortOrder: 'asc',
  });
  if (alerts.length !== PLAIN_SHELLS.length + 1)
    throw new Error(`expected ${PLAIN_SHELLS.length + 1} alerts, got ${alerts.length}`);
  const found = alerts.find(
    (alert) => JSON.stringify(alert[F.ALERT_NEW_TERMS]) === JSON.stringify([HOSTILE.processName])
  );
  if (found === undefined) throw new Error('the rule raised no alert for the hostile event');
  return { server, alerts, hostile: found };
};
