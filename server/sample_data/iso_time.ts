/**
 * ISO-8601 UTC formatting for integer epoch milliseconds, about 5x faster than
 * `new Date(ms).toISOString()`: a generated event carries half a dozen dates and the generator
 * must sustain hundreds of thousands of events per second. The date-and-minute prefix is cached
 * in a few slots (an event's dates cluster around its timestamp and its leaders' start times).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1000;
const CACHE_SLOTS = 64;
/** `YYYY-MM-DDTHH:MM:` */
const PREFIX_LENGTH = 17;

const cachedMinutes = new Float64Array(CACHE_SLOTS).fill(Number.NaN);
const cachedPrefixes: string[] = new Array<string>(CACHE_SLOTS).fill('');

const minutePrefix = (minute: number): string => {
  const slot = minute % CACHE_SLOTS;
  if (cachedMinutes[slot] !== minute) {
    cachedMinutes[slot] = minute;
    cachedPrefixes[slot] = new Date(minute * MS_PER_MINUTE).toISOString().slice(0, PREFIX_LENGTH);
  }
  return cachedPrefixes[slot] ?? '';
};

export const formatIso = (epochMs: number): string => {
  const ms = Math.floor(epochMs);
  if (ms < 0) {
    return new Date(ms).toISOString();
  }
  const minute = Math.floor(ms / MS_PER_MINUTE);
  const withinMinute = ms - minute * MS_PER_MINUTE;
  const seconds = Math.floor(withinMinute / MS_PER_SECOND);
  const millis = withinMinute - seconds * MS_PER_SECOND;
  const secondsText = seconds < 10 ? `0${seconds}` : `${seconds}`;
  const millisText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${minutePrefix(minute)}${secondsText}.${millisText}Z`;
};
