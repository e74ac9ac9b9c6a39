/**
 * The field names the alerts search bar suggests: every field the alerts index maps explicitly,
 * and every leaf field the stored alerts hold (the event fields each alert copied from its
 * source). Sorted; the suggestions are an aid, a field not listed can still be searched.
 */
import { ALERT_FIELD_SPECS } from '../../common/alerts/alert_field_types';

/** Alerts the embedded store reads for their field names: the newest, a bounded read. */
export const FIELD_NAME_SAMPLE_ALERTS = 1_000;

export const suggestedAlertFields = (stored: Iterable<string>): string[] =>
  [...new Set([...ALERT_FIELD_SPECS.map((spec) => spec.name), ...stored])].sort();

const FLATTENED_FIELDS = ALERT_FIELD_SPECS.filter((spec) => spec.type === 'flattened').map(
  (spec) => spec.name
);

/**
 * A document's leaf field as the alerts index names it: below a `flattened` field
 * (`kibana.alert.rule.parameters`) the mapping holds only that field, whose keys are searched
 * through it, so the leaf is named by it.
 */
export const indexedFieldName = (leaf: string): string =>
  FLATTENED_FIELDS.find((root) => leaf.startsWith(`${root}.`)) ?? leaf;
