/**
 * The "Add rule exception" form's state: one condition per row, prefilled from the alert with its
 * new term(s) (switched on) and the context fields an analyst most often narrows by (switched
 * off), each editable; turned into the exception item Kibana's rule exceptions API takes.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import * as F from '../../../common/alerts/field_names';
import type {
  ExceptionEntry,
  ExceptionListItem,
} from '../../../common/exceptions/exception_schema';
import type { NewRuleExceptionItem } from '../../../common/exceptions/new_rule_exception_item';
import { getFieldValues } from '../../../common/es/document_fields';
import { textField, toAlertRow } from '../pages/alerts/shared/alert_fields';

/** The builder's operators, as Kibana's exception builder names them. */
export const CONDITION_OPERATORS = {
  is: { label: 'is', type: 'match', operator: 'included' },
  is_not: { label: 'is not', type: 'match', operator: 'excluded' },
  matches: { label: 'matches', type: 'wildcard', operator: 'included' },
  does_not_match: { label: 'does not match', type: 'wildcard', operator: 'excluded' },
  exists: { label: 'exists', type: 'exists', operator: 'included' },
  does_not_exist: { label: 'does not exist', type: 'exists', operator: 'excluded' },
} as const;
export type ConditionOperator = keyof typeof CONDITION_OPERATORS;

export const takesValue = (operator: ConditionOperator): boolean =>
  CONDITION_OPERATORS[operator].type !== 'exists';

/** Fields offered beside the new term: what separates a benign source from a suspicious one. */
export const CONTEXT_FIELDS = ['container.image.name', 'process.parent.executable', 'host.name'];

export interface ExceptionCondition {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value: string;
  /** Part of the exception (a prefilled row the analyst may leave out). */
  readonly enabled: boolean;
}

export interface ExceptionDraft {
  readonly name: string;
  readonly comment: string;
  readonly conditions: readonly ExceptionCondition[];
}

/**
 * The value to except for a new term: the term itself, unless the event holds the field as one
 * value spelled otherwise (a boolean term is keyed 1/0, the event says true/false).
 */
const termValue = (alert: AlertDocument, field: string, term: string): string => {
  const values = getFieldValues(alert, field).map(String);
  return values.includes(term) || values.length !== 1 ? term : (values[0] ?? term);
};

/** The alert's new term(s) as field/value pairs, in the rule's field order. */
export const newTermConditions = (alert: AlertDocument): ExceptionCondition[] => {
  const { newTerms, newTermsFields } = toAlertRow(alert);
  return newTermsFields.flatMap((field, i) => {
    const term = newTerms[i];
    return term === undefined
      ? []
      : [{ field, operator: 'is' as const, value: termValue(alert, field, term), enabled: true }];
  });
};

export const draftFromAlert = (alert: AlertDocument): ExceptionDraft => {
  const terms = newTermConditions(alert);
  const termFields = new Set(terms.map((condition) => condition.field));
  const context = CONTEXT_FIELDS.filter((field) => !termFields.has(field)).flatMap((field) => {
    const value = textField(alert, field);
    return value === null ? [] : [{ field, operator: 'is' as const, value, enabled: false }];
  });
  const ruleName = textField(alert, F.ALERT_RULE_NAME) ?? 'rule';
  const named = terms.map((condition) => condition.value).join(', ');
  return {
    name: named === '' ? `Exception for ${ruleName}` : `${ruleName}: ${named}`,
    comment: '',
    conditions: [...terms, ...context],
  };
};

const entryOf = (condition: ExceptionCondition): ExceptionEntry => {
  const { type, operator } = CONDITION_OPERATORS[condition.operator];
  const field = condition.field.trim();
  return type === 'exists'
    ? { type, operator, field }
    : { type, operator, field, value: condition.value };
};

/** Why the draft cannot be saved, for the form; empty when it can. */
export const draftProblems = (draft: ExceptionDraft): string[] => {
  const problems: string[] = [];
  if (draft.name.trim() === '') problems.push('Give the exception a name.');
  const used = draft.conditions.filter((condition) => condition.enabled);
  if (used.length === 0) problems.push('Choose at least one condition.');
  for (const condition of used) {
    if (condition.field.trim() === '') problems.push('Every condition needs a field.');
    else if (takesValue(condition.operator) && condition.value.trim() === '')
      problems.push(`Give a value for ${condition.field.trim()}.`);
  }
  return [...new Set(problems)];
};

export const draftToItem = (draft: ExceptionDraft): NewRuleExceptionItem => ({
  type: 'simple',
  name: draft.name.trim(),
  description: 'Added from an alert',
  entries: draft.conditions.filter((condition) => condition.enabled).map(entryOf),
  ...(draft.comment.trim() === '' ? {} : { comments: [{ comment: draft.comment.trim() }] }),
});

const operatorOf = (entry: ExceptionEntry): ConditionOperator | undefined =>
  (Object.keys(CONDITION_OPERATORS) as ConditionOperator[]).find(
    (key) =>
      CONDITION_OPERATORS[key].type === entry.type &&
      CONDITION_OPERATORS[key].operator === ('operator' in entry ? entry.operator : undefined)
  );

/**
 * A stored item as the form edits it; undefined when it holds entries the form cannot show
 * (match_any, nested, value lists), which are kept as they are rather than lost in an edit.
 */
export const draftFromItem = (item: ExceptionListItem): ExceptionDraft | undefined => {
  const conditions: ExceptionCondition[] = [];
  for (const entry of item.entries) {
    const operator = operatorOf(entry);
    if (operator === undefined || entry.type === 'match_any') return undefined;
    const value = entry.type === 'match' || entry.type === 'wildcard' ? entry.value : '';
    conditions.push({ field: entry.field, operator, value, enabled: true });
  }
  return { name: item.name, comment: '', conditions };
};

/** The stored item with the edited name and conditions (the rest, comments included, kept). */
export const editedItem = (item: ExceptionListItem, draft: ExceptionDraft): ExceptionListItem => ({
  ...item,
  name: draft.name.trim(),
  entries: draft.conditions.filter((condition) => condition.enabled).map(entryOf),
});
