/** The benchmark's results as the Markdown section appended to the benchmark history. */
import type { MachineDescription } from './machine';
import type {
  ApiFigures,
  ExecutionFigures,
  IngestFigures,
  RuleAlerts,
  SizeResult,
  StoreExecution,
} from './results';
import { formatSpread, type Spread } from './stats';
import type { TargetRow } from './targets';

export interface ReportContext {
  readonly date: Date;
  readonly machine: MachineDescription;
  /** e.g. `Node v20.20.2`, `@duckdb/node-api 1.5.6-r.1 (DuckDB v1.3.2)`, … */
  readonly versions: readonly string[];
  readonly command: string;
  /** One paragraph per measured part, saying how its figures were taken. */
  readonly method: readonly string[];
  readonly sizes: readonly SizeResult[];
  readonly api?: ApiFigures;
  readonly targets: readonly TargetRow[];
}

/** Where `npm run bench` appends each report, relative to the repository root. */
export const BENCHMARK_HISTORY_FILE = 'docs/benchmark_history.md';

export const count = (value: number): string => Math.round(value).toLocaleString('en-US');
export const megabytes = (value: number): string => `${count(value)} MB`;
export const millis = (value: number): string =>
  value < 10
    ? `${value.toFixed(2)} ms`
    : value < 100
      ? `${value.toFixed(1)} ms`
      : `${count(value)} ms`;
export const secondsText = (value: number): string =>
  value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;
export const micros = (value: number): string =>
  value < 10
    ? `${value.toFixed(2)} µs`
    : value < 100
      ? `${value.toFixed(1)} µs`
      : `${count(value)} µs`;

export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;
export const times = (ratio: number): string => `${ratio.toFixed(1)}×`;

const spread = (value: Spread | undefined, format: (value: number) => string): string =>
  value === undefined ? '—' : value.runs === 1 ? format(value.median) : formatSpread(value, format);

/** Escapes what would break a Markdown table cell. */
export const cell = (text: string): string =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

