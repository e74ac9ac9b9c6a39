/**
 * Which stored alerts an exception item describes. Kibana closes "every alert that matches this
 * exception" by running the exception filter over the alerts index, where an alert carries its
 * source event's fields (SEC/public/detection_engine/rule_exceptions/logic/
 * use_close_alerts_from_exceptions.tsx); the same KQL the rule's executions use is matched against
 * the alert documents here.
 */
import type { AlertDocument } from '../../common/alerts/alert_document';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import type { ExceptionListItem } from '../../common/exceptions/exception_schema';
import { exceptionItemsToKql } from '../../common/exceptions/exceptions_to_kql';
import { KqlCompileError } from '../../common/kql/kql_compile_error';
import { createMatcher, type DocumentMatcher } from '../../common/kql/matcher';
import { fromKueryExpression } from '../../common/kql/parse';

/** An item's matcher, or why it cannot be evaluated (value lists, `?` wildcards, bad values). */
export type ItemMatcher =
  | { readonly ok: true; readonly matches: DocumentMatcher }
  | { readonly ok: false; readonly reason: string };

export const itemMatcher = (item: ExceptionListItem, now: Date): ItemMatcher => {
  const { kql, unsupported } = exceptionItemsToKql([item], { now });
  const [problem] = unsupported;
  if (problem !== undefined) return { ok: false, reason: problem.reason };
  // An expired item no longer applies: it matches nothing.
  if (kql === undefined) return { ok: true, matches: () => false };
  try {
    return { ok: true, matches: createMatcher(fromKueryExpression(kql), ecsFieldTypes()) };
  } catch (error) {
    if (error instanceof KqlCompileError) return { ok: false, reason: error.message };
    throw error;
  }
};

/** The alerts any of the items matches (items that cannot be evaluated match none). */
export const alertsMatchingItems = (
  alerts: readonly AlertDocument[],
  items: readonly ExceptionListItem[],
  now: Date
): AlertDocument[] => {
  const matchers = items.flatMap((item) => {
    const matcher = itemMatcher(item, now);
    return matcher.ok ? [matcher.matches] : [];
  });
  return alerts.filter((alert) => matchers.some((matches) => matches(alert)));
};
