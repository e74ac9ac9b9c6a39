/** The histogram's chart data: stacked rows, series names and colours, and a brushed range. */
import type { AlertHistogramBucket } from '../../../../common/api/alerts_api';
import { brushedRange, seriesColors, seriesNames, stackedRows } from './histogram_series';
import type { SeverityColors } from './shared/severity_badge';

const COLORS: SeverityColors = {
  unknown: '#unknown',
  neutral: '#neutral',
  success: '#low',
  warning: '#medium',
  risk: '#high',
  danger: '#critical',
};

const BUCKETS: readonly AlertHistogramBucket[] = [
  {
    start: 0,
    count: 3,
    series: [
      { value: 'high', count: 1 },
      { value: 'low', count: 1 },
      { value: null, count: 1 },
    ],
  },
  { start: 60_000, count: 2, series: [{ value: 'critical', count: 2 }] },
];

describe('histogram series', () => {
  it('flattens a stacked answer into one row per bucket and value, named for people', () => {
    const rows = stackedRows(BUCKETS, 'severity');
    expect(rows).toEqual([
      { start: 0, series: 'High', count: 1 },
      { start: 0, series: 'Low', count: 1 },
      { start: 0, series: '(no severity)', count: 1 },
      { start: 60_000, series: 'Critical', count: 2 },
    ]);
    expect(seriesNames(rows)).toEqual(['High', 'Low', '(no severity)', 'Critical']);
    expect(
      stackedRows([{ start: 0, count: 1, series: [{ value: 'low', count: 1 }] }], 'rule')
    ).toEqual([{ start: 0, series: 'low', count: 1 }]);
    expect(stackedRows([{ start: 0, count: 1 }], 'rule')).toEqual([]);
  });

  it('colours severities from the severity palette, and leaves rules to the chart', () => {
    expect(Object.fromEntries(seriesColors(BUCKETS, 'severity', COLORS))).toEqual({
      High: '#high',
      Low: '#low',
      '(no severity)': '#unknown',
      Critical: '#critical',
    });
    expect(seriesColors(BUCKETS, 'rule', COLORS).size).toBe(0);
  });

  it('reads a brush as whole milliseconds around it, in order; nothing for an empty span', () => {
    expect(brushedRange({ x: [1000.6, 2000.2] })).toEqual({ from: 1000, to: 2001 });
    expect(brushedRange({ x: [2000, 1000] })).toEqual({ from: 1000, to: 2000 });
    expect(brushedRange({ x: [1000, 1000] })).toBeUndefined();
    expect(brushedRange({})).toBeUndefined();
    expect(brushedRange({ y: [] })).toBeUndefined();
  });
});
