/** How the run history writes durations, times and windows. */
import type { ExecutionWindow, ReportedGap } from '../../api_client';
import { formatTime } from '../alerts/shared/format';

/** Shown where the host does not report a value (Kibana: windows, terms evaluated). */
export const NOT_REPORTED = '—';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** `250 ms`, `4.2 s`, `3 min 31 s`, `2 h 5 min`, `3 d 4 h`: the two largest units. */
export const formatDuration = (ms: number): string => {
  if (ms < SECOND_MS) return `${Math.round(ms)} ms`;
  if (ms < MINUTE_MS) return `${(ms / SECOND_MS).toFixed(1)} s`;
  const units: ReadonlyArray<readonly [number, string]> = [
    [DAY_MS, 'd'],
    [HOUR_MS, 'h'],
    [MINUTE_MS, 'min'],
    [SECOND_MS, 's'],
  ];
  const first = units.findIndex(([size]) => ms >= size);
  return units
    .slice(first, first + 2)
    .map(([size, unit], index) => {
      const whole =
        index === 0 ? Math.floor(ms / size) : Math.floor((ms % (units[first]?.[0] ?? size)) / size);
      return `${whole} ${unit}`;
    })
    .join(' ');
};

export const formatWindow = (window: ExecutionWindow): string =>
  `${formatTime(window.from)} → ${formatTime(window.to)}`;

/** A gap in words: its range when known, else how long before the run that found it. */
export const formatGap = (gap: ReportedGap): string =>
  gap.from !== null && gap.to !== null
    ? `${formatTime(gap.from)} → ${formatTime(gap.to)} (${formatDuration(gap.duration_ms)}), found by the run at ${formatTime(gap.reported_at)}`
    : `${formatDuration(gap.duration_ms)} not searched before the run at ${formatTime(gap.reported_at)}`;
