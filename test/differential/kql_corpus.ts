/**
 * KQL queries for the differential test: systematic families (every term, wildcard, range and
 * exists form over fields of each ECS type the documents use, and/or/not combinations of a few
 * atoms) plus hand-written edge cases (precedence and keyword case, value groups, escapes, quoted
 * phrases, date math, CIDR, nested groups, wildcard field names, missing fields). Values are picked
 * to hit the documents of kql_documents.ts, some on purpose to miss.
 */

export interface CorpusQuery {
  readonly kql: string;
  /** Kibana's `dateFormat:tz`, given to both the DSL compiler and the matcher. */
  readonly dateFormatTZ?: string;
}

/** Unique key of a query (the same KQL under another time zone is another case). */
export function corpusKey(query: CorpusQuery): string {
  return query.dateFormatTZ === undefined ? query.kql : `${query.kql}  [tz ${query.dateFormatTZ}]`;
}

// ---------------------------------------------------------------------------------------------
// Systematic families

/** Keyword fields and values (already KQL-escaped where needed): exact, case-sensitive terms. */
const KEYWORD_TERMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'process.name',
    [
      'bash',
      'BASH',
      'Bash',
      'docker',
      'sh',
      'café',
      '进程',
      'İstanbul',
      'rocket🚀',
      '42',
      'a\\:b',
      'longcmd',
      'nosuchprocess',
      'bas',
    ],
  ],
  ['process.parent.name', ['runc', 'sudo', 'sshd', 'docker-entrypoint.sh']],
  ['process.args', ['--privileged', 'run', '-it', 'ubuntu', '1', '3.5', 'short', 'b', 'launch']],
  ['process.executable', ['/usr/bin/bash', '/USR/BIN/BASH', '/bin/sh']],
  ['process.entry_leader.entry_meta.type', ['container', 'sshd', 'init']],
  ['user.name', ['root', 'Root', 'ubuntu', 'José']],
  ['user.id', ['0', '1000']],
  ['event.category', ['process']],
  ['data_stream.type', ['logs']],
  ['host.os.type', ['linux']],
  ['custom.tag', ['alpha', 'Alpha', 'beta', 'long-note']],
  ['labels.env', ['prod']],
  ['container.labels.app', ['web']],
  ['dns.answers.type', ['AAAA']],
];

/** Values also tried quoted: a quoted keyword value is the same term. */
const QUOTED_KEYWORD_TERMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['process.name', ['bash', 'a:b', ' padded ', '', 'İstanbul']],
  ['process.args', ['--privileged', 'x or y', 'not this', 'foo*bar', 'say \\"hi\\"', 'a\\\\b']],
  ['process.title', ['two  spaces', 'and', 'Straße']],
];

const WILDCARD_TERMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [
    'process.name',
    ['ba*', '*sh', '*as*', 'b*h', 'BA*', 'doc*er', 'caf*', '进*', '*🚀', 'x*', '*a\\:b*'],
  ],
  ['process.args', ['*privileged', '--priv*', 'foo*bar', 'foo\\*bar', '*\\**', '-*']],
  ['process.executable', ['/usr/bin/*', '*System32*', '*/sh']],
  ['process.command_line', ['*docker run*', 'bash*', '*--privileged*', 'Bash*']],
  ['process.command_line.text', ['DOCKER*', 'run*', '*buntu*', 'privileg*', '启*']],
  ['process.name.text', ['BA*', 'ba*', 'caf*']],
  ['message', ['privileg*', 'Privileg*', 'kube*', '*ginx']],
  ['user.name', ['r*', 'R*', '*o*']],
  ['custom.tag', ['al*', 'Al*', '*a']],
  ['labels.env', ['p*']],
];

const EXISTS_FIELDS: readonly string[] = [
  'process.name',
  'process.pid',
  'process.interactive',
  'process.args',
  'process.title',
  'process.command_line',
  'process.command_line.text',
  'process',
  'custom',
  'custom.note',
  'custom.tag',
  'message',
  'user.id',
  'labels',
  'labels.env',
  'host.cpu.usage',
  'event.risk_score',
  '@timestamp',
  'source.ip',
  'source.geo.location',
  'process.elf.imports',
  'threat.enrichments',
  'dns.answers',
  'dns.answers.name',
  'nonexistent.field',
];

