/** The soak's schedule verdict: every window searched, nothing early, no run failing or reporting a gap. */
import { gapWarning } from '../../server/new_terms/run_new_terms_rule';
import { checkSchedule } from './schedule_check';
import type { RecordedRun } from './soak_data_dir';

const INTERVAL_MS = 5_000;
const WINDOW_MS = 15_000;
const T0 = Date.UTC(2026, 0, 1);

const run = (offsetMs: number, overrides: Partial<RecordedRun> = {}): RecordedRun => ({
  ruleUuid: 'rule',
  startedAt: T0 + offsetMs,
  status: 'succeeded',
  alertsCreated: 1,
  durationMs: 100,
  message: null,
  ...overrides,
});

const bounds = (to: number) => ({
  intervalMs: INTERVAL_MS,
  windowMs: WINDOW_MS,
  from: T0,
  to: T0 + to,
});

describe('checkSchedule', () => {
  it('accepts runs an interval and a little apart that cover the whole span', () => {
    const check = checkSchedule([run(900), run(6_200), run(11_900), run(17_000)], bounds(20_000));
    expect(check).toMatchObject({
      runs: 4,
      succeeded: 4,
      alertsCreated: 4,
      longestGapMs: 5_700,
      shortestStartToStartMs: 5_100,
      problems: [],
    });
  });

  it('flags a stretch no run searched, an early run, a failure and a gap warning', () => {
    const runs = [
      run(1_000),
      run(3_000),
      run(20_000, { status: 'failed', message: 'boom' }),
      run(25_000, { status: 'partial failure', message: gapWarning(2_000) }),
    ];
    const problems = checkSchedule(runs, bounds(26_000)).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/failed: boom/);
    expect(problems.join('\n')).toMatch(/reported a gap/);
    expect(problems.join('\n')).toMatch(/17000 ms between scheduled starts/);
    expect(problems.join('\n')).toMatch(/only 2000 ms apart/);
  });

  it('flags a rule that never ran', () => {
    expect(checkSchedule([], bounds(30_000)).problems).toEqual([
      '30000 ms between scheduled starts (or an end of the soak): more than the 15000 ms a run searches',
    ]);
  });
});
