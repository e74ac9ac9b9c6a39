import { scanAlerts } from './scan_task';

describe('scanAlerts', () => {
  it("counts each rule's alert ids in the JSON `ctd scan --json` prints", () => {
    const output = JSON.stringify(
      {
        ingest: { stored: 3 },
        rules: [
          { ruleId: 'a', ruleName: 'Rule A', alertIds: ['1', '2'], errors: [] },
          { ruleId: 'b', ruleName: 'Rule B', alertIds: [], errors: [] },
        ],
        alerts: [{}, {}],
      },
      null,
      2
    );
    expect(scanAlerts(output)).toEqual([
      { ruleId: 'a', rule: 'Rule A', alerts: 2 },
      { ruleId: 'b', rule: 'Rule B', alerts: 0 },
    ]);
  });
});
