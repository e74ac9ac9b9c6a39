/**
 * Documents for the KQL differential test: the 12 Elastic Defend examples of
 * test/fixtures/defend_examples.ndjson plus small hand-written variants, each aimed at one way
 * Elasticsearch indexes values (arrays, dotted keys, missing and null values, coercion of strings
 * into numbers and booleans, ignore_above, unicode, case, IPv6, nested objects, unmapped fields).
 * Variants are small on purpose: a disagreement on one is easy to read.
 */
import fs from 'fs';
import path from 'path';

export interface TestDocument {
  readonly id: string;
  readonly source: Record<string, unknown>;
}

const DEFEND_EXAMPLES = path.join(__dirname, '..', 'fixtures', 'defend_examples.ndjson');

/** Over process.name's ignore_above (1024): kept in _source, not indexed. */
export const OVER_KEYWORD_LIMIT = 'x'.repeat(1100);

/** Over the ignore_above (8191) of process.command_line once wildcard becomes keyword. */
export const OVER_SUBSTITUTE_LIMIT = `longcmd ${'y'.repeat(9000)}`;

/** Over the dynamic template's ignore_above (1024) for unmapped strings. */
export const OVER_DYNAMIC_LIMIT = 'z'.repeat(1100);

function loadDefendExamples(): TestDocument[] {
  const lines = fs
    .readFileSync(DEFEND_EXAMPLES, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines.map((line, index) => ({
    id: `defend-${String(index + 1).padStart(2, '0')}`,
    source: JSON.parse(line) as Record<string, unknown>,
  }));
}

/** A minimal process event; `fields` are merged over it (top-level keys replace). */
function processEvent(timestamp: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { '@timestamp': timestamp, event: { kind: 'event', category: ['process'] }, ...fields };
}

const VARIANTS: readonly TestDocument[] = [
  // Dotted keys and mixed spellings of one path are the same field to Elasticsearch.
  {
    id: 'dotted-keys',
    source: {
      '@timestamp': '2025-03-12T10:30:00.000Z',
      'process.name': 'bash',
      'process.pid': 100,
      'process.interactive': true,
    },
  },
  {
    id: 'mixed-dotted',
    source: processEvent('2025-03-12T10:31:00.000Z', {
      process: { 'parent.name': 'sudo', name: 'vim', args: ['vim', '/etc/hosts'] },
      'process.args_count': 2,
    }),
  },
  {
    id: 'dotted-and-nested-same-field',
    source: processEvent('2025-03-12T10:32:00.000Z', {
      process: { name: 'zsh' },
      'process.args': ['zsh', '-l'],
    }),
  },
  // Arrays: any element matches.
  {
    id: 'array-args',
    source: processEvent('2025-03-12T10:33:00.000Z', {
      process: {
        name: 'docker',
        args: ['docker', 'run', '--privileged', '-it', 'ubuntu', 'bash'],
        args_count: 6,
      },
    }),
  },
  {
    id: 'array-two-names',
    source: processEvent('2025-03-12T10:33:30.000Z', {
      process: { name: ['bash', 'sh'], pid: [10, 20] },
    }),
  },
  {
    id: 'array-empty',
    source: processEvent('2025-03-12T10:34:00.000Z', { process: { name: 'true', args: [] } }),
  },
  {
    id: 'array-nested-arrays',
    source: processEvent('2025-03-12T10:35:00.000Z', {
      process: { args: [['a', 'b'], ['c']] },
      tags: ['x', ['y', 'z']],
    }),
  },
  {
    id: 'array-with-null',
    source: processEvent('2025-03-12T10:36:00.000Z', {
      process: { args: ['ls', null, '-la'], name: null },
    }),
  },
  // Missing and null values.
  { id: 'only-timestamp', source: { '@timestamp': '2025-03-12T10:37:00.000Z' } },
  {
    id: 'null-name',
    source: processEvent('2025-03-12T10:38:00.000Z', {
      process: { name: null, pid: null, interactive: null },
    }),
  },
  {
    id: 'empty-strings',
    source: processEvent('2025-03-12T10:39:00.000Z', {
      process: { name: '', title: '' },
      user: { name: '' },
    }),
  },
  { id: 'no-timestamp', source: { process: { name: 'orphan', pid: 7 } } },
  // Case: keywords are exact, text multi-fields and text fields are lowercased.
  {
    id: 'upper-case',
    source: processEvent('2025-03-12T10:40:00.000Z', {
      process: { name: 'BASH', executable: '/USR/BIN/BASH' },
      user: { name: 'Root' },
    }),
  },
  {
    id: 'title-case',
    source: processEvent('2025-03-12T10:41:00.000Z', {
      process: { name: 'Bash', command_line: 'Bash -C "Echo Hi"' },
    }),
  },
  // Unicode.
  {
    id: 'unicode-accents',
    source: processEvent('2025-03-12T10:42:00.000Z', {
      process: { name: 'café', title: 'Straße' },
      user: { name: 'José' },
    }),
  },
  {
    id: 'unicode-cjk',
    source: processEvent('2025-03-12T10:43:00.000Z', {
      process: { name: '进程', command_line: '进程 启动 --name 测试' },
      message: '进程启动',
    }),
  },
  {
    id: 'unicode-emoji',
    source: processEvent('2025-03-12T10:44:00.000Z', {
      process: { name: 'rocket🚀', args: ['🚀', 'launch'] },
    }),
  },
  {
    id: 'unicode-dotted-i',
    source: processEvent('2025-03-12T10:45:00.000Z', {
      process: { name: 'İstanbul', title: 'ıi' },
    }),
  },
  // Values over ignore_above: in _source, but not searchable (their text multi-field still is).
  {
    id: 'over-ignore-above',
    source: processEvent('2025-03-12T10:46:00.000Z', {
      process: { name: OVER_KEYWORD_LIMIT, args: ['short', OVER_KEYWORD_LIMIT] },
    }),
  },
  {
    id: 'over-substitute-limit',
    source: processEvent('2025-03-12T10:47:00.000Z', {
      process: { command_line: OVER_SUBSTITUTE_LIMIT, name: 'longcmd' },
    }),
  },
  {
    id: 'over-dynamic-limit',
    source: processEvent('2025-03-12T10:48:00.000Z', {
      custom: { note: OVER_DYNAMIC_LIMIT, tag: 'long-note' },
    }),
  },
  // Coercion: numeric and boolean strings into numeric and boolean fields, numbers into keywords.
  {
    id: 'numbers-as-strings',
    source: processEvent('2025-03-12T10:49:00.000Z', {
      process: { pid: '1234', args_count: '3', interactive: 'true', name: 'strnum' },
    }),
  },
  {
    id: 'numbers-in-keyword',
    source: processEvent('2025-03-12T10:50:00.000Z', {
      process: { args: [1, 2, 3.5], name: 42 },
      user: { id: 0 },
    }),
  },
  {
    id: 'float-in-long',
    source: processEvent('2025-03-12T10:51:00.000Z', { process: { pid: 12.7, name: 'floaty' } }),
  },
  {
    id: 'boolean-false-string',
    source: processEvent('2025-03-12T10:52:00.000Z', {
      process: { interactive: 'false', name: 'falsy' },
    }),
  },
  {
    id: 'boolean-empty-string',
    source: processEvent('2025-03-12T10:53:00.000Z', {
      process: { interactive: '', name: 'emptybool' },
    }),
  },
  {
    id: 'big-numbers',
    source: processEvent('2025-03-12T10:54:00.000Z', {
      process: { pid: 9007199254740993, args_count: -5 },
      event: { risk_score: 0.1, severity: 73 },
    }),
  },
  {
    id: 'float-field',
    source: processEvent('2025-03-12T10:55:00.000Z', {
      event: { risk_score: 47.5, severity: 21 },
      host: { cpu: { usage: 0.125 } },
    }),
  },
  // Dates: other days, epoch millis, offsets, date-only values.
  { id: 'date-epoch-millis', source: { '@timestamp': 1741777200000, process: { name: 'epoch' } } },
  {
    id: 'date-offset',
    source: { '@timestamp': '2025-03-12T23:30:00+02:00', process: { name: 'offset' } },
  },
  { id: 'date-only', source: { '@timestamp': '2025-03-13', process: { name: 'dateonly' } } },
  {
    id: 'date-other-year',
    source: {
      '@timestamp': '2024-12-31T23:59:59.999Z',
      process: { name: 'newyear', start: '2024-12-31T23:00:00Z' },
    },
  },
  // 23:30 UTC is already the next day in Berlin: `@timestamp:2025-03-12` depends on the time zone.
  {
    id: 'date-late-utc',
    source: { '@timestamp': '2025-03-12T23:30:00.000Z', process: { name: 'late' } },
  },
  {
    id: 'date-midnight',
    source: { '@timestamp': '2025-03-12T00:00:00.000Z', process: { name: 'midnight' } },
  },
  // IPs: IPv4, IPv6, IPv4-mapped IPv6, arrays.
  {
    id: 'ip-v4',
    source: processEvent('2025-03-12T11:00:00.000Z', {
      source: { ip: '192.168.1.10', port: 51515 },
      destination: { ip: '10.0.0.5', port: 443 },
    }),
  },
  {
    id: 'ip-v6',
    source: processEvent('2025-03-12T11:01:00.000Z', {
      source: { ip: '2001:db8::1' },
      destination: { ip: '::1' },
    }),
  },
  {
    id: 'ip-mapped',
    source: processEvent('2025-03-12T11:02:00.000Z', {
      source: { ip: '::ffff:10.1.2.3' },
      host: { ip: ['10.0.1.23', 'fe80::1'] },
    }),
  },
  // Text: message (match_only_text → text) and command lines with special characters.
  {
    id: 'text-message',
    source: processEvent('2025-03-12T11:03:00.000Z', {
      message: 'User root started a Privileged container: nginx-web (id 42).',
    }),
  },
  {
    id: 'text-message-2',
    source: processEvent('2025-03-12T11:04:00.000Z', {
      message: ['first line about docker', 'second LINE about kubernetes'],
    }),
  },
  {
    id: 'special-chars',
    source: processEvent('2025-03-12T11:05:00.000Z', {
      process: {
        name: 'a:b',
        executable: 'C:\\Windows\\System32\\cmd.exe',
        args: ['(x)', 'foo*bar', 'say "hi"', 'a\\b', 'x or y', 'not this', 'tab\there'],
        command_line: 'sh -c "echo $((1+2)) && curl http://example.com/a?b=c"',
        title: 'and',
      },
    }),
  },
  {
    id: 'whitespace-values',
    source: processEvent('2025-03-12T11:06:00.000Z', {
      process: { name: ' padded ', title: 'two  spaces' },
    }),
  },
  // Nested mapping (threat.enrichments is `nested`): conditions must hold in one element.
  {
    id: 'nested-two-enrichments',
    source: processEvent('2025-03-12T11:07:00.000Z', {
      threat: {
        enrichments: [
          {
            indicator: { type: 'ipv4-addr', ip: '203.0.113.45', provider: 'feed-a' },
            matched: { field: 'source.ip', atomic: '203.0.113.45' },
          },
          {
            indicator: { type: 'file', provider: 'feed-b' },
            matched: { field: 'file.hash.sha256', atomic: 'abc123' },
          },
        ],
      },
    }),
  },
  {
    id: 'nested-one-enrichment',
    source: processEvent('2025-03-12T11:08:00.000Z', {
      threat: {
        enrichments: {
          indicator: { type: 'file', ip: '198.51.100.7', provider: 'feed-a' },
          matched: { field: 'source.ip', atomic: 'abc123' },
        },
      },
    }),
  },
  {
    id: 'nested-dotted-keys',
    source: processEvent('2025-03-12T11:09:00.000Z', {
      'threat.enrichments': [
        { 'indicator.type': 'url', 'matched.field': 'url.full', 'indicator.provider': 'feed-c' },
      ],
    }),
  },
  // Unmapped fields (dynamic template: strings → keyword ignore_above 1024, numbers → double).
  {
    id: 'unmapped-fields',
    source: processEvent('2025-03-12T11:10:00.000Z', {
      custom: { tag: 'alpha', count: 5, flag: true, ratio: 2.5, when: '2025-03-12' },
    }),
  },
  {
    id: 'unmapped-fields-2',
    source: processEvent('2025-03-12T11:11:00.000Z', {
      custom: { tag: ['beta', 'Alpha'], count: 10.5 },
    }),
  },
  {
    id: 'labels-object',
    source: processEvent('2025-03-12T11:12:00.000Z', {
      labels: { env: 'prod', team: 'sec' },
      container: { labels: { app: 'web' } },
    }),
  },
  // Flattened, geo_point, object arrays.
  {
    id: 'flattened',
    source: processEvent('2025-03-12T11:13:00.000Z', {
      process: { elf: { imports: [{ name: 'libc.so.6', version: 'GLIBC_2.2.5' }] } },
    }),
  },
  {
    id: 'geo-point',
    source: processEvent('2025-03-12T11:14:00.000Z', {
      source: { geo: { location: { lat: 52.52, lon: 13.405 }, city_name: 'Berlin' } },
    }),
  },
  // geo_point's other forms; `client` holds nothing else, so `client:*` needs the geo_point.
  {
    id: 'geo-point-string',
    source: processEvent('2025-03-12T11:14:10.000Z', {
      destination: { geo: { location: '48.8566,2.3522' } },
    }),
  },
  {
    id: 'geo-point-array',
    source: processEvent('2025-03-12T11:14:20.000Z', {
      client: { geo: { location: [2.3522, 48.8566] } },
    }),
  },
  // Flattened leaves of every JSON type are keywords; keys may be deeper objects.
  {
    id: 'flattened-leaf-types',
    source: processEvent('2025-03-12T11:14:30.000Z', {
      process: {
        elf: {
          imports: [{ name: 'libm.so.6', version: 6, weak: true }, { nested: { deeper: 'libdl' } }],
        },
      },
    }),
  },
  {
    id: 'object-array',
    source: processEvent('2025-03-12T11:15:00.000Z', {
      dns: {
        answers: [
          { name: 'example.com', type: 'A', data: '93.184.216.34' },
          { name: 'example.org', type: 'AAAA', data: '2606:2800::1' },
        ],
      },
    }),
  },
  // Realistic near-duplicates of the Defend examples, to give ranges and and/or something to split.
  {
    id: 'container-shell-sh',
    source: processEvent('2025-03-12T12:00:00.000Z', {
      process: {
        name: 'sh',
        executable: '/bin/sh',
        interactive: true,
        pid: 5001,
        args: ['sh'],
        parent: { name: 'runc', executable: '/usr/bin/runc' },
        entry_leader: { entry_meta: { type: 'container' } },
      },
      user: { name: 'root', id: '0' },
      host: { name: 'ip-10-0-1-24', ip: ['10.0.1.24'] },
    }),
  },
  {
    id: 'host-ssh-bash',
    source: processEvent('2025-03-12T12:05:00.000Z', {
      process: {
        name: 'bash',
        executable: '/usr/bin/bash',
        interactive: true,
        pid: 6001,
        parent: { name: 'sshd', executable: '/usr/sbin/sshd' },
        entry_leader: { entry_meta: { type: 'sshd' } },
      },
      user: { name: 'ubuntu', id: '1000' },
      source: { ip: '203.0.113.45' },
    }),
  },
];

/** Every test document, ids unique. */
export function testDocuments(): TestDocument[] {
  return [...loadDefendExamples(), ...VARIANTS];
}