const NUMERIC_TERMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['process.pid', ['48219', '1234', '12', '12.7', '100', '"100"', '9007199254740992', '-0']],
  ['process.args_count', ['6', '3', '-5']],
  ['event.risk_score', ['0.1', '47.5', '47']],
  ['event.severity', ['73']],
  ['host.cpu.usage', ['0.125']],
  ['source.port', ['51515']],
  ['custom.count', ['5', '10.5']],
];

const RANGE_BOUNDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['process.pid', ['40000', '1234', '12', '12.5', '"100"']],
  ['process.args_count', ['5', '6']],
  ['event.risk_score', ['0.1', '47.5']],
  ['custom.count', ['5']],
  [
    '@timestamp',
    ['"2025-03-12T10:16:00"', '"2025-03-12T12:00:00Z"', '2025-03-12', '1741777200000', '2025'],
  ],
  ['process.name', ['docker', 'bash', 'z']],
  ['user.name', ['R']],
  ['source.ip', ['192.168.0.0', '11.0.0.0']],
  ['process.interactive', ['false']],
];

const RANGE_OPERATORS: readonly string[] = ['<', '<=', '>', '>='];

const BOOLEAN_TERMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['process.interactive', ['true', 'false', '"true"']],
  ['process.entry_leader.same_as_process', ['false']],
  ['custom.flag', ['true']],
];

/** Atoms for and/or/not combinations: each hits a different subset of the documents. */
const LOGIC_ATOMS: readonly string[] = [
  'process.name:bash',
  'process.interactive:true',
  'user.name:root',
  'process.args:--privileged',
  'process.parent.name:bash',
];

/** `field:value` for every value, optionally quoted. */
function termFamily(
  terms: ReadonlyArray<readonly [string, readonly string[]]>,
  quote: boolean
): string[] {
  return terms.flatMap(([field, values]) =>
    values.map((value) => (quote ? `${field}:"${value}"` : `${field}:${value}`))
  );
}

function rangeFamily(): string[] {
  return RANGE_BOUNDS.flatMap(([field, bounds]) =>
    bounds.flatMap((bound) => RANGE_OPERATORS.map((operator) => `${field} ${operator} ${bound}`))
  );
}

/** Every pair of atoms joined by each connective, and negations of single atoms. */
function logicFamily(): string[] {
  const queries: string[] = LOGIC_ATOMS.map((atom) => `not ${atom}`);
  for (let i = 0; i < LOGIC_ATOMS.length; i++) {
    for (let j = i + 1; j < LOGIC_ATOMS.length; j++) {
      const [a, b] = [LOGIC_ATOMS[i], LOGIC_ATOMS[j]];
      queries.push(`${a} and ${b}`, `${a} or ${b}`, `${a} and not ${b}`, `not ${a} or ${b}`);
    }
  }
  return queries;
}

// ---------------------------------------------------------------------------------------------
// Hand-written edge cases

const PRECEDENCE_AND_CASE: readonly string[] = [
  'process.name:bash or process.name:sh and process.interactive:true',
  '(process.name:bash or process.name:sh) and process.interactive:true',
  'process.name:bash and process.interactive:true or user.name:ubuntu',
  'process.name:bash and (process.interactive:true or user.name:ubuntu)',
  'not process.name:bash or process.interactive:false',
  'not (process.name:bash or process.interactive:false)',
  'not (not process.name:bash)',
  'process.name:bash and not not',
  'NOT process.name:bash AND process.interactive:true',
  'process.name:bash Or process.name:docker',
  'process.name:bash aNd user.name:root',
  '((process.name:bash) or ((process.name:docker and process.args:run)))',
  'process.name:bash and process.interactive:true or process.name:docker and process.args:--privileged',
  'process.name:docker and not (process.args:--privileged or process.args:ps)',
  'process.name:bash or not process.name:*',
  '*:*',
  '',
];

const VALUE_GROUPS: readonly string[] = [
  'process.name:(bash or sh)',
  'process.name:(bash and sh)',
  'process.name:(bash or docker or cat)',
  'process.name:(not bash)',
  'process.args:(run and --privileged)',
  'process.args:(run and not --privileged)',
  'process.args:("--privileged" or "-it")',
  'process.args:(docker and (run or ps))',
  'process.name:(ba* or *ker)',
  'user.name:(root or ubuntu) and process.interactive:true',
  'process.pid:(48219 or 1234 or 12)',
  'source.ip:(192.168.0.0/16 or "2001:db8::/32")',
  'message:(docker or kubernetes)',
  'message:(privileged and container)',
  'process.name:(BASH OR Bash)',
  'process.name:(bash and sh) or process.name:(sh and not bash)',
];

