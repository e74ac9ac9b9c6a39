/**
 * Alert counts over the selected range as bars, with the same counts in a screen-reader table
 * (the canvas itself says nothing to assistive technology).
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
import type { HistogramBucket } from '../../api_client';
import { ErrorState } from '../../components/page_state';
import { formatTime } from './shared/format';
import type { ResolvedRange } from './alerts_view_state';
import type { HistogramInterval } from './histogram_interval';

export interface AlertsHistogramProps {
  readonly buckets: readonly HistogramBucket[] | undefined;
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly range: ResolvedRange;
  readonly interval: HistogramInterval;
  readonly onRetry: () => void;
}

const CHART_HEIGHT = 160;
// The browser's IANA zone: Elastic Charts rejects "local" (it warns and falls back to this anyway).
const BROWSER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

interface BucketTableProps {
  readonly buckets: readonly HistogramBucket[];
  readonly interval: HistogramInterval;
  readonly captionId: string;
}

const BucketTable = ({ buckets, interval, captionId }: BucketTableProps) => (
  <EuiScreenReaderOnly>
    <table aria-labelledby={captionId} data-test-subj="alertsHistogramTable">
      <thead>
        <tr>
          <th scope="col">{`Period start (${interval.description} each)`}</th>
          <th scope="col">Alerts</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((bucket) => (
          <tr key={bucket.start}>
            <td>{formatTime(bucket.start)}</td>
            <td>{bucket.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </EuiScreenReaderOnly>
);

const BarChart = ({
  buckets,
  range,
  interval,
}: Pick<AlertsHistogramProps, 'range' | 'interval'> & {
  readonly buckets: readonly HistogramBucket[];
}) => {
  const { colorMode } = useEuiTheme();
  return (
    <Chart size={{ height: CHART_HEIGHT }}>
      <Settings
        baseTheme={colorMode === 'DARK' ? DARK_THEME : LIGHT_THEME}
        showLegend={false}
        xDomain={{ min: range.from, max: range.to, minInterval: interval.ms }}
        ariaUseDefaultSummary={false}
        locale="en"
      />
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
          <EuiText size="xs" color="subdued">
            {buckets ? `${total} ${total === 1 ? 'alert' : 'alerts'} in range` : null}
          </EuiText>
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
          <BarChart buckets={buckets ?? []} range={range} interval={interval} />
          <BucketTable buckets={buckets ?? []} interval={interval} captionId={captionId} />
        </>
      )}
    </section>
  );
};
