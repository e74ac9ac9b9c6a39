/**
 * fast-check arbitraries of hostile HTTP requests for any route of the API: every path, query and
 * body parameter the route's schemas declare gets, at random, a value from the extremes (numbers
 * past every range, 1e309, NaN/Infinity text, empty and megabyte strings, lone surrogates, NUL,
 * percent sequences sent raw, lists where one value belongs and the reverse, `__proto__` keys,
 * deep nesting) or a valid one (so the others reach deeper code), plus unknown and repeated
 * query parameters, malformed and oddly typed bodies and wrong content types.
 */
import fc from 'fast-check';
import { CLOSING_REASONS, WORKFLOW_STATUSES } from '../../common/alerts/workflow_status';
import {
  MAX_HISTOGRAM_INTERVAL_MS,
  MAX_INSTANT_MS,
  MAX_PAGE,
  MAX_PER_PAGE,
  MIN_INSTANT_MS,
} from '../../common/api/request_bounds';
import { PREBUILT_RULES } from '../../common/rules/catalog';
import { RULE_SEVERITIES } from '../../common/rules/rule_schema';
import type { ApiRoute } from '../../server/routes/api_types';
import type { WireRequest } from './http_hosts';
import { ALERT_SORT_FIELDS } from '../../common/api/alerts_api';

export type RequestPart = 'params' | 'query' | 'body';

/** A route's parameters, read from its path and schemas so a new parameter is covered at once. */
export interface RouteModel {
  readonly route: ApiRoute;
  /** `GET /api/…/alerts/{id}`. */
  readonly key: string;
  readonly params: readonly string[];
  readonly query: readonly string[];
  readonly body: readonly string[];
  /** Body keys the schema requires (neither optional nor defaulted). */
  readonly requiredBody: readonly string[];
}

export interface HostileRequest extends WireRequest {
  readonly model: RouteModel;
  /** `part.name` of each declared parameter this request gave a value (for coverage counts). */
  readonly given: readonly string[];
  /** True when some path segment is not valid percent-encoded UTF-8. */
  readonly malformedPath: boolean;
}

// ---------------------------------------------------------------------------------------------
// Routes

interface ZodLike {
  readonly _zod: {
    readonly optin?: string;
    readonly def: {
      readonly shape?: Record<string, unknown>;
      readonly innerType?: unknown;
      readonly in?: unknown;
    };
  };
}

const isZodLike = (value: unknown): value is ZodLike =>
  typeof value === 'object' && value !== null && '_zod' in value;

/** The fields of the object a schema validates, through defaults, optionals and pipes. */
const schemaShape = (schema: unknown): Record<string, unknown> => {
  if (!isZodLike(schema)) return {};
  const { shape, innerType, in: input } = schema._zod.def;
  return shape ?? schemaShape(innerType ?? input);
};

export const schemaKeys = (schema: unknown): string[] => Object.keys(schemaShape(schema));

const requiredKeys = (schema: unknown): string[] =>
  Object.entries(schemaShape(schema))
    .filter(([, field]) => isZodLike(field) && field._zod.optin === undefined)
    .map(([key]) => key);

export const routeModels = (routes: readonly ApiRoute[]): RouteModel[] =>
  routes.map((route) => ({
    route,
    key: `${route.method} ${route.path}`,
    params: [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''),
    query: schemaKeys(route.validate.query),
    body: schemaKeys(route.validate.body),
    requiredBody: requiredKeys(route.validate.body),
  }));

// ---------------------------------------------------------------------------------------------
// Values

/** A megabyte, under the standalone server's 1 MiB JSON body limit once quoted in a body. */
const MEGABYTE_CHARS = 1_000_000;
const MEGABYTE_TEXT = 'x'.repeat(MEGABYTE_CHARS);
const MEGABYTE_NUMBER = '9'.repeat(MEGABYTE_CHARS);
const NESTING_DEPTH = 100_000;