const ESCAPES_AND_QUOTES: readonly string[] = [
  'process.args:\\(x\\)',
  'process.args:foo\\*bar',
  'process.args:a\\\\b',
  'process.args:x \\or y',
  'process.args:\\not this',
  'process.args:tab\\there',
  'process.args:"tab\\there"',
  'process.executable:C\\:\\\\Windows\\\\System32\\\\cmd.exe',
  'process.executable:"C:\\\\Windows\\\\System32\\\\cmd.exe"',
  'process.name:\\u0063af\\u00e9',
  'process.title:\\and',
  'process.title:two  spaces',
  '"process.name":bash',
  'process.name:true',
  'process.name:"null"',
  'process.name:null',
  'process.name: bash ',
];

const TEXT_QUERIES: readonly string[] = [
  'message:privileged',
  'message:Privileged',
  'message:"privileged container"',
  'message:"container privileged"',
  'message:nginx',
  'message:web',
  'message:42',
  'message:"second line"',
  'message:"line about"',
  'message:进程',
  'message:"进程"',
  'message:程启',
  'message:started a container',
  'process.command_line.text:docker',
  'process.command_line.text:"docker run"',
  'process.command_line.text:"run docker"',
  'process.command_line.text:启动',
  'process.command_line.text:longcmd',
  'process.command_line.text:example.com',
  'process.command_line.text:"echo hi"',
  'process.name.text:bash',
  'process.name.text:BASH',
  'process.name.text:"ıi"',
  'process.name.text:istanbul',
  'message:"User root"',
];

const NUMBER_AND_BOOLEAN_EDGES: readonly string[] = [
  'process.pid:abc',
  'process.interactive:yes',
  'not process.interactive:true',
  'not process.interactive:false',
  'process.pid:(48219 or abc)',
  'custom.ratio:2.5',
  'custom.count > 4',
  'custom.flag:false',
];

const DATE_QUERIES: readonly string[] = [
  '@timestamp:2025-03-12',
  '@timestamp:2025-03-13',
  '@timestamp:"2025-03-12T10:15:42.123Z"',
  '@timestamp:"2025-03-12T10:15:42"',
  '@timestamp:2024',
  '@timestamp:1741777200000',
  '@timestamp > now-100y',
  '@timestamp < now',
  '@timestamp >= "2025-03-12||/d"',
  '@timestamp <= "2025-03-12||/d"',
  '@timestamp > "2025-03-12||/d"',
  '@timestamp < "2025-03-12T10:00:00||+1h"',
  '@timestamp >= now-1000d/d and @timestamp < now+1d/d',
  '@timestamp:yesterday',
  'process.start < 2025-01-01',
  'event.ingested >= "2025-03-12T10:15:43.512Z"',
  '@timestamp >= "2025-03-12T10:15:00" and @timestamp < "2025-03-12T10:20:00"',
  '@timestamp > 2025-03-12T10\\:15\\:00',
  'custom.when:2025-03-12',
];

/** Dates without an offset are read in the query's time zone. */
const TIME_ZONE_QUERIES: readonly CorpusQuery[] = [
  { kql: '@timestamp:2025-03-12', dateFormatTZ: 'Europe/Berlin' },
  { kql: '@timestamp < "2025-03-12T11:16:00"', dateFormatTZ: 'Europe/Berlin' },
  { kql: '@timestamp >= "2025-03-12||/d"', dateFormatTZ: 'America/New_York' },
  { kql: '@timestamp:1741777200000', dateFormatTZ: 'Asia/Tokyo' },
  { kql: '@timestamp:"2025-03-12T10:15:42.123Z"', dateFormatTZ: 'Asia/Tokyo' },
];

const IP_QUERIES: readonly string[] = [
  'source.ip:192.168.1.10',
  'source.ip:192.168.0.0/16',
  'destination.ip:10.0.0.0/8',
  'host.ip:10.0.1.23',
  'host.ip:10.0.0.0/16',
  'source.ip:"2001:db8::1"',
  'source.ip:"2001:db8::/32"',
  'source.ip:"::ffff:10.1.2.3"',
  'source.ip:10.1.2.3',
  'destination.ip:"::1"',
  'host.ip:fe80\\:\\:1',
  'source.ip:not-an-ip',
  'source.ip:203.0.113.45 or host.ip:172.17.0.1',
  'host.ip:10.*',
];

