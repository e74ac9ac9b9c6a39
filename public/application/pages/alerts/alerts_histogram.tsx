/**
 * Alert counts over the selected range as bars, stacked by rule or severity on request, with the
 * same counts in a screen-reader table (the canvas itself says nothing to assistive technology).
 * Brushing across the bars selects that time range.
 */
import {
  Axis,
  BarSeries,
  Chart,
  DARK_THEME,
  LIGHT_THEME,
  niceTimeFormatter,
  ScaleType,
  Settings,
  Position,
  type SeriesColorAccessorFn,
} from '@elastic/charts';
import {
  EuiFlexGroup,
  EuiFlexItem,
  EuiLoadingChart,
  EuiScreenReaderOnly,
  EuiText,
  EuiTitle,
  useEuiTheme,
  useGeneratedHtmlId,
} from '@elastic/eui';
import type { AlertHistogramStack } from '../../../../common/api/alerts_api';
import type { HistogramBucket } from '../../api_client';
import { ErrorState } from '../../components/page_state';
import { formatTime } from './shared/format';
import type { ResolvedRange } from './alerts_view_state';
import type { HistogramInterval } from './histogram_interval';
import {
  brushedRange,
  seriesColors,
  seriesNames,
  stackedRows,
  type StackedRow,
} from './histogram_series';
import { StackBySelector } from './stack_by_selector';

export interface AlertsHistogramProps {
  readonly buckets: readonly HistogramBucket[] | undefined;
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly range: ResolvedRange;
  readonly interval: HistogramInterval;
  readonly onRetry: () => void;
  /** What the bars are stacked by; undefined: one series. */
  readonly stackBy: AlertHistogramStack | undefined;
  readonly onStackByChange: (stackBy: AlertHistogramStack | undefined) => void;
  /** A time range brushed on the chart, whole epoch ms. */
  readonly onBrush: (range: ResolvedRange) => void;
}

const CHART_HEIGHT = 160;
// The browser's IANA zone: Elastic Charts rejects "local" (it warns and falls back to this anyway).
const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

interface BucketTableProps {
  readonly buckets: readonly HistogramBucket[];
  readonly stackBy: AlertHistogramStack | undefined;
  readonly interval: HistogramInterval;
  readonly captionId: string;
}