const EXTREME_TEXT: readonly string[] = [
  '99999999999999999999999',
  '-99999999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775809',
  '9007199254740993',
  '8640000000000001',
  '-8640000000000001',
  '1e309',
  '-1e309',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  ' ',
  '-0',
  '0x1F',
  '1.5',
  '1,5',
  '１２３',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '%',
  '%FF',
  '%zz',
  '%ED%A0%80',
  '%C0%80',
  '%00',
  '__proto__',
  'constructor',
  'toString',
  '{"a":1}',
  '[]',
  'null',
  'true',
  "'; DROP TABLE alerts; --",
  '../../etc/passwd',
  '\n',
  '\r\n',
  'now-1d',
  '+275760-09-13T00:00:00.001Z',
  '2024-02-30T00:00:00Z',
  '0s',
  '-1h',
  '1.5h',
  '100000001d',
  '1w',
];

const VALID_TEXT: readonly string[] = [
  '0',
  '1',
  '25',
  '1000',
  'open',
  'acknowledged',
  'closed',
  'closed,open',
  'critical',
  'low,high',
  'asc',
  'desc',
  '@timestamp',
  'severity',
  'risk_score',
  '1h',
  '30m',
  '2024-01-01T00:00:00Z',
  '-8640000000000000',
  '8640000000000000',
  '100000000d',
  PREBUILT_RULES.map((rule) => rule.rule_id).join(','),
];

/** One UTF-16 code unit, lone surrogates included. */
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Text a parameter can hold: extremes, valid values (stored alert ids among them), random text and numbers. */
export const textValue = (alertIds: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...EXTREME_TEXT) },
    { weight: 4, arbitrary: fc.constantFrom(...VALID_TEXT, ...alertIds.slice(0, 3)) },
    { weight: 2, arbitrary: fc.string({ unit: utf16Unit, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(MEGABYTE_TEXT, MEGABYTE_NUMBER, `${'\ud800'.repeat(1_000)}`),
    }
  );

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Percent-encodes the text's UTF-8 but the unreserved characters (a lone surrogate becomes U+FFFD, as in any client). */
export const encodeText = (text: string): string =>
  encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD')).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );

/** Escapes sent as they are: malformed UTF-8, overlong forms, encoded surrogates, dot segments. */
const RAW_SEGMENTS: readonly string[] = [
  '%FF',
  '%ED%A0%80',
  '%C0%80',
  '%zz',
  '%',
  '%E0%A4',
  '%F4%90%80%80',
  '%00',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%25',
  '%u0041',
];

const isMalformed = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
};

const pathSegment = (alertIds: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: textValue(alertIds).map(encodeText) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) }
  );

// ---------------------------------------------------------------------------------------------
// JSON body text (built as text: numbers such as 1e309 have no JS value that prints them)

const RAW_NUMBERS: readonly string[] = [
  '1e309',
  '-1e309',
  '99999999999999999999999',
  '-0',
  '1.5',
  '1e-400',
  '9007199254740993',
  '-8640000000000001',
  '8640000000000000',
  '0',
];
const UNKNOWN_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '',
  'a',
];

const validJson = (alertIds: readonly string[]): string[] => [
  '"open"',
  '"closed"',
  '"acknowledged"',
  '"false_positive"',
  '{}',
  '{"status":"open"}',
  '{"from":"2024-01-01T00:00:00Z"}',
  '{"to":8640000000000000}',
  JSON.stringify(alertIds.slice(0, 2)),
  JSON.stringify(PREBUILT_RULES.map((rule) => rule.rule_id)),
  'true',
  'false',
];