const NESTED_QUERIES: readonly string[] = [
  'threat.enrichments:{ indicator.type:file and matched.field:source.ip }',
  'threat.enrichments:{ indicator.type:ipv4-addr and matched.field:source.ip }',
  'threat.enrichments:{ indicator.provider:feed-a }',
  'threat.enrichments:{ indicator.ip:203.0.113.0/24 }',
  'threat.enrichments:{ indicator.type:url }',
  'not threat.enrichments:{ indicator.type:file }',
  'threat.enrichments:{ indicator.type:file or indicator.type:url }',
  'threat.enrichments:{ not indicator.type:file }',
  'threat.enrichments:{ matched.atomic:* }',
  'threat.enrichments:{ indicator.provider:feed-* and matched.atomic:abc123 }',
  'threat.enrichments.matched.*:source.ip',
  'threat.enrichments.indicator.type:file',
];

const FIELD_NAME_PATTERNS: readonly string[] = [
  'process.parent.*:sudo',
  'process.entry_leader.entry_meta.*:container',
  'process.na*:bash',
  'user.*:root',
  'labels.*:prod',
  'custom.*:alpha',
  // Unmapped names: exists and query_string expand a field pattern in ES itself, range and match do not.
  'labels.*:*',
  'labels.*:p*',
  'custom.*:al*',
  'custom.* > 4',
  'custom.*:*',
  'process.*:bash',
  'process.elf.imports:libc.so.6',
  'process.elf.imports.name:libc.so.6',
];

/** Fields whose values are objects (flattened, geo_point), nested fields reached by patterns, long unmapped strings. */
const MAPPING_SHAPES: readonly string[] = [
  'process.elf.imports:lib*',
  'process.elf.imports:6',
  'process.elf.imports:true',
  'process.elf.imports:"libm.so.6"',
  'process.elf.imports > libc',
  'process.elf.imports.name:libm.so.6',
  'process.elf.imports.version:6',
  'process.elf.imports.version:6.0',
  'process.elf.imports.nested.deeper:libdl',
  'process.elf.imports.nested:*',
  'process.elf.imports.name > a',
  'process.elf.imports.*:*',
  'process.elf:*',
  'destination.geo.location:*',
  'client.geo.location:*',
  'client:*',
  'source.geo.location.lat:52.52',
  'source.geo.location:berlin',
  'libm.so.6',
  '52.52',
  'threat.enrichments.*.provider:feed-a',
  'threat.enrichments.*:feed-a',
  'threat.enrichments:{ indicator.*:file }',
  'threat.enrichments.matched.* > "2025"',
  'threat.enrichments.indicator.type:*',
  'not threat.enrichments.indicator.type:file',
  'custom.note:z*',
];

const FIELDLESS_QUERIES: readonly string[] = [
  'bash',
  'docker',
  '"privileged container"',
  'nginx',
  '10.0.1.23',
  '48219',
  'ba*',
];

const MISSING_FIELDS: readonly string[] = [
  'nonexistent.field:x',
  'not nonexistent.field:x',
  'nonexistent.field > 5',
  'not process.name:*',
  'not @timestamp:*',
  'process.name:* and not process.pid:*',
];

const HAND_WRITTEN: readonly string[] = [
  ...PRECEDENCE_AND_CASE,
  ...VALUE_GROUPS,
  ...ESCAPES_AND_QUOTES,
  ...TEXT_QUERIES,
  ...NUMBER_AND_BOOLEAN_EDGES,
  ...DATE_QUERIES,
  ...IP_QUERIES,
  ...NESTED_QUERIES,
  ...FIELD_NAME_PATTERNS,
  ...MAPPING_SHAPES,
  ...FIELDLESS_QUERIES,
  ...MISSING_FIELDS,
];

/** The whole corpus, duplicates removed, in a stable order. */
export function kqlCorpus(): CorpusQuery[] {
  const texts = [
    ...termFamily(KEYWORD_TERMS, false),
    ...termFamily(QUOTED_KEYWORD_TERMS, true),
    ...termFamily(WILDCARD_TERMS, false),
    ...EXISTS_FIELDS.map((field) => `${field}:*`),
    ...termFamily(NUMERIC_TERMS, false),
    ...rangeFamily(),
    ...termFamily(BOOLEAN_TERMS, false),
    ...logicFamily(),
    ...HAND_WRITTEN,
  ];
  const queries: CorpusQuery[] = [...texts.map((kql) => ({ kql })), ...TIME_ZONE_QUERIES];
  const seen = new Set<string>();
  return queries.filter((query) => {
    const key = corpusKey(query);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
