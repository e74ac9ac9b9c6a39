/**
 * The request checks every store applies before touching its data, so both refuse the same
 * requests with the same message (the routes answer 400 with it).
 */
import {
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MIN_HISTOGRAM_INTERVAL_MS,
  MIN_INSTANT_MS,
} from '../../common/api/request_bounds';
import { isAlertGroupField, isAlertHistogramStack } from '../../common/api/alerts_api';
import type { AlertFilter } from '../stores/store_contract';
import { compileAlertQuery, isAlertQuery } from './alert_query';

export const assertPaging = (page: number, perPage: number): void => {
  if (!Number.isSafeInteger(page) || page < 0)
    throw new RangeError(`page must be a non-negative integer (got ${page})`);
  if (!Number.isSafeInteger(perPage) || perPage < 0)
    throw new RangeError(`perPage must be a non-negative integer (got ${perPage})`);
};

export const assertInterval = (intervalMs: number): void => {
  if (
    !Number.isSafeInteger(intervalMs) ||
    intervalMs < MIN_HISTOGRAM_INTERVAL_MS ||
    intervalMs > MAX_HISTOGRAM_INTERVAL_MS
  ) {
    throw new RangeError(
      `intervalMs must be an integer from ${MIN_HISTOGRAM_INTERVAL_MS} to ${MAX_HISTOGRAM_INTERVAL_MS} (got ${intervalMs})`
    );
  }
};

const assertInstant = (name: string, ms: number | undefined): void => {
  if (ms === undefined) return;
  if (!Number.isSafeInteger(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(
      `${name} must be whole epoch ms from ${MIN_INSTANT_MS} to ${MAX_INSTANT_MS} (got ${ms})`
    );
  }
};

/** The filter's range ends are instants both stores bind exactly (DuckDB refuses a number past BIGINT, Elasticsearch one past a long). */
export const assertFilter = (filter: AlertFilter): void => {
  assertInstant('range.from', filter.range?.from);
  assertInstant('range.to', filter.range?.to);
  if (filter.group !== undefined) assertGroupField(filter.group.field);
  if (isAlertQuery(filter.query)) compileAlertQuery(filter.query);
};

/** Only the closed list of group fields may name a field: each maps to a stored one. */
export const assertGroupField = (field: string): void => {
  if (!isAlertGroupField(field)) throw new RangeError(`cannot group alerts by ${field}`);
};

/** Only the closed list of stacks may stack a histogram: each maps to a stored field. */
export const assertHistogramStack = (stack: string | undefined): void => {
  if (stack !== undefined && !isAlertHistogramStack(stack))
    throw new RangeError(`cannot stack a histogram by ${stack}`);
};

export const assertSize = (size: number): void => {
  if (!Number.isSafeInteger(size) || size < 0)
    throw new RangeError(`size must be a non-negative integer (got ${size})`);
};
