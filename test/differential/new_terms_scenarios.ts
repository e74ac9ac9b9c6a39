/**
 * The shared scenario corpus for the store differential test: each scenario is a rule, a set of
 * events and a sequence of scheduled executions. Both stores must raise the same alerts (same ids,
 * same documents) and report the same execution results. The scenarios aim at the places where
 * two implementations of new_terms could disagree: arrays, several fields, missing fields, the
 * `from` boundary, the timestamp fallback, catch-up windows, the alert cap, ties and value types.
 */
import { privilegedDockerContainerCreation } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type {
  ExceptionEntry,
  ExceptionList,
  ExceptionListItem,
  RuleExceptionListReference,
} from '../../common/exceptions/exception_schema';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import type { ExceptionSet } from '../../server/new_terms/rule_exceptions';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
export const NOW = Date.parse('2025-03-12T12:00:00.000Z');
/** Rule window start of an execution at NOW (from: now-9m). */
export const FROM = NOW - 9 * MINUTE;

export interface Execution {
  readonly startedAt: number;
  readonly previousStartedAt: number | null;
}

export interface Scenario {
  readonly name: string;
  readonly rule: NewTermsRuleDefinition;
  readonly events: ReadonlyArray<Record<string, unknown>>;
  readonly executions: readonly Execution[];
  /** Phase-1 page size (default Kibana's 10,000); small pages exercise `after_key` paging. */
  readonly pageSize?: number;
  /**
   * The `kibana.alert.new_terms` of the alerts Kibana raises, in order, where a scenario pins the
   * values down (both stores must give them, not only agree with each other).
   */
  readonly expectedNewTerms?: ReadonlyArray<readonly unknown[]>;
  /** The exception lists and items the rule's `exceptions_list` may name. */
  readonly exceptions?: ExceptionSet;
  /** Where the rule suppresses alerts: each alert in creation order, as Kibana's tests pin them. */
  readonly expectedSuppression?: readonly ExpectedSuppressedAlert[];
}

export interface ExpectedSuppressedAlert {
  readonly new_terms: readonly unknown[];
  /** `kibana.alert.suppression.docs_count`; absent for an alert that is not suppressible. */
  readonly docs_count?: number;
  /** `kibana.alert.suppression.end`, epoch ms. */
  readonly end?: number;
}

type EventShape = Record<string, unknown>;

interface ExecOptions {
  /** Combined-timestamp source: `event.ingested` (default) or only `@timestamp` when false. */
  readonly ingested?: boolean;
  readonly host?: string;
  readonly user?: string;
  readonly process?: EventShape;
  readonly extra?: EventShape;
}

/** Builds events with unique ids in one data stream per scenario (so both stores share `_index`). */
export class EventFactory {
  private sequence = 0;

  constructor(readonly namespace: string) {}

  get index(): string {
    return `logs-endpoint.events.process-${this.namespace}`;
  }

  /** An interactive exec in a container that matches rule A's query, ingested at `at`. */
  interactive(at: number, name: unknown, options: ExecOptions = {}): EventShape {
    return this.event(at, options, {
      process: {
        name,
        interactive: true,
        entry_leader: { entry_meta: { type: 'container' } },
        ...options.process,
      },
    });
  }

  /** A `docker run --privileged` exec that matches rule B's query, with `parent` as its parent executable. */
  dockerRun(at: number, parent: unknown, options: ExecOptions = {}): EventShape {
    return this.event(at, options, {
      process: {
        name: 'docker',
        args: ['docker', 'run', '--privileged', '-it', 'alpine'],
        parent: { executable: parent },
        ...options.process,
      },
    });
  }

  private event(at: number, options: ExecOptions, body: EventShape): EventShape {
    this.sequence++;
    const withIngested = options.ingested !== false;
    return {
      '@timestamp': new Date(at - 1000).toISOString(),
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: this.namespace },
      event: {
        id: `${this.namespace}-${this.sequence}`,
        category: ['process'],
        type: ['start'],
        action: 'exec',
        ...(withIngested ? { ingested: new Date(at).toISOString() } : {}),
      },
      host: { name: options.host ?? 'node-1', os: { type: 'linux' } },
      container: { id: 'c0ffee' },
      user: { name: options.user ?? 'root' },
      ...body,
      ...options.extra,
    };
  }
}

