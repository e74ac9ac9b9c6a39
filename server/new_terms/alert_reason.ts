/**
 * `kibana.alert.reason`, worded as Security Solution words it for every rule type, new_terms
 * included (`buildReasonMessageForNewTermsAlert` → `buildReasonMessageUtil` in
 * SEC/server/lib/detection_engine/rule_types/utils/reason_formatters.ts; docs/new_terms.md#alert-document):
 *
 *   `[<category> ]event[ with][ process <p>,][ parent process <pp>,][ file <f>,]`
 *   `[ source <ip>][:<port>,][ destination <ip>][:<port>,][ by <user>][ on <host>]`
 *   ` created <severity> alert <rule name>.`
 *
 * Each value is read from the event's `_source` as lodash `get` reads it (a whole dotted key, or a
 * path of nested objects), kept only when it is a non-empty string or array other than `-`, and an
 * array is joined with `, `. "with" appears when any of process, parent, file, source or
 * destination is shown. The new term itself is not part of Kibana's sentence.
 */

type JsonObject = Readonly<Record<string, unknown>>;

const PATH_SEPARATOR = '.';

/**
 * The value at `path` as lodash `get` finds it: the key `path` itself when the object has it,
 * otherwise one key per dotted segment, without looking inside arrays. Undefined when absent.
 */
export const getSourceValue = (source: JsonObject, path: string): unknown => {
  if (Object.prototype.hasOwnProperty.call(source, path)) return source[path];
  let node: unknown = source;
  for (const segment of path.split(PATH_SEPARATOR)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
};

/** Kibana's placeholder for a missing value in the `fields` API: shown as nothing. */
const MISSING_VALUE = '-';
const LIST_SEPARATOR = ', ';
/**
 * The message is an ICU `select` on each value whose first branch is `null`: a value that is the
 * text "null" selects that branch too and shows nothing (it still counts towards "with").
 */
const ICU_NULL_BRANCH = 'null';

/** The text Kibana puts in the sentence for a raw value, or null for none (`getFieldTemplateValue`). */
const templateValue = (value: unknown): string | null => {
  if (typeof value === 'string') {
    return value.length === 0 || value === MISSING_VALUE ? null : value;
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  if (value.length === 1 && value[0] === MISSING_VALUE) return null;
  return value.join(LIST_SEPARATOR);
};

const shown = (value: string | null): value is string =>
  value !== null && value !== ICU_NULL_BRANCH;

interface ReasonValues {
  readonly category: string | null;
  readonly process: string | null;
  readonly parentProcess: string | null;
  readonly file: string | null;
  readonly sourceIp: string | null;
  readonly sourcePort: string | null;
  readonly destinationIp: string | null;
  readonly destinationPort: string | null;
  readonly user: string | null;
  readonly host: string | null;
}

const readValues = (source: JsonObject): ReasonValues => {
  const read = (field: string): string | null => templateValue(getSourceValue(source, field));
  return {
    category: read('event.category'),
    process: read('process.name'),
    parentProcess: read('process.parent.name'),
    file: read('file.name'),
    sourceIp: read('source.ip'),
    sourcePort: read('source.port'),
    destinationIp: read('destination.ip'),
    destinationPort: read('destination.port'),
    user: read('user.name'),
    host: read('host.name'),
  };
};

/** Any of these present (even as the text "null") adds "with" after "event". */
const hasFieldOfInterest = (values: ReasonValues): boolean =>
  [
    values.process,
    values.parentProcess,
    values.file,
    values.sourceIp,
    values.sourcePort,
    values.destinationIp,
    values.destinationPort,
  ].some((value) => value !== null);

/** `text(value)` when the value is shown, else nothing. */
const part = (value: string | null, text: (shownValue: string) => string): string =>
  shown(value) ? text(value) : '';

const endpointParts = (values: ReasonValues): string =>
  part(values.sourceIp, (ip) => ` source ${ip}`) +
  part(values.sourcePort, (port) => `:${port},`) +
  part(values.destinationIp, (ip) => ` destination ${ip}`) +
  part(values.destinationPort, (port) => `:${port},`);

const subjectParts = (values: ReasonValues): string =>
  part(values.process, (name) => ` process ${name},`) +
  part(values.parentProcess, (name) => ` parent process ${name},`) +
  part(values.file, (name) => ` file ${name},`);

export const buildNewTermsReason = (
  source: JsonObject,
  rule: { readonly name: string; readonly severity: string }
): string => {
  const values = readValues(source);
  return (
    part(values.category, (category) => `${category} `) +
    'event' +
    (hasFieldOfInterest(values) ? ' with' : '') +
    subjectParts(values) +
    endpointParts(values) +
    part(values.user, (user) => ` by ${user}`) +
    part(values.host, (host) => ` on ${host}`) +
    ` created ${rule.severity} alert ${rule.name}.`
  );
};
