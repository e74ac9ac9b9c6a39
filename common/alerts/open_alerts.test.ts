import { OPEN_ALERT_STATUSES, openAlertsFilter } from './open_alerts';

describe('openAlertsFilter', () => {
  it("is the alerts page's default view: open and acknowledged, the 30 days up to now", () => {
    const now = new Date('2026-03-31T10:15:00.000Z');
    expect(openAlertsFilter(now)).toEqual({
      statuses: ['open', 'acknowledged'],
      range: { from: Date.parse('2026-03-01T10:15:00.000Z'), to: now.getTime() },
    });
    expect(OPEN_ALERT_STATUSES).not.toContain('closed');
  });
});
