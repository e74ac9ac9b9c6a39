/**
 * Alerts as CSV and NDJSON, from real alerts whose event fields an attacker chose: the columns the
 * table shows, a header, hostile values quoted and neutralised, and documents as the API gave them.
 */
import * as F from '../../../../../common/alerts/field_names';
import {
  HOSTILE,
  HOSTILE_RISK_SCORE,
  HOSTILE_RULE_NAME,
  hostileAlertsFixture,
  type HostileAlertsFixture,
} from '../test_support/hostile_alerts_fixture';
import { toAlertRow } from '../shared/alert_fields';
import { alertsToCsv, alertsToNdjson, csvColumns } from './alerts_csv';
import { csvField } from '../../../components/csv';

describe('alerts as CSV and NDJSON', () => {
  let fixture: HostileAlertsFixture;
  beforeAll(async () => {
    fixture = await hostileAlertsFixture();
  });
  afterAll(() => fixture?.server.close());

  it("names the table's columns, the chosen optional ones in the table's order, led by the id", () => {
    expect(csvColumns([]).map((column) => column.name)).toEqual([
      'Alert ID',
      'Event time',
      'Rule',
      'Severity',
      'Host',
      'Container',
      'New term',
      'Status',
    ]);
    expect(csvColumns(['containerImage', 'userName']).map((column) => column.name)).toEqual([
      'Alert ID',
      'Event time',
      'Rule',
      'Severity',
      'Host',
      'Container',
      'New term',
      'User',
      'Container image',
      'Status',
    ]);
  });

  it('writes one record per alert, hostile values quoted and made inert', () => {
    const csv = alertsToCsv([fixture.hostile], ['reason', 'riskScore', 'userName', 'commandLine']);
    const row = toAlertRow(fixture.hostile);
    const [header, ...rest] = csv.split('\r\n');
    expect(header).toBe(
      'Alert ID,Event time,Rule,Severity,Host,Container,New term,Reason,Risk score,User,Command line,Status'
    );
    expect(rest.join('\r\n')).toBe(
      [
        row.id,
        row.originalTime,
        HOSTILE_RULE_NAME,
        'high',
        'node-1',
        'bad',
        // The new term '-2+3' would be a formula.
        "'-2+3",
        csvField(row.reason),
        String(HOSTILE_RISK_SCORE),
        `"'=HYPERLINK(""http://evil.example"",""click""),1"`,
        '"sh -c ""echo a,b""\n<img src=x onerror=""window.__pwned=1"">"',
        'Open',
      ].join(',') + '\r\n'
    );
    expect(csvField(HOSTILE.containerImage)).toBe("'@évil/イメージ:latest");
  });

  it('writes NDJSON: each alert document on its own line, as stored', () => {
    const ndjson = alertsToNdjson(fixture.alerts);
    const lines = ndjson.split('\n');
    expect(lines.at(-1)).toBe('');
    const parsed = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toEqual(fixture.alerts);
    expect(parsed.map((alert) => alert[F.ALERT_UUID])).toEqual(
      fixture.alerts.map((alert) => alert[F.ALERT_UUID])
    );
    expect(alertsToNdjson([])).toBe('');
  });
});