const jsonValue = (alertIds: readonly string[]): fc.Arbitrary<string> => {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: textValue(alertIds).map((text) => JSON.stringify(text)) },
    { weight: 3, arbitrary: fc.constantFrom(...validJson(alertIds)) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_NUMBERS, 'true', 'false', 'null') },
    { weight: 1, arbitrary: fc.double().map((number) => JSON.stringify(number)) }
  );
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: leaf },
      {
        weight: 1,
        arbitrary: fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS, 'ids', 'from'), tie('value')), {
            maxLength: 3,
          })
          .map(
            (entries) =>
              `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${item}`).join(',')}}`
          ),
      }
    ),
  }));
  return value;
};

const DEEP_BODIES: readonly string[] = [
  `${'['.repeat(NESTING_DEPTH)}${']'.repeat(NESTING_DEPTH)}`,
  `{"ids":${'['.repeat(NESTING_DEPTH)}${']'.repeat(NESTING_DEPTH)}}`,
  `{"filter":${'{"from":'.repeat(NESTING_DEPTH / 5)}1${'}'.repeat(NESTING_DEPTH / 5)},"status":"open"}`,
];
const MALFORMED_BODIES: readonly string[] = [
  '{',
  '{"status":',
  'nul',
  '\u0000',
  '[',
  '{"a":1}}',
  "{'status':'open'}",
  '\ufeff{}',
  ' ',
  '{"status":"open",}',
];

const CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  '',
];

// ---------------------------------------------------------------------------------------------
// Valid values, per parameter name: with them the hostile value beside reaches the store

const commaJoined = <T extends string>(values: readonly T[]): fc.Arbitrary<string> =>
  fc.subarray([...values], { minLength: 1 }).map((items) => items.join(','));

const validInstant = fc.oneof(
  fc.integer({ min: MIN_INSTANT_MS, max: MAX_INSTANT_MS }).map(String),
  fc.constantFrom(
    String(MIN_INSTANT_MS),
    String(MAX_INSTANT_MS),
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '1970-01-01T00:00:00Z'
  ),
  fc
    .date({ min: new Date(MIN_INSTANT_MS), max: new Date(MAX_INSTANT_MS), noInvalidDate: true })
    .map((date) => date.toISOString())
);

/** Valid text for a query or path parameter, by name. */
const validText = (
  alertIds: readonly string[]
): Readonly<Record<string, fc.Arbitrary<string>>> => ({
  id: fc.oneof(
    fc.constantFrom(...alertIds),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  ),
  rule_id: fc.oneof(commaJoined(PREBUILT_RULES.map((rule) => rule.rule_id)), fc.uuid()),
  status: commaJoined(WORKFLOW_STATUSES),
  severity: commaJoined(RULE_SEVERITIES),
  from: validInstant,
  to: validInstant,
  page: fc
    .oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.constant(MAX_PAGE),
      fc.integer({ min: 0, max: MAX_PAGE })
    )
    .map(String),
  per_page: fc
    .oneof(fc.integer({ min: 1, max: MAX_PER_PAGE }), fc.constantFrom(1, MAX_PER_PAGE))
    .map(String),
  sort_field: fc.constantFrom(...ALERT_SORT_FIELDS),
  sort_order: fc.constantFrom('asc', 'desc'),
  interval: fc.oneof(
    fc.constantFrom('1', '1s', '1h', '30d', '100000000d', String(MAX_HISTOGRAM_INTERVAL_MS)),
    fc.integer({ min: 1, max: MAX_HISTOGRAM_INTERVAL_MS }).map(String)
  ),
});

/** An exception list and its item, as a rule export carries them beside its rules. */
const EXCEPTION_LINES: readonly object[] = [
  {
    list_id: 'hostile-allowlist',
    type: 'detection',
    name: 'Allow',
    description: '',
    namespace_type: 'single',
  },
  {
    item_id: 'hostile-item',
    list_id: 'hostile-allowlist',
    type: 'simple',
    name: 'item',
    description: '',
    namespace_type: 'single',
    entries: [{ field: 'process.name', operator: 'included', type: 'match', value: 'x' }],
  },
];

/** A new_terms rule as Kibana's create API takes it, under a prebuilt or a fresh rule_id. */
const newTermsRule = fc.record(
  {
    rule_id: fc.oneof(fc.constantFrom(...PREBUILT_RULES.map((rule) => rule.rule_id)), fc.uuid()),
    type: fc.constant('new_terms'),
    name: fc.string({ minLength: 1, maxLength: 30 }),
    description: fc.string({ minLength: 1, maxLength: 30 }),
    severity: fc.constantFrom(...RULE_SEVERITIES),
    risk_score: fc.integer({ min: 0, max: 100 }),
    index: fc.constant(['logs-*']),
    query: fc.constantFrom('*', 'process.name : bash', ''),
    new_terms_fields: fc.subarray(['host.name', 'user.name', 'process.executable'], {
      minLength: 1,
    }),
    history_window_start: fc.constantFrom('now-7d', 'now-1d'),
    enabled: fc.boolean(),
  },
  {
    requiredKeys: [
      'type',
      'name',
      'description',
      'severity',
      'risk_score',
      'index',
      'query',
      'new_terms_fields',
      'history_window_start',
    ],
  }
);

/** Valid JSON for a body parameter, by name. */
const validJsonFor = (
  alertIds: readonly string[]
): Readonly<Record<string, fc.Arbitrary<string>>> => {
  const text = validText(alertIds);
  const filter = fc
    .record(
      {
        status: text.status ?? fc.constant('open'),
        severity: text.severity ?? fc.constant('low'),
        from: validInstant,
        to: validInstant,
      },
      { requiredKeys: [] }
    )
    .map((record) => JSON.stringify(record));
  return {
    ids: fc
      .array(fc.oneof(fc.constantFrom(...alertIds), fc.string({ minLength: 1, maxLength: 20 })), {
        minLength: 1,
        maxLength: 5,
      })
      .map((ids) => JSON.stringify(ids)),
    filter,
    status: fc.constantFrom(...WORKFLOW_STATUSES).map((status) => JSON.stringify(status)),
    reason: fc.constantFrom(...CLOSING_REASONS).map((reason) => JSON.stringify(reason)),
    rule_ids: fc
      .subarray(PREBUILT_RULES.map((rule) => rule.rule_id))
      .map((ids) => JSON.stringify(ids)),
    enable: fc.boolean().map(String),
    overwrite: fc.boolean().map(String),
    rule: newTermsRule.map((rule) => JSON.stringify(rule)),
    rules: fc
      .array(newTermsRule, { minLength: 1, maxLength: 3 })
      .map((rules) => JSON.stringify(rules)),
    file: fc
      .tuple(fc.array(newTermsRule, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([rules, withExceptions]) =>
        JSON.stringify({
          name: 'rules.ndjson',
          content: [...rules, ...(withExceptions ? EXCEPTION_LINES : [])]
            .map((line) => JSON.stringify(line))
            .join('\n'),
        })
      ),
  };
};

/**
 * How hostile one request is. All out: a hostile value for a third of the parameters, extras
 * (unknown keys, raw query text, odd bodies) half the time. Mostly valid: one parameter in ten
 * hostile and no extras, so requests pass validation and hostile-but-valid values reach the store.
 */
interface Mix {
  readonly valid: number;
  readonly hostile: number;
  readonly extras: boolean;
}
const ALL_OUT: Mix = { valid: 2, hostile: 1, extras: true };
const MOSTLY_VALID: Mix = { valid: 9, hostile: 1, extras: false };

const eitherValidOrHostile = <T>(
  mix: Mix,
  valid: fc.Arbitrary<T> | undefined,
  hostile: fc.Arbitrary<T>
): fc.Arbitrary<T> =>
  valid === undefined
    ? hostile
    : fc.oneof(
        { weight: mix.valid, arbitrary: valid },
        { weight: mix.hostile, arbitrary: hostile }
      );

/** Extras half the time when the mix has them, else none. */
const extrasOf = <T>(mix: Mix, extras: fc.Arbitrary<T>, none: T): fc.Arbitrary<T> =>
  mix.extras ? fc.oneof(fc.constant(none), extras) : fc.constant(none);

// ---------------------------------------------------------------------------------------------
// Requests

const bodyText = (
  model: RouteModel,
  alertIds: readonly string[],
  mix: Mix
): fc.Arbitrary<{ text: string | undefined; given: string[] }> => {
  const optional = model.body.filter((key) => !model.requiredBody.includes(key));
  const known = mix.extras
    ? fc.subarray([...model.body])
    : fc.subarray(optional).map((keys) => [...model.requiredBody, ...keys]);
  const extra = extrasOf(
    mix,
    fc.subarray([...UNKNOWN_KEYS], { minLength: 1, maxLength: 2 }),
    [] as string[]
  );
  const valid = validJsonFor(alertIds);
  const hostile = jsonValue(alertIds);
  const object = fc
    .tuple(known, extra)
    .chain(([keys, unknown]) => {
      const all = [...keys, ...unknown];
      return fc.tuple(
        fc.constant(all),
        all.length === 0
          ? fc.constant([] as string[])
          : fc.tuple(
              ...all.map((key) =>
                eitherValidOrHostile(
                  mix,
                  model.body.includes(key) ? valid[key] : undefined,
                  hostile
                )
              )
            )
      );
    })
    .map(([keys, values]) => ({
      text: `{${keys.map((key, i) => `${JSON.stringify(key)}:${values[i] ?? 'null'}`).join(',')}}`,
      given: keys.filter((key) => model.body.includes(key)).map((key) => `body.${key}`),
    }));
  const bare = (text: string | undefined) => ({ text, given: [] as string[] });
  const odd = fc.oneof(
    { weight: 2, arbitrary: jsonValue(alertIds).map(bare) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES, ...DEEP_BODIES).map(bare) },
    { weight: 1, arbitrary: fc.constant(bare(undefined)) }
  );
  return mix.extras
    ? fc.oneof({ weight: 2, arbitrary: object }, { weight: 1, arbitrary: odd })
    : object;
};

const RAW_QUERY_SUFFIXES: readonly string[] = [
  '&%zz=1',
  '&from=%FF',
  '&=',
  '&&',
  '&a',
  '&%',
  '&to=%ED%A0%80',
  '&page=1&page=2',
];
const unknownQueryKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a'),
  fc.string({ unit: utf16Unit, minLength: 1, maxLength: 8 })
);

/** Numbers past what some store binds or a Date holds: most query parameters are numbers or times. */
const NUMBERS_PAST_RANGES: readonly string[] = [
  '99999999999999999999999',
  '-99999999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '8640000000000001',
  '-8640000000000001',
  '9007199254740993',
  '1e309',
  '100000001d',
  '9999999999999999999d',
];

const queryText = (
  model: RouteModel,
  alertIds: readonly string[],
  mix: Mix
): fc.Arbitrary<{ text: string; given: string[] }> => {
  const valid = validText(alertIds);
  const hostile = fc.oneof(
    { weight: 3, arbitrary: textValue(alertIds).map((text) => [text]) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS_PAST_RANGES).map((text) => [text]) },
    { weight: 1, arbitrary: fc.array(textValue(alertIds), { minLength: 2, maxLength: 3 }) }
  );
  const value = (key: string): fc.Arbitrary<string[]> =>
    eitherValidOrHostile(
      mix,
      valid[key]?.map((text) => [text]),
      hostile
    );
  return fc
    .tuple(
      fc
        .subarray([...model.query])
        .chain((keys) =>
          fc.tuple(
            fc.constant(keys),
            keys.length === 0 ? fc.constant([] as string[][]) : fc.tuple(...keys.map(value))
          )
        ),
      extrasOf(
        mix,
        fc.array(fc.tuple(unknownQueryKey, textValue(alertIds)), { minLength: 1, maxLength: 2 }),
        [] as Array<[string, string]>
      ),
      extrasOf(mix, fc.constantFrom(...RAW_QUERY_SUFFIXES), '')
    )
    .map(([[keys, values], unknown, suffix]) => {
      const pairs = [
        ...keys.flatMap((key, i) => (values[i] ?? []).map((item) => [key, item] as const)),
        ...unknown,
      ];
      const text =
        pairs.map(([key, item]) => `${encodeText(key)}=${encodeText(item)}`).join('&') + suffix;
      return { text, given: keys.map((key) => `query.${key}`) };
    });
};

const CONTENT_TYPE_JSON = 'application/json';
/** How much of a target or body a failure report shows. */
const SHOWN_CHARS = 2_000;

const shown = (text: string | undefined): string | undefined =>
  text === undefined || text.length <= SHOWN_CHARS
    ? text
    : `${text.slice(0, SHOWN_CHARS)}… (${text.length} chars)`;

/** A counterexample as fast-check prints it: the request, not the route's schemas. */
const describeRequest = (request: WireRequest): string =>
  JSON.stringify({
    method: request.method,
    target: shown(request.target),
    body: shown(request.body),
    contentType: request.contentType,
  });

const requestWith = (
  model: RouteModel,
  alertIds: readonly string[],
  mix: Mix
): fc.Arbitrary<HostileRequest> => {
  const segments = model.route.path.split('/');
  const validPath = validText(alertIds);
  const params = fc.tuple(
    ...model.params.map((name) =>
      eitherValidOrHostile(mix, validPath[name]?.map(encodeText), pathSegment(alertIds))
    )
  );
  const body =
    model.route.method === 'POST'
      ? bodyText(model, alertIds, mix)
      : fc.constant({ text: undefined, given: [] as string[] });
  const contentType = extrasOf(
    mix,
    fc.constantFrom<string | undefined>(undefined, ...CONTENT_TYPES),
    CONTENT_TYPE_JSON
  );
  return fc
    .tuple(params, queryText(model, alertIds, mix), body, contentType)
    .map(([values, query, payload, type]) => {
      let next = 0;
      const path = segments
        .map((segment) => (/^\{\w+\}$/.test(segment) ? (values[next++] ?? '') : segment))
        .join('/');
      const request = {
        model,
        method: model.route.method,
        target: query.text.length === 0 ? path : `${path}?${query.text}`,
        ...(payload.text === undefined
          ? {}
          : { body: payload.text, ...(type === undefined ? {} : { contentType: type }) }),
        given: [...model.params.map((name) => `params.${name}`), ...query.given, ...payload.given],
        malformedPath: values.some(isMalformed),
      };
      return { ...request, [fc.toStringMethod]: () => describeRequest(request) };
    });
};

/** Values that once answered 500, tried first on every route where they fit. */
const ISSUE_NUMBERS: Readonly<Record<string, string>> = {
  from: '99999999999999999999999',
  to: '99999999999999999999999',
  interval: '9223372036854775807',
};
const ISSUE_SEGMENTS: readonly string[] = ['%FF', '%ED%A0%80', '%C0%80', '%zz'];

const exampleRequest = (
  model: RouteModel,
  target: string,
  segmentMalformed: boolean
): HostileRequest => {
  const request = {
    model,
    method: model.route.method,
    target,
    given: model.params.map((name) => `params.${name}`),
    malformedPath: segmentMalformed,
  };
  const described = { ...request, [fc.toStringMethod]: () => describeRequest(request) };
  return described;
};

/** Requests that once answered 500 on this route, as fast-check `examples`. */
export const issueExamples = (model: RouteModel): HostileRequest[] => {
  const numbers = model.query
    .filter((key) => ISSUE_NUMBERS[key] !== undefined)
    .map((key) =>
      exampleRequest(model, `${model.route.path}?${key}=${ISSUE_NUMBERS[key] ?? ''}`, false)
    );
  const segments =
    model.params.length === 0
      ? []
      : ISSUE_SEGMENTS.map((segment) =>
          exampleRequest(model, model.route.path.replace(/\{\w+\}/g, segment), true)
        );
  return [...numbers, ...segments];
};

/** Hostile requests for one route: all-out ones and mostly valid ones, alike often. */
export const hostileRequest = (
  model: RouteModel,
  alertIds: readonly string[]
): fc.Arbitrary<HostileRequest> =>
  fc.oneof(requestWith(model, alertIds, ALL_OUT), requestWith(model, alertIds, MOSTLY_VALID));