const once: readonly Execution[] = [{ startedAt: NOW, previousStartedAt: NOW - 5 * MINUTE }];
const twice: readonly Execution[] = [
  ...once,
  { startedAt: NOW + 5 * MINUTE, previousStartedAt: NOW },
];

const ruleA = (
  factory: EventFactory,
  overrides: Partial<NewTermsRuleDefinition> = {}
): NewTermsRuleDefinition => ({
  ...unusualInteractiveProcessInContainer,
  index: [factory.index],
  ...overrides,
});

const ruleB = (
  factory: EventFactory,
  overrides: Partial<NewTermsRuleDefinition> = {}
): NewTermsRuleDefinition => ({
  ...privilegedDockerContainerCreation,
  index: [factory.index],
  ...overrides,
});

type ScenarioBuilder = (factory: EventFactory) => Omit<Scenario, 'name'>;

const EXCEPTION_LIST_ID = 'scenario-exceptions';

/** The reference a rule's `exceptions_list` holds for the scenario's list. */
const exceptionsRef = (listId = EXCEPTION_LIST_ID): RuleExceptionListReference => ({
  id: `${listId}-id`,
  list_id: listId,
  type: 'detection',
  namespace_type: 'single',
});

const exceptionList: ExceptionList = {
  list_id: EXCEPTION_LIST_ID,
  type: 'detection',
  name: 'Scenario exceptions',
  description: 'exceptions of a differential scenario',
  namespace_type: 'single',
};

const exceptionItem = (itemId: string, entries: ExceptionEntry[]): ExceptionListItem => ({
  item_id: itemId,
  list_id: EXCEPTION_LIST_ID,
  type: 'simple',
  name: itemId,
  description: '',
  entries,
  namespace_type: 'single',
});

