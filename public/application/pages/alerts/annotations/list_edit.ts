/**
 * What a tags or assignees editor shows and sends for a set of alerts: each value is held by all of
 * them (`on`), some (`mixed`) or none; after the analyst's choices, the values to add and remove
 * (Kibana's alert tags menu works the same way).
 */
import type { WorkflowListChange } from '../../../../../common/alerts/alert_annotations';

export type HeldState = 'on' | 'mixed' | undefined;

export interface ListEntry {
  readonly value: string;
  readonly state: HeldState;
}

/**
 * Kibana's default alert tags (`securitySolution:alertTags`,
 * x-pack/solutions/security/plugins/security_solution/common/constants.ts DEFAULT_ALERT_TAGS_VALUE).
 */
export const DEFAULT_ALERT_TAGS: readonly string[] = [
  'Duplicate',
  'False Positive',
  'Further investigation required',
];

const stateOf = (value: string, held: ReadonlyArray<readonly string[]>): HeldState => {
  const holders = held.filter((values) => values.includes(value)).length;
  if (holders === 0) return undefined;
  return holders === held.length ? 'on' : 'mixed';
};

/** The alerts' own values first (in order of first appearance), then the suggestions they lack. */
export const listEntries = (
  held: ReadonlyArray<readonly string[]>,
  suggestions: readonly string[]
): ListEntry[] => {
  const values = [...new Set([...held.flat(), ...suggestions])];
  return values.map((value) => ({ value, state: stateOf(value, held) }));
};

/** Values now on that were not on every alert, and values now off that some alert held. */
export const listChange = (
  before: readonly ListEntry[],
  after: readonly ListEntry[]
): WorkflowListChange => {
  const initial = new Map(before.map((entry) => [entry.value, entry.state]));
  return {
    add: after
      .filter((entry) => entry.state === 'on' && initial.get(entry.value) !== 'on')
      .map((entry) => entry.value),
    remove: after
      .filter((entry) => entry.state === undefined && initial.get(entry.value) !== undefined)
      .map((entry) => entry.value),
  };
};

/** A typed value added to the list, on; an existing value is switched on instead. */
export const withValue = (entries: readonly ListEntry[], value: string): ListEntry[] =>
  entries.some((entry) => entry.value === value)
    ? entries.map((entry) => (entry.value === value ? { value, state: 'on' } : entry))
    : [...entries, { value, state: 'on' }];