const table = (
  header: readonly string[],
  align: ReadonlyArray<'l' | 'r'>,
  rows: ReadonlyArray<readonly string[]>
): string[] => [
  `| ${header.join(' | ')} |`,
  `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
  ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
];

const ingestRows = (size: SizeResult): string[][] =>
  size.ingest.map((figures: IngestFigures) => [
    count(size.events),
    figures.store === 'embedded' ? 'embedded (DuckDB)' : 'Elasticsearch',
    `${size.fileMb.toFixed(0)} MB`,
    String(figures.runs),
    spread(figures.seconds, secondsText),
    spread(figures.eventsPerSecond, count),
    spread(figures.mbPerSecond, (v) => v.toFixed(1)),
    spread(figures.peakRssMb, megabytes) +
      (figures.serverPeakRssMb === undefined ? '' : `; JVM ${megabytes(figures.serverPeakRssMb)}`),
    figures.note ?? '',
  ]);

const statusNote = (execution: StoreExecution | undefined): string => {
  if (execution === undefined) return '';
  const notes = [
    execution.status === 'succeeded' ? '' : execution.status,
    execution.truncated ? 'alert cap reached' : '',
  ];
  return notes.filter((note) => note.length > 0).join(', ');
};

/** The unmeasured first execution of each store (the embedded one builds the term history). */
const firstRunNote = (
  embedded: StoreExecution | undefined,
  elasticsearch: StoreExecution | undefined
): string => {
  const parts = [
    embedded?.firstMs === undefined ? '' : `embedded ${millis(embedded.firstMs)}`,
    elasticsearch?.firstMs === undefined ? '' : `ES ${millis(elasticsearch.firstMs)}`,
  ].filter((part) => part.length > 0);
  return parts.length === 0 ? '' : `first run: ${parts.join(', ')}`;
};

const executionRow = (events: number, figures: ExecutionFigures): string[] => {
  const { embedded, elasticsearch } = figures;
  const ratio =
    embedded && elasticsearch
      ? `${(elasticsearch.ms.median / Math.max(embedded.ms.median, 0.001)).toFixed(1)}×`
      : '—';
  const terms = embedded?.termsEvaluated ?? elasticsearch?.termsEvaluated;
  const termsMismatch =
    embedded && elasticsearch && embedded.termsEvaluated !== elasticsearch.termsEvaluated;
  const alerts = [embedded?.alerts, elasticsearch?.alerts]
    .filter((value): value is number => value !== undefined)
    .map(count)
    .join(' / ');
  const esRss = elasticsearch
    ? `${megabytes(elasticsearch.peakRssMb)}${elasticsearch.serverPeakRssMb === undefined ? '' : ` + JVM ${megabytes(elasticsearch.serverPeakRssMb)}`}`
    : '—';
  const notes = [
    statusNote(embedded),
    statusNote(elasticsearch) ? `ES: ${statusNote(elasticsearch)}` : '',
    firstRunNote(embedded, elasticsearch),
  ].filter((n) => n.length > 0);
  return [
    count(events),
    `${figures.rule}${figures.kind === 'bench' ? ' (bench rule)' : ''} [${figures.fields.join(', ')}]`,
    figures.windowLabel,
    spread(embedded?.ms, millis),
    spread(elasticsearch?.ms, millis),
    ratio,
    terms === undefined
      ? '—'
      : `${count(terms)}${termsMismatch ? ` (ES ${count(elasticsearch.termsEvaluated)})` : ''}`,
    spread(embedded?.termsPerSecond, count),
    spread(elasticsearch?.termsPerSecond, count),
    alerts || '—',
    embedded ? megabytes(embedded.peakRssMb) : '—',
    esRss,
    notes.join('; '),
  ];
};

const sizeSections = (sizes: readonly SizeResult[]): string[] => {
  const lines: string[] = [];
  const ingest = sizes.flatMap(ingestRows);
  if (ingest.length > 0) {
    lines.push('### 1. Ingest', '');
    lines.push(
      ...table(
        ['events', 'store', 'file', 'runs', 'wall', 'events/s', 'MB/s', 'peak RSS', 'note'],
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        ingest
      ),
      ''
    );
  }
  const executions = sizes.flatMap((size) =>
    size.executions.map((figures) => executionRow(size.events, figures))
  );
  if (executions.length > 0) {
    lines.push(
      '### 2. One execution over the 14-day history: embedded vs Elasticsearch, same data, same run',
      ''
    );
    lines.push(
      ...table(
        [
          'events',
          'rule [new terms fields]',
          'window',
          'embedded wall',
          'Elasticsearch wall',
          'ES ÷ embedded',
          'terms evaluated',
          'embedded terms/s',
          'ES terms/s',
          'alerts (emb / ES)',
          'embedded peak RSS',
          'ES peak RSS (client + JVM)',
          'note',
        ],
        ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
        executions
      ),
      ''
    );
  }
  const replays = sizes.flatMap((size) =>
    size.replays.map((replay) => [
      count(size.events),
      replay.rule,
      spread(replay.seconds, secondsText),
      count(replay.scheduledWindows),
      count(replay.executedWindows),
      count(replay.alerts),
      megabytes(replay.peakRssMb),
      replay.errors.join(' '),
    ])
  );
  if (replays.length > 0) {
    lines.push('### 3. Replay of the whole history (`ctd scan`, embedded store, warm-up 0)', '');
    lines.push(
      ...table(
        [
          'events',
          'rule',
          'wall',
          'scheduled windows',
          'executed windows',
          'alerts',
          'peak RSS',
          'errors',
        ],
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
        replays
      ),
      ''
    );
  }
  const kql = sizes.flatMap((size) =>
    size.kql.map((figures) => [
      count(size.events),
      `${figures.label}: \`${figures.query.trim().replace(/\s+/g, ' ')}\``,
      spread(figures.parseUs, micros),
      spread(figures.dslUs, micros),
      spread(figures.sqlUs, micros),
      spread(figures.matcherDocsPerSecond, count),
      `${count(figures.matched)} of ${count(figures.documents)}`,
    ])
  );
  if (kql.length > 0) {
    lines.push('### 4. KQL', '');
    lines.push(
      ...table(
        ['events', 'query', 'parse', 'compile → DSL', 'compile → SQL', 'matcher docs/s', 'matched'],
        ['r', 'l', 'r', 'r', 'r', 'r', 'r'],
        kql
      ),
      ''
    );
  }
  return lines;
};

const apiSection = (api: ApiFigures): string[] => [
  `### 5. Alerts API: first page with ${count(api.alerts)} alerts stored`,
  '',
  ...table(
    ['alerts stored', 'request', 'latency', 'matching', 'returned'],
    ['r', 'l', 'r', 'r', 'r'],
    api.requests.map((request) => [
      count(api.alerts),
      `${request.label}: \`GET ${request.path}\``,
      spread(request.ms, millis),
      count(request.total),
      count(request.returned),
    ])
  ),
  '',
];

const optional = (value: number | undefined, format: (value: number) => string): string =>
  value === undefined ? '—' : format(value);

/** `size` with its share of the NDJSON file: `3.5 MB (5.8%)`. */
const storeCell = (storeMb: Spread | undefined, share: number | undefined): string =>
  storeMb === undefined
    ? '—'
    : `${spread(storeMb, (v) => `${v.toFixed(1)} MB`)}${share === undefined ? '' : ` (${percent(share)})`}`;

interface ThroughputFigures {
  readonly runs: number;
  readonly seconds: Spread;
  readonly eventsPerSecond: Spread;
  readonly peakRssMb: Spread;
}

/** One row of the reader-floor table: what was measured, its throughput, store and ratio cells. */
const throughputRow = (
  size: SizeResult,
  label: string,
  figures: ThroughputFigures,
  cells: { readonly store: string; readonly ratio: string }
): string[] => [
  count(size.events),
  label,
  String(figures.runs),
  spread(figures.seconds, secondsText),
  spread(figures.eventsPerSecond, count),
  spread(figures.peakRssMb, megabytes),
  cells.store,
  cells.ratio,
];