const SCENARIOS: Readonly<Record<string, ScenarioBuilder>> = {
  'rule A: a term new in the window alerts, one seen in history does not': (f) => ({
    rule: ruleA(f),
    events: [
      f.interactive(NOW - 3 * DAY, 'bash'),
      f.interactive(NOW - 2 * MINUTE, 'bash'),
      f.interactive(NOW - 2 * MINUTE, 'nc'),
    ],
    executions: once,
  }),
  'rule B: a new parent of a privileged docker run alerts once per term': (f) => ({
    rule: ruleB(f),
    events: [
      f.dockerRun(NOW - 5 * DAY, '/usr/bin/bash'),
      f.dockerRun(NOW - 4 * MINUTE, '/usr/bin/bash'),
      f.dockerRun(NOW - 3 * MINUTE, '/tmp/.x/dropper'),
      f.dockerRun(NOW - 1 * MINUTE, '/tmp/.x/dropper'),
      f.dockerRun(NOW - 1 * MINUTE, '/usr/bin/python3', {
        process: { args: ['docker', 'run', '-it', 'alpine'] },
      }),
    ],
    executions: once,
  }),
  'an array field yields one alert per new value': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['process.args'] }),
    events: [
      f.interactive(NOW - 2 * DAY, 'sh', { process: { args: ['sh', '-c'] } }),
      f.interactive(NOW - 2 * MINUTE, 'sh', { process: { args: ['sh', '-c', 'id', 'whoami'] } }),
    ],
    executions: once,
  }),
  'two fields: every combination of array values, old combinations excluded': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['host.name', 'process.args'] }),
    events: [
      f.interactive(NOW - 2 * DAY, 'sh', { host: 'node-1', process: { args: ['sh', 'id'] } }),
      f.interactive(NOW - 3 * MINUTE, 'sh', { host: 'node-1', process: { args: ['sh', 'uname'] } }),
      f.interactive(NOW - 2 * MINUTE, 'sh', { host: 'node-2', process: { args: ['sh', 'id'] } }),
    ],
    executions: once,
  }),
  'three fields with arrays, and an event missing one field yields no term': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['host.name', 'user.name', 'process.args'] }),
    events: [
      f.interactive(NOW - 6 * DAY, 'sh', { user: 'root', process: { args: ['sh', 'a'] } }),
      f.interactive(NOW - 4 * MINUTE, 'sh', { user: 'root', process: { args: ['sh', 'a', 'b'] } }),
      f.interactive(NOW - 3 * MINUTE, 'sh', { user: 'admin', process: { args: ['x'] } }),
      f.interactive(NOW - 2 * MINUTE, 'curl', { extra: { user: {} } }),
    ],
    executions: once,
    pageSize: 2,
  }),
  'the from boundary: first seen exactly at from is not new, one millisecond later is': (f) => ({
    rule: ruleA(f),
    events: [
      f.interactive(FROM, 'at-from'),
      f.interactive(FROM + 1, 'after-from'),
      f.interactive(NOW, 'at-to'),
    ],
    executions: once,
  }),
  'timestamp override absent on some events: they fall back to @timestamp': (f) => ({
    rule: ruleA(f),
    events: [
      f.interactive(NOW - 2 * DAY, 'bash', { ingested: false }),
      f.interactive(NOW - 2 * MINUTE, 'bash'),
      f.interactive(NOW - 2 * MINUTE, 'perl', { ingested: false }),
      // In the window by @timestamp but ingested after it: placed by event.ingested, outside.
      {
        ...f.interactive(NOW + 10 * MINUTE, 'late'),
        '@timestamp': new Date(NOW - 2 * MINUTE).toISOString(),
      },
    ],
    executions: once,
  }),
  'timestamp fallback disabled: events without event.ingested are ignored': (f) => ({
    rule: ruleA(f, { timestamp_override_fallback_disabled: true }),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'perl', { ingested: false }),
      f.interactive(NOW - 2 * MINUTE, 'ruby'),
    ],
    executions: once,
  }),
  'no timestamp override: @timestamp orders events': (f) => {
    const { timestamp_override: _dropped, ...withoutOverride } = ruleA(f);
    return {
      rule: withoutOverride,
      events: [
        f.interactive(NOW - 2 * DAY, 'bash'),
        f.interactive(NOW - 2 * MINUTE, 'bash'),
        f.interactive(NOW - 2 * MINUTE, 'zsh'),
      ],
      executions: once,
    };
  },
  'a late run catches up over several windows and warns about the rest of the gap': (f) => ({
    rule: ruleA(f),
    events: [
      f.interactive(NOW - 40 * MINUTE, 'in-gap'),
      f.interactive(NOW - 17 * MINUTE, 'catch-up-1'),
      f.interactive(NOW - 12 * MINUTE, 'catch-up-2'),
      f.interactive(NOW - 1 * MINUTE, 'current'),
    ],
    executions: [{ startedAt: NOW, previousStartedAt: NOW - 60 * MINUTE }],
  }),
  'overlapping executions never duplicate an alert': (f) => ({
    rule: ruleA(f),
    events: [f.interactive(NOW - 6 * MINUTE, 'nc'), f.interactive(NOW - 1 * MINUTE, 'socat')],
    executions: [
      { startedAt: NOW - 4 * MINUTE, previousStartedAt: NOW - 9 * MINUTE },
      { startedAt: NOW + MINUTE, previousStartedAt: NOW - 4 * MINUTE },
    ],
  }),
  'max_signals caps the alerts and warns': (f) => ({
    rule: ruleA(f, { max_signals: 3 }),
    events: ['a', 'b', 'c', 'd', 'e', 'f'].map((name, i) =>
      f.interactive(NOW - (i + 1) * 30_000, `tool-${name}`)
    ),
    executions: once,
  }),
  'equal timestamps: the event indexed first is the alert source': (f) => ({
    rule: ruleA(f),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'twin', { host: 'first' }),
      f.interactive(NOW - 2 * MINUTE, 'twin', { host: 'second' }),
      f.interactive(NOW - 3 * MINUTE, 'solo', { host: 'later-in-file' }),
    ],
    executions: once,
  }),
  'numeric and boolean new-terms fields keep their types': (f) => ({
    rule: ruleA(f, {
      new_terms_fields: ['process.pid', 'process.interactive'],
      query: 'event.action:exec',
    }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a', { process: { pid: 100 } }),
      f.interactive(NOW - 2 * MINUTE, 'a', { process: { pid: 100 } }),
      f.interactive(NOW - 2 * MINUTE, 'b', { process: { pid: 200 } }),
      f.interactive(NOW - 2 * MINUTE, 'c', { process: { pid: 300, interactive: false } }),
    ],
    executions: once,
  }),
  'keyword order across pages: unicode, case and punctuation terms': (f) => ({
    rule: ruleA(f),
    events: ['Zsh', 'zsh', 'émacs', 'é', '_x', '-x', '[x]', '日本'].map((name, i) =>
      f.interactive(NOW - (i + 1) * 20_000, name)
    ),
    executions: once,
    pageSize: 3,
  }),
  'a single boolean field: the term is the terms aggregation key, 1 or 0': (f) => ({
    // Kibana's document fetch is a `terms` aggregation and takes `bucket.key`, which is 1 / 0 for a
    // boolean field (NT/execute_new_terms_aggregation_approach.ts, Elasticsearch's LongTerms).
    rule: ruleA(f, { new_terms_fields: ['process.interactive'], query: 'event.action:exec' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a'),
      f.interactive(NOW - 2 * MINUTE, 'b'),
      f.interactive(NOW - 3 * MINUTE, 'c', { process: { interactive: false } }),
    ],
    executions: once,
    expectedNewTerms: [[0]],
  }),
  'a single long field: numbers stay numbers': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['process.pid'], query: 'event.action:exec' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a', { process: { pid: 100 } }),
      f.interactive(NOW - 2 * MINUTE, 'a', { process: { pid: 100 } }),
      f.interactive(NOW - 2 * MINUTE, 'b', { process: { pid: '200' } }),
      f.interactive(NOW - 3 * MINUTE, 'c', { process: { pid: 9_007_199_254_740_991 } }),
    ],
    executions: once,
    expectedNewTerms: [[200], [9_007_199_254_740_991]],
  }),
  'an ip field: addresses in canonical form, IPv4 and IPv6, one alert per new array value': (
    f
  ) => ({
    rule: ruleA(f, { new_terms_fields: ['host.ip'], query: 'event.action:exec' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a', { extra: { host: { name: 'n', ip: ['10.0.0.1'] } } }),
      f.interactive(NOW - 2 * MINUTE, 'a', {
        extra: { host: { name: 'n', ip: ['10.0.0.1', '10.0.0.2', '2001:0db8:0:0:0:0:0:0001'] } },
      }),
      f.interactive(NOW - 3 * MINUTE, 'b', {
        extra: { host: { name: 'n', ip: '::ffff:10.0.0.9' } },
      }),
    ],
    executions: once,
  }),
  'a date field: the term is the instant, whatever the offset it was written with': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['process.start'], query: 'event.action:exec' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a', { process: { start: '2025-03-10T08:00:00.000Z' } }),
      f.interactive(NOW - 2 * MINUTE, 'a', { process: { start: '2025-03-10T09:00:00+01:00' } }),
      f.interactive(NOW - 2 * MINUTE, 'b', { process: { start: '2025-03-12T11:58:00.123Z' } }),
    ],
    executions: once,
    expectedNewTerms: [[Date.parse('2025-03-12T11:58:00.123Z')]],
  }),
  'two fields of ip and date: composite keys, every combination': (f) => ({
    rule: ruleA(f, { new_terms_fields: ['host.ip', 'process.start'], query: 'event.action:exec' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'a', {
        process: { start: '2025-03-10T08:00:00Z' },
        extra: { host: { name: 'n', ip: ['10.0.0.1'] } },
      }),
      f.interactive(NOW - 2 * MINUTE, 'a', {
        process: { start: '2025-03-10T08:00:00Z' },
        extra: { host: { name: 'n', ip: ['10.0.0.1', '10.0.0.3'] } },
      }),
    ],
    executions: once,
  }),
  'query "*" matches every event of the indices': (f) => ({
    rule: ruleA(f, { query: '*' }),
    events: [
      f.interactive(NOW - 2 * DAY, 'seen'),
      f.interactive(NOW - 2 * MINUTE, 'seen'),
      f.dockerRun(NOW - 2 * MINUTE, '/bin/x', { process: { name: 'dockerd' } }),
    ],
    executions: once,
    expectedNewTerms: [['dockerd']],
  }),
  'an empty query matches every event of the indices': (f) => ({
    rule: ruleA(f, { query: '' }),
    events: [f.interactive(NOW - 2 * DAY, 'seen'), f.dockerRun(NOW - 2 * MINUTE, '/bin/x')],
    executions: once,
    expectedNewTerms: [['docker']],
  }),
  'a wildcard field name in KQL matches any field under it': (f) => ({
    // Every field under host.os.* is a keyword (or its text sub-field); a wildcard over fields of
    // other types makes Elasticsearch refuse a value those fields cannot hold, on both stores.
    rule: ruleA(f, {
      query: 'process.entry_leader.entry_meta.type : container and host.os.* : linux',
    }),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'on-linux'),
      f.interactive(NOW - 2 * MINUTE, 'on-windows', {
        extra: { host: { name: 'n', os: { type: 'windows', name: 'Windows' } } },
      }),
    ],
    executions: once,
    expectedNewTerms: [['on-linux']],
  }),
  'several index patterns: history in one counts for the other, an unlisted index is ignored': (
    f
  ) => {
    const network = { type: 'logs', dataset: 'endpoint.events.network', namespace: f.namespace };
    const other = { type: 'logs', dataset: 'other.events', namespace: f.namespace };
    return {
      rule: ruleA(f, { index: [f.index, `logs-endpoint.events.network-${f.namespace}`] }),
      events: [
        f.interactive(NOW - 2 * DAY, 'known', { extra: { data_stream: network } }),
        f.interactive(NOW - 2 * MINUTE, 'known'),
        f.interactive(NOW - 2 * MINUTE, 'fresh', { extra: { data_stream: network } }),
        f.interactive(NOW - 2 * MINUTE, 'unlisted', { extra: { data_stream: other } }),
      ],
      executions: once,
      expectedNewTerms: [['fresh']],
    };
  },
  'absolute dates: a fixed window and history, whatever the execution time': (f) => ({
    rule: ruleA(f, {
      from: new Date(NOW - 30 * MINUTE).toISOString(),
      to: new Date(NOW - 10 * MINUTE).toISOString(),
      history_window_start: new Date(NOW - 3 * DAY).toISOString(),
    }),
    events: [
      f.interactive(NOW - 4 * DAY, 'before-history'),
      f.interactive(NOW - 2 * DAY, 'in-history'),
      f.interactive(NOW - 20 * MINUTE, 'before-history'),
      f.interactive(NOW - 20 * MINUTE, 'in-history'),
      f.interactive(NOW - 5 * MINUTE, 'after-to'),
    ],
    executions: once,
    expectedNewTerms: [['before-history']],
  }),
  'an exception leaves its events out of the window: the excepted term does not alert': (f) => ({
    rule: ruleA(f, { exceptions_list: [exceptionsRef()] }),
    events: [f.interactive(NOW - 2 * MINUTE, 'benign'), f.interactive(NOW - 2 * MINUTE, 'evil')],
    executions: once,
    exceptions: {
      lists: [exceptionList],
      items: [
        exceptionItem('benign-shell', [
          { field: 'process.name', operator: 'included', type: 'match', value: 'benign' },
        ]),
      ],
    },
    expectedNewTerms: [['evil']],
  }),
  'an excepted event in history does not make its term known': (f) => ({
    // Kibana adds the exception filter to every phase, the history search included.
    rule: ruleA(f, { exceptions_list: [exceptionsRef()] }),
    events: [
      f.interactive(NOW - 2 * DAY, 'seen-by-svc', { user: 'svc' }),
      f.interactive(NOW - 2 * DAY, 'seen-by-root'),
      f.interactive(NOW - 2 * MINUTE, 'seen-by-svc'),
      f.interactive(NOW - 2 * MINUTE, 'seen-by-root'),
    ],
    executions: once,
    exceptions: {
      lists: [exceptionList],
      items: [
        exceptionItem('service-account', [
          { field: 'user.name', operator: 'included', type: 'match', value: 'svc' },
        ]),
      ],
    },
    expectedNewTerms: [['seen-by-svc']],
  }),
  'exception entries of every kind: match, match_any, exists, wildcard, excluded; items OR, entries AND':
    (f) => ({
      rule: ruleA(f, { exceptions_list: [exceptionsRef()] }),
      events: [
        f.interactive(NOW - 2 * MINUTE, 'tmp-a'),
        f.interactive(NOW - 2 * MINUTE, 'b1', { user: 'svc1', host: 'build' }),
        f.interactive(NOW - 2 * MINUTE, 'b2', { user: 'svc1', host: 'other' }),
        f.interactive(NOW - 2 * MINUTE, 'noisy'),
        f.interactive(NOW - 2 * MINUTE, 'odd', { user: 'alice' }),
        f.interactive(NOW - 3 * MINUTE, 'odd'),
      ],
      executions: once,
      exceptions: {
        lists: [exceptionList],
        items: [
          exceptionItem('temporary-tools', [
            { field: 'process.name', operator: 'included', type: 'wildcard', value: 'tmp-*' },
          ]),
          exceptionItem('build-accounts', [
            {
              field: 'user.name',
              operator: 'included',
              type: 'match_any',
              value: ['svc1', 'svc2'],
            },
            { field: 'host.name', operator: 'included', type: 'match', value: 'build' },
          ]),
          exceptionItem('noisy-in-containers', [
            { field: 'process.name', operator: 'included', type: 'match', value: 'noisy' },
            { field: 'container.id', operator: 'included', type: 'exists' },
          ]),
          exceptionItem('odd-unless-root', [
            { field: 'process.name', operator: 'included', type: 'match', value: 'odd' },
            { field: 'user.name', operator: 'excluded', type: 'match', value: 'root' },
          ]),
        ],
      },
      expectedNewTerms: [['b2'], ['odd']],
    }),
  'a nested exception entry holds within one object of the nested field': (f) => ({
    rule: ruleA(f, { exceptions_list: [exceptionsRef()] }),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'packed', {
        process: { elf: { sections: [{ name: '.upx', virtual_size: 100 }] } },
      }),
      f.interactive(NOW - 2 * MINUTE, 'split', {
        process: {
          elf: {
            sections: [
              { name: '.upx', virtual_size: 5 },
              { name: '.text', virtual_size: 100 },
            ],
          },
        },
      }),
      f.interactive(NOW - 2 * MINUTE, 'plain'),
    ],
    executions: once,
    exceptions: {
      lists: [exceptionList],
      items: [
        exceptionItem('packed-binary', [
          {
            field: 'process.elf.sections',
            type: 'nested',
            entries: [
              { field: 'name', operator: 'included', type: 'match', value: '.upx' },
              { field: 'virtual_size', operator: 'included', type: 'match', value: '100' },
            ],
          },
        ]),
      ],
    },
    expectedNewTerms: [['plain'], ['split']],
  }),
  'a list the rule names that does not exist: the run warns and applies the others': (f) => ({
    rule: ruleA(f, { exceptions_list: [exceptionsRef('no-such-list'), exceptionsRef()] }),
    events: [f.interactive(NOW - 2 * MINUTE, 'benign'), f.interactive(NOW - 2 * MINUTE, 'evil')],
    executions: once,
    exceptions: {
      lists: [exceptionList],
      items: [
        exceptionItem('benign-shell', [
          { field: 'process.name', operator: 'included', type: 'match', value: 'benign' },
        ]),
      ],
    },
    expectedNewTerms: [['evil']],
  }),
  'suppression in one execution: new terms of one host fold into the earliest': (f) => ({
    rule: ruleA(f, { alert_suppression: { group_by: ['host.name'] } }),
    events: [
      f.interactive(NOW - 4 * MINUTE, 'a', { host: 'n1' }),
      f.interactive(NOW - 3 * MINUTE, 'b', { host: 'n1' }),
      f.interactive(NOW - 2 * MINUTE, 'c', { host: 'n2' }),
    ],
    executions: once,
    expectedSuppression: [
      { new_terms: ['a'], docs_count: 1, end: NOW - 3 * MINUTE },
      { new_terms: ['c'], docs_count: 0, end: NOW - 2 * MINUTE },
    ],
  }),
  'suppression with a duration: a later execution folds into the open alert': (f) => ({
    rule: ruleA(f, {
      alert_suppression: { group_by: ['host.name'], duration: { value: 1, unit: 'h' } },
    }),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'a', { host: 'n1' }),
      f.interactive(NOW + 3 * MINUTE, 'b', { host: 'n1' }),
      f.interactive(NOW + 4 * MINUTE, 'c', { host: 'n2' }),
    ],
    executions: twice,
    expectedSuppression: [
      { new_terms: ['a'], docs_count: 1, end: NOW + 3 * MINUTE },
      { new_terms: ['c'], docs_count: 0, end: NOW + 4 * MINUTE },
    ],
  }),
  'suppression without a duration: each execution makes its own alert': (f) => ({
    rule: ruleA(f, { alert_suppression: { group_by: ['host.name'] } }),
    events: [
      f.interactive(NOW - 2 * MINUTE, 'a', { host: 'n1' }),
      f.interactive(NOW + 3 * MINUTE, 'b', { host: 'n1' }),
    ],
    executions: twice,
    expectedSuppression: [
      { new_terms: ['a'], docs_count: 0, end: NOW - 2 * MINUTE },
      { new_terms: ['b'], docs_count: 0, end: NOW + 3 * MINUTE },
    ],
  }),
  'suppression of missing fields: suppress groups them, doNotSuppress alerts each': (f) => {
    const image = { container: { id: 'c0ffee', image: { name: 'shop:1' } } };
    return {
      rule: ruleA(f, {
        alert_suppression: {
          group_by: ['container.image.name'],
          missing_fields_strategy: 'doNotSuppress',
        },
      }),
      events: [
        f.interactive(NOW - 4 * MINUTE, 'a'),
        f.interactive(NOW - 4 * MINUTE, 'b'),
        f.interactive(NOW - 3 * MINUTE, 'c', { extra: image }),
        f.interactive(NOW - 2 * MINUTE, 'd', { extra: image }),
      ],
      executions: once,
      // The alerts of events without the field are written first, without suppression fields.
      expectedSuppression: [
        { new_terms: ['a'] },
        { new_terms: ['b'] },
        { new_terms: ['c'], docs_count: 1, end: NOW - 2 * MINUTE },
      ],
    };
  },
  'suppression of missing fields by default: the events without the field are one group': (f) => ({
    rule: ruleA(f, { alert_suppression: { group_by: ['container.image.name'] } }),
    events: [
      f.interactive(NOW - 4 * MINUTE, 'a'),
      f.interactive(NOW - 3 * MINUTE, 'b'),
      f.interactive(NOW - 2 * MINUTE, 'c', {
        extra: { container: { id: 'c0ffee', image: { name: 'shop:1' } } },
      }),
    ],
    executions: once,
    expectedSuppression: [
      { new_terms: ['a'], docs_count: 1, end: NOW - 3 * MINUTE },
      { new_terms: ['c'], docs_count: 0, end: NOW - 2 * MINUTE },
    ],
  }),
  'suppression by an array field: its values, sorted, are one term': (f) => ({
    rule: ruleA(f, { alert_suppression: { group_by: ['process.args', 'host.name'] } }),
    events: [
      f.interactive(NOW - 4 * MINUTE, 'a', { process: { args: ['-x', '-a'] } }),
      f.interactive(NOW - 3 * MINUTE, 'b', { process: { args: ['-a', '-x'] } }),
      f.interactive(NOW - 2 * MINUTE, 'c', { process: { args: ['-a'] } }),
    ],
    executions: once,
    expectedSuppression: [
      { new_terms: ['a'], docs_count: 1, end: NOW - 3 * MINUTE },
      { new_terms: ['c'], docs_count: 0, end: NOW - 2 * MINUTE },
    ],
  }),
};

export const buildScenarios = (namespaceOf: (index: number) => string): Scenario[] =>
  Object.entries(SCENARIOS).map(([name, build], index) => ({
    name,
    ...build(new EventFactory(namespaceOf(index))),
  }));