const BucketTable = ({ buckets, stackBy, interval, captionId }: BucketTableProps) => {
  const rows = stackBy === undefined ? [] : stackedRows(buckets, stackBy);
  const names = seriesNames(rows);
  const countOf = (start: number, name: string): number =>
    rows.find((row) => row.start === start && row.series === name)?.count ?? 0;
  return (
    <EuiScreenReaderOnly>
      <table aria-labelledby={captionId} data-test-subj="alertsHistogramTable">
        <thead>
          <tr>
            <th scope="col">{`Period start (${interval.description} each)`}</th>
            <th scope="col">Alerts</th>
            {names.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket.start}>
              <td>{formatTime(bucket.start)}</td>
              <td>{bucket.count}</td>
              {names.map((name) => (
                <td key={name}>{countOf(bucket.start, name)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </EuiScreenReaderOnly>
  );
};

const SERIES_KEY: keyof StackedRow = 'series';

/** The colour of a stacked series by its name; null leaves it to the chart's palette. */
const colorAccessor =
  (colors: ReadonlyMap<string, string>): SeriesColorAccessorFn =>
  (series) => {
    const name = series.splitAccessors.get(SERIES_KEY);
    return typeof name === 'string' ? (colors.get(name) ?? null) : null;
  };

const BarChart = ({
  buckets,
  range,
  interval,
  stackBy,
  onBrush,
}: Pick<AlertsHistogramProps, 'range' | 'interval' | 'stackBy' | 'onBrush'> & {
  readonly buckets: readonly HistogramBucket[];
}) => {
  const { colorMode, euiTheme } = useEuiTheme();
  const stacked = stackBy !== undefined;
  return (
    <Chart size={{ height: CHART_HEIGHT }}>
      <Settings
        baseTheme={colorMode === 'DARK' ? DARK_THEME : LIGHT_THEME}
        showLegend={stacked}
        legendPosition={Position.Right}
        xDomain={{ min: range.from, max: range.to, minInterval: interval.ms }}
        ariaUseDefaultSummary={false}
        locale="en"
        onBrushEnd={(event) => {
          const brushed = brushedRange(event);
          if (brushed !== undefined) onBrush(brushed);
        }}
      />
      {stackBy === undefined ? (
        <BarSeries
          id="alerts"
          name="Alerts"
          data={[...buckets]}
          xScaleType={ScaleType.Time}
          yScaleType={ScaleType.Linear}
          xAccessor="start"
          yAccessors={['count']}
          timeZone={BROWSER_TIME_ZONE}
        />
      ) : (
        <BarSeries
          id="alerts"
          name="Alerts"
          data={stackedRows(buckets, stackBy)}
          xScaleType={ScaleType.Time}
          yScaleType={ScaleType.Linear}
          xAccessor="start"
          yAccessors={['count']}
          splitSeriesAccessors={[SERIES_KEY]}
          stackAccessors={['start']}
          color={colorAccessor(seriesColors(buckets, stackBy, euiTheme.colors.severity))}
          timeZone={BROWSER_TIME_ZONE}
        />
      )}
      <Axis
        id="time"
        position={Position.Bottom}
        tickFormat={niceTimeFormatter([range.from, range.to])}
      />
      <Axis id="count" position={Position.Left} integersOnly ticks={4} />
    </Chart>
  );
};

export const AlertsHistogram = ({
  buckets,
  loading,
  error,
  range,
  interval,
  onRetry,
  stackBy,
  onStackByChange,
  onBrush,
}: AlertsHistogramProps) => {
  const captionId = useGeneratedHtmlId({ prefix: 'alertsHistogramTitle' });
  const total = (buckets ?? []).reduce((sum, bucket) => sum + bucket.count, 0);
  return (
    <section aria-labelledby={captionId} data-test-subj="alertsHistogram">
      <EuiFlexGroup justifyContent="spaceBetween" alignItems="baseline" responsive={false}>
        <EuiFlexItem grow={false}>
          <EuiTitle size="xxs">
            <h2 id={captionId}>{`Alerts over time (per ${interval.description})`}</h2>
          </EuiTitle>
        </EuiFlexItem>
        <EuiFlexItem grow={false}>
          <EuiFlexGroup gutterSize="m" alignItems="center" responsive={false}>
            <EuiFlexItem grow={false}>
              <EuiText size="xs" color="subdued">
                {buckets ? `${total} ${total === 1 ? 'alert' : 'alerts'} in range` : null}
              </EuiText>
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <EuiText size="xs" aria-hidden>
                Stack by
              </EuiText>
            </EuiFlexItem>
            <EuiFlexItem grow={false}>
              <StackBySelector stackBy={stackBy} onChange={onStackByChange} />
            </EuiFlexItem>
          </EuiFlexGroup>
        </EuiFlexItem>
      </EuiFlexGroup>
      {error ? (
        <ErrorState title="Could not load the alerts histogram" error={error} onRetry={onRetry} />
      ) : buckets === undefined && loading ? (
        <EuiFlexGroup justifyContent="center" alignItems="center" style={{ height: CHART_HEIGHT }}>
          <EuiLoadingChart size="l" aria-label="Loading the alerts histogram" />
        </EuiFlexGroup>
      ) : (
        <>
          <BarChart
            buckets={buckets ?? []}
            range={range}
            interval={interval}
            stackBy={stackBy}
            onBrush={onBrush}
          />
          <BucketTable
            buckets={buckets ?? []}
            stackBy={stackBy}
            interval={interval}
            captionId={captionId}
          />
        </>
      )}
    </section>
  );
};