const readerFloorRows = (size: SizeResult): string[][] => {
  const { floors, ratios } = size;
  if (!floors) return [];
  const ingest = size.ingest.find((figures) => figures.store === 'embedded');
  const { parse, store } = floors;
  return [
    ...(ingest
      ? [
          throughputRow(size, '`ctd ingest` (embedded store)', ingest, {
            store: storeCell(ingest.storeMb, ratios?.storeShare),
            ratio: '—',
          }),
        ]
      : []),
    throughputRow(
      size,
      'floor 1: `read_ndjson` of the needed fields, aggregated over, nothing kept',
      parse,
      { store: '—', ratio: optional(ratios?.ingestOfParseFloor, percent) }
    ),
    throughputRow(
      size,
      'floor 2: the needed fields as columns + the raw line (zstd) into a new DuckDB file',
      store,
      {
        store: storeCell(store.storeMb, ratios?.floorStoreShare),
        ratio: optional(ratios?.ingestOfStoreFloor, percent),
      }
    ),
    ...(floors.prepare
      ? [
          throughputRow(
            size,
            "the project's own line preparation alone (JavaScript, one thread, nothing written)",
            floors.prepare,
            { store: '—', ratio: optional(ratios?.ingestOfPrepareCeiling, percent) }
          ),
        ]
      : []),
  ];
};

const alertsCell = (rules: readonly RuleAlerts[]): string =>
  rules.map((rule) => `${rule.rule}: ${count(rule.alerts)}`).join('; ');

interface ScanRowFigures {
  readonly runs: number;
  readonly seconds: Spread;
  readonly peakRssMb: Spread;
  readonly rules: readonly RuleAlerts[];
}

/** One row of the scan table: what was measured, its wall and alerts, ratio and note cells. */
const scanRow = (
  size: SizeResult,
  label: string,
  figures: ScanRowFigures,
  cells: { readonly ratio: string; readonly note: string }
): string[] => [
  count(size.events),
  label,
  String(figures.runs),
  spread(figures.seconds, secondsText),
  spread(figures.peakRssMb, megabytes),
  alertsCell(figures.rules),
  cells.ratio,
  cells.note,
];

const scanFloorRows = (size: SizeResult): string[][] => {
  const { scan, floors, ratios } = size;
  return [
    ...(scan
      ? [scanRow(size, '`ctd scan <file> --json` (warm-up auto)', scan, { ratio: '—', note: '' })]
      : []),
    ...(floors
      ? [
          scanRow(
            size,
            'scan floor: one SQL from the file (rules compiled by the project)',
            floors.scan,
            {
              ratio: optional(ratios?.scanOverFloor, times),
              note: ratios?.alertsAgree === false ? 'alert counts differ from `ctd scan`' : '',
            }
          ),
        ]
      : []),
  ];
};

const floorSection = (sizes: readonly SizeResult[]): string[] => {
  const reader = sizes.flatMap(readerFloorRows);
  const scans = sizes.flatMap(scanFloorRows);
  if (reader.length === 0 && scans.length === 0) return [];
  const lines = ["### 6. Against DuckDB's own NDJSON reader: same file, same invocation", ''];
  if (reader.length > 0) {
    lines.push(
      ...table(
        [
          'events',
          'measurement',
          'runs',
          'wall',
          'events/s',
          'peak RSS',
          'store (% of NDJSON)',
          'ingest ÷ this',
        ],
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
        reader
      ),
      ''
    );
  }
  if (scans.length > 0) {
    lines.push(
      ...table(
        [
          'events',
          'measurement',
          'runs',
          'wall',
          'peak RSS',
          'alerts per rule',
          '`ctd scan` ÷ this',
          'note',
        ],
        ['r', 'l', 'r', 'r', 'r', 'l', 'r', 'l'],
        scans
      ),
      ''
    );
  }
  return lines;
};

const targetSection = (targets: readonly TargetRow[]): string[] =>
  targets.length === 0
    ? []
    : [
        '### Targets',
        '',
        ...table(
          ['target', 'measured on', 'figure (median)', 'status'],
          ['l', 'l', 'r', 'l'],
          targets.map((row) => [
            row.target,
            row.subject,
            row.figure,
            row.note ? `${row.status} (${row.note})` : row.status,
          ])
        ),
        '',
      ];

export const markdownReport = (context: ReportContext): string => {
  const { machine } = context;
  const sizes = context.sizes.map((size) => count(size.events)).join(', ');
  return [
    `## ${context.date.toISOString().slice(0, 10)} — ${sizes ? `${sizes} events` : 'alerts API'}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}.`,
    '',
    `Versions: ${context.versions.join(', ')}.`,
    '',
    `Method: \`${context.command}\`.`,
    ...context.method.flatMap((paragraph) => ['', paragraph]),
    '',
    ...sizeSections(context.sizes),
    ...(context.api ? apiSection(context.api) : []),
    ...floorSection(context.sizes),
    ...targetSection(context.targets),
  ].join('\n');
};
