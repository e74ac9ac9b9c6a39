/**
 * `EventPreparer`: one NDJSON line → an event to store, or the reason Elasticsearch would reject
 * it. Runs against the real ECS field types; "what the store knows" is a plain table of fields.
 */
import fc from 'fast-check';
import { ecsFieldTypes } from '../../common/ecs/ecs_field_types';
import {
  DEFAULT_EVENT_INDEX,
  EventPreparer,
  eventKey,
  type KnownFields,
  type PrepareResult,
  type PreparedEvent,
} from './prepare_event';

const TIMESTAMP = '2025-03-12T10:15:42.123Z';
const TIMESTAMP_MS = Date.parse(TIMESTAMP);

/** A fresh, empty store: no field stored yet. */
const NOTHING_KNOWN: KnownFields = { esTypeOf: () => undefined, isObjectPath: () => false };

/** A store that already holds the given fields (esType by field). */
const storeHolding = (fields: Record<string, string>): KnownFields => ({
  esTypeOf: (field) => fields[field],
  isObjectPath: (path) => Object.keys(fields).some((field) => field.startsWith(`${path}.`)),
});

const preparer = (known: KnownFields = NOTHING_KNOWN, defaultIndex?: string) =>
  new EventPreparer(ecsFieldTypes(), known, defaultIndex);

const prepare = (line: string | Record<string, unknown>, known?: KnownFields): PrepareResult =>
  preparer(known).prepare(typeof line === 'string' ? line : JSON.stringify(line));

const prepared = (result: PrepareResult): PreparedEvent => {
  if (!result.ok) throw new Error(`expected the line to be accepted, got: ${result.reason}`);
  return result.event;
};

const reasonOf = (result: PrepareResult): string => {
  if (result.ok) throw new Error('expected the line to be rejected');
  return result.reason;
};

const fieldValues = (event: PreparedEvent): Record<string, readonly unknown[]> =>
  Object.fromEntries(event.fields.map((field) => [field.field, field.values]));

describe('EventPreparer: what is not an event', () => {
  it('rejects malformed JSON with the parser message', () => {
    expect(
      reasonOf(prepare('{"@timestamp":"2025-03-12T10:30:00.000Z","event":{"action":"exec"'))
    ).toMatch(/^malformed JSON: /);
  });

  it.each([
    ['[1]', 'array'],
    ['"x"', 'string'],
    ['42', 'number'],
    ['true', 'boolean'],
    ['null', 'null'],
  ])('rejects %s: not a JSON object (found %s)', (line, kind) => {
    expect(reasonOf(prepare(line))).toBe(`not a JSON object (found ${kind})`);
  });

  it('rejects a key repeated in one object, naming it, as Elasticsearch does', () => {
    const line =
      '{"@timestamp":"2025-03-12T10:30:00.000Z","process":{"name":"a","args":["-c"],"name":"b"}}';
    expect(reasonOf(prepare(line))).toBe('Duplicate field "name": a key repeated in one object');
    expect(
      prepare(
        '{"@timestamp":"2025-03-12T10:30:00.000Z","process":{"name":"a"},"parent":{"name":"b"}}'
      ).ok
    ).toBe(true);
  });

  it('rejects a long one past its range, which JSON.parse reads as the largest long', () => {
    const line = (pid: string): string =>
      `{"@timestamp":"2025-03-12T10:30:00.000Z","process":{"pid":${pid}}}`;
    expect(prepare(line('9223372036854775807')).ok).toBe(true);
    expect(reasonOf(prepare(line('9223372036854775808')))).toBe(
      'field process.pid of type long cannot hold 9223372036854775808 (out of range)'
    );
    expect(reasonOf(prepare(`{"_id":"a","_source":${line('"-9223372036854775809"')}}`))).toMatch(
      /out of range/
    );
  });

  it('accepts exactly the whole numbers in a long field’s range, near its edges', () => {
    const edge = 2n ** 63n;
    const near = fc.oneof(
      fc.bigInt({ min: edge - 3000n, max: edge + 3000n }),
      fc.bigInt({ min: -edge - 3000n, max: -edge + 3000n })
    );
    fc.assert(
      fc.property(near, fc.boolean(), (pid, quoted) => {
        const text = quoted ? `"${pid}"` : `${pid}`;
        const result = prepare(
          `{"@timestamp":"2025-03-12T10:30:00.000Z","process":{"pid":${text}}}`
        );
        expect(result.ok).toBe(pid >= -edge && pid < edge);
      }),
      { numRuns: 300 }
    );
  });
});

describe('EventPreparer: @timestamp', () => {
  it('rejects an event without @timestamp, or with only null there', () => {
    expect(reasonOf(prepare({ event: { id: 'e1' } }))).toBe('missing @timestamp');
    expect(reasonOf(prepare({ '@timestamp': null }))).toBe('missing @timestamp');
  });

  it('rejects an unparseable @timestamp, quoting it', () => {
    expect(reasonOf(prepare({ '@timestamp': 'yesterday' }))).toBe(
      'unparseable @timestamp "yesterday"'
    );
    expect(reasonOf(prepare({ '@timestamp': '' }))).toBe('unparseable @timestamp ""');
    expect(reasonOf(prepare({ '@timestamp': { at: 1 } }))).toBe('unparseable @timestamp {"at":1}');
  });

  it('rejects several @timestamp values', () => {
    expect(reasonOf(prepare({ '@timestamp': [TIMESTAMP, TIMESTAMP] }))).toBe(
      '@timestamp must be a single date (found 2 values)'
    );
  });

  it('indexes ISO times with an offset, dates and epoch milliseconds as UTC epoch ms', () => {
    const at = (raw: unknown) =>
      fieldValues(prepared(prepare({ '@timestamp': raw })))['@timestamp'];
    expect(at('2025-03-12T11:15:42.123+01:00')).toEqual([TIMESTAMP_MS]);
    expect(at('2025-03-12')).toEqual([Date.UTC(2025, 2, 12)]);
    expect(at(TIMESTAMP_MS)).toEqual([TIMESTAMP_MS]);
  });
});

describe('EventPreparer: field values against their mapping', () => {
  it('rejects a value an ECS field type cannot hold, naming field, type and value', () => {
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, process: { pid: 'abc' } }))).toBe(
      'field process.pid of type long cannot hold "abc"'
    );
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, process: { interactive: 'yes' } }))).toBe(
      'field process.interactive of type boolean cannot hold "yes"'
    );
  });

  it('coerces what Elasticsearch coerces: numeric strings, "true", fractions into a long', () => {
    const event = prepared(
      prepare({
        '@timestamp': TIMESTAMP,
        process: { pid: '12', interactive: 'true', parent: { pid: 7.9 } },
      })
    );
    expect(fieldValues(event)).toMatchObject({
      'process.pid': [12],
      'process.interactive': [true],
      'process.parent.pid': [7],
    });
  });

  it('rejects an object where ECS maps a value, and a value where ECS maps an object', () => {
    expect(
      reasonOf(prepare({ '@timestamp': TIMESTAMP, process: { name: { first: 'bash' } } }))
    ).toBe('field process.name is mapped as keyword but holds an object (process.name.first)');
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, labels: 'x' }))).toBe(
      'field labels is mapped as object but holds a value'
    );
  });

  it('rejects a type conflict with fields already stored (object there, value here and vice versa)', () => {
    const known = storeHolding({ 'custom.depth': 'double', flag: 'keyword' });
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, custom: 'flat' }, known))).toBe(
      'field custom holds a value but other events store fields below it'
    );
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, flag: { on: true } }, known))).toBe(
      'field flag is mapped as keyword but holds an object (flag.on)'
    );
  });

  it('remembers the dynamic type an unmapped field got earlier in the same ingest', () => {
    const sameIngest = preparer();
    expect(
      sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, custom: 'value' })).ok
    ).toBe(true);
    expect(
      reasonOf(
        sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, custom: { nested: 1 } }))
      )
    ).toBe('field custom is mapped as keyword but holds an object (custom.nested)');
    expect(
      reasonOf(sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, 'custom.other': 'x' })))
    ).toBe('field custom is mapped as keyword but holds an object (custom.other)');
  });

  // Object first, value second: the object path must be remembered as well as the leaf types.
  it('rejects a value for a path an earlier event of the same ingest used as an object', () => {
    const sameIngest = preparer();
    expect(
      sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, custom: { nested: 1 } })).ok
    ).toBe(true);
    expect(
      reasonOf(sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, custom: 'flat' })))
    ).toBe('field custom holds a value but other events store fields below it');
  });

  // ECS object paths such as `process` have no entry in the ECS field types, so without a check
  // (server/ingest/prepare_event.ts, objectConflict) `{"process": "x"}` would get a dynamic
  // keyword mapping and every later Defend event of the ingest (`process.name`, …) would then be
  // rejected as a conflict.
  it('rejects a plain value at an ECS object path such as `process`', () => {
    const sameIngest = preparer();
    expect(sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, process: 'x' })).ok).toBe(
      false
    );
    expect(
      sameIngest.prepare(JSON.stringify({ '@timestamp': TIMESTAMP, process: { name: 'bash' } })).ok
    ).toBe(true);
  });

  it('rejects several values in a date field', () => {
    expect(
      reasonOf(prepare({ '@timestamp': TIMESTAMP, event: { created: [TIMESTAMP, TIMESTAMP] } }))
    ).toBe('field event.created: multi-valued dates are not supported (found 2 values)');
  });

  it('keeps a keyword over ignore_above in _source but does not index it (not an error)', () => {
    const tooLong = 'x'.repeat(1025);
    const event = prepared(
      prepare({ '@timestamp': TIMESTAMP, user: { name: tooLong }, host: { name: 'node-1' } })
    );
    expect(fieldValues(event)).not.toHaveProperty(['user.name']);
    expect(fieldValues(event)['host.name']).toEqual(['node-1']);
    expect(JSON.parse(event.sourceText)).toMatchObject({ user: { name: tooLong } });
  });

  it("keeps an unmapped string over the dynamic template's 1,024 characters without indexing it, as Elasticsearch does", () => {
    const note = 'n'.repeat(1100);
    const event = prepared(prepare({ '@timestamp': TIMESTAMP, custom: { note, tag: 'short' } }));
    expect(fieldValues(event)).not.toHaveProperty(['custom.note']);
    expect(fieldValues(event)['custom.tag']).toEqual(['short']);
  });

  it('flattens arrays, drops nulls and merges dotted and nested spellings of a path', () => {
    const event = prepared(
      prepare({
        '@timestamp': TIMESTAMP,
        'process.name': 'bash',
        process: { args: ['bash', null, ['-i']] },
        'process.args': [],
      })
    );
    expect(fieldValues(event)).toEqual({
      '@timestamp': [TIMESTAMP_MS],
      'process.name': ['bash'],
      'process.name.text': ['bash'],
      'process.args': ['bash', '-i'],
    });
  });
});

describe('EventPreparer: multi-fields', () => {
  const preparedField = (event: PreparedEvent, field: string) =>
    event.fields.find((candidate) => candidate.field === field);

  it("indexes a mapped field's multi-fields from its values, each as its own type, naming the parent", () => {
    const event = prepared(
      prepare({
        '@timestamp': TIMESTAMP,
        process: { command_line: 'bash -c id', args: ['bash', '-c'] },
      })
    );
    expect(preparedField(event, 'process.command_line.text')).toEqual({
      field: 'process.command_line.text',
      esType: 'match_only_text',
      valueType: 'string',
      values: ['bash -c id'],
      sourceField: 'process.command_line',
    });
    expect(preparedField(event, 'process.command_line')?.sourceField).toBeUndefined();
  });

  it('indexes every value of a multi-valued parent', () => {
    const event = prepared(prepare({ '@timestamp': TIMESTAMP, process: { name: ['bash', 'sh'] } }));
    expect(fieldValues(event)['process.name.text']).toEqual(['bash', 'sh']);
  });

  it('indexes the multi-field of a keyword over ignore_above, as Elasticsearch does (the multi-field has no limit)', () => {
    const tooLong = 'x'.repeat(1025);
    const event = prepared(prepare({ '@timestamp': TIMESTAMP, user: { name: tooLong } }));
    expect(fieldValues(event)).not.toHaveProperty(['user.name']);
    expect(fieldValues(event)['user.name.text']).toEqual([tooLong]);
  });

  it('adds nothing for fields without multi-fields or unmapped ones', () => {
    const event = prepared(
      prepare({ '@timestamp': TIMESTAMP, host: { name: 'node-1' }, custom: { name: 'x' } })
    );
    expect(Object.keys(fieldValues(event)).sort()).toEqual([
      '@timestamp',
      'custom.name',
      'host.name',
    ]);
  });

  it('still rejects a document that writes a multi-field itself (its parent is a value, not an object)', () => {
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, 'process.name.text': 'bash' }))).toBe(
      'field process.name is mapped as keyword but holds an object (process.name.text)'
    );
  });
});

describe('EventPreparer: document id', () => {
  it('uses event.id when the event has one', () => {
    expect(prepared(prepare({ '@timestamp': TIMESTAMP, event: { id: 'evt-1' } })).id).toBe('evt-1');
  });

  it('hashes the content otherwise: the same line gives the same id, another line another id', () => {
    const line = JSON.stringify({ '@timestamp': TIMESTAMP, process: { name: 'bash' } });
    const first = prepared(prepare(line));
    expect(prepared(prepare(line)).id).toBe(first.id);
    // Surrounding whitespace is not content.
    expect(prepared(prepare(`  ${line}\t`)).id).toBe(first.id);
    expect(
      prepared(prepare(JSON.stringify({ '@timestamp': TIMESTAMP, process: { name: 'sh' } }))).id
    ).not.toBe(first.id);
    // Twenty digest bytes in base64url.
    expect(first.id).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('ignores an empty or non-string event.id', () => {
    const withoutId = JSON.stringify({ '@timestamp': TIMESTAMP, event: { id: '' } });
    expect(prepared(prepare(withoutId)).id).not.toBe('');
    const numericId = prepared(prepare({ '@timestamp': TIMESTAMP, event: { id: 42 } }));
    expect(numericId.id).not.toBe('42');
  });

  it('takes _id and _index from an Elasticsearch hit, over event.id and data_stream', () => {
    const source = {
      '@timestamp': TIMESTAMP,
      event: { id: 'evt-1' },
      data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'prod' },
    };
    const event = prepared(
      prepare({
        _index: '.ds-logs-endpoint.events.process-prod-000001',
        _id: 'hit-7',
        _source: source,
      })
    );
    expect(event).toMatchObject({
      index: '.ds-logs-endpoint.events.process-prod-000001',
      id: 'hit-7',
    });
    // What is stored is the _source alone, not the envelope.
    expect(JSON.parse(event.sourceText)).toEqual(source);
  });

  it('stores a hit’s _source as the line wrote it: long whole numbers, number spellings and escapes', () => {
    const source = `{ "@timestamp": "${TIMESTAMP}", "labels": { "big": 12345678901234567890, "ratio": 1.0, "exp": 1e2, "name": "caf\\u00e9" } }`;
    const event = prepared(
      prepare(
        `{"_index":"logs-endpoint.events.process-default","_id":"hit-8","_score":1.0,"_source": ${source}, "sort":[1]}`
      )
    );
    expect(event.sourceText).toBe(source);
  });

  it('falls back to event.id and data_stream inside a hit without _id / _index', () => {
    const event = prepared(
      prepare({
        _source: {
          '@timestamp': TIMESTAMP,
          event: { id: 'evt-2' },
          data_stream: { type: 'logs', dataset: 'endpoint.events.process', namespace: 'prod' },
        },
      })
    );
    expect(event).toMatchObject({ index: 'logs-endpoint.events.process-prod', id: 'evt-2' });
  });

  it('rejects a bare event carrying a metadata field, as Elasticsearch does', () => {
    expect(reasonOf(prepare({ '@timestamp': TIMESTAMP, _id: 'abc' }))).toBe(
      'field _id is a metadata field and cannot be added inside a document'
    );
    expect(
      reasonOf(prepare({ _id: 'hit-1', _source: { '@timestamp': TIMESTAMP, _routing: 'r' } }))
    ).toBe('field _routing is a metadata field and cannot be added inside a document');
  });

  it("rejects an _id over Elasticsearch's 512-byte limit (it would fail a whole bulk request there)", () => {
    const id = 'é'.repeat(257);
    expect(reasonOf(prepare({ _id: id, _source: { '@timestamp': TIMESTAMP } }))).toBe(
      `id ["${'é'.repeat(56)}...] is too long, must be no longer than 512 bytes but was: 514`
    );
    expect(prepare({ _id: 'x'.repeat(512), _source: { '@timestamp': TIMESTAMP } }).ok).toBe(true);
  });

  it('files a hit exported from a data stream under the stream, not its backing index', () => {
    const hit = {
      _index: '.ds-logs-endpoint.events.process-default-2025.03.12-000001',
      _id: 'h1',
      _source: { '@timestamp': TIMESTAMP },
    };
    expect(prepared(prepare(hit)).index).toBe('logs-endpoint.events.process-default');
    expect(prepared(prepare({ ...hit, _index: '.ds-weird' })).index).toBe('.ds-weird');
  });

  it('rejects a hit whose _id is not a non-empty string', () => {
    expect(reasonOf(prepare({ _id: 5, _source: { '@timestamp': TIMESTAMP } }))).toBe(
      '_id must be a non-empty string (found 5)'
    );
    expect(reasonOf(prepare({ _id: '', _source: { '@timestamp': TIMESTAMP } }))).toBe(
      '_id must be a non-empty string (found "")'
    );
  });

  it('keys an event by (index, id): same pair same key, another index another key', () => {
    expect(eventKey('logs-a', 'id-1')).toBe(eventKey('logs-a', 'id-1'));
    expect(eventKey('logs-a', 'id-1')).not.toBe(eventKey('logs-b', 'id-1'));
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    expect(eventKey('ab', 'c')).not.toBe(eventKey('a', 'bc'));
    const event = prepared(prepare({ '@timestamp': TIMESTAMP, event: { id: 'evt-1' } }));
    expect(event.key).toBe(eventKey(DEFAULT_EVENT_INDEX, 'evt-1'));
  });
});

describe('EventPreparer: index', () => {
  it('derives <type>-<dataset>-<namespace> from data_stream', () => {
    const event = prepared(
      prepare({
        '@timestamp': TIMESTAMP,
        data_stream: { type: 'logs', dataset: 'endpoint.events.network', namespace: 'dev' },
      })
    );
    expect(event.index).toBe('logs-endpoint.events.network-dev');
  });

  it('uses the default index when data_stream is incomplete or absent', () => {
    const partial = {
      '@timestamp': TIMESTAMP,
      data_stream: { type: 'logs', dataset: 'endpoint.events.network' },
    };
    expect(prepared(prepare(partial)).index).toBe(DEFAULT_EVENT_INDEX);
    expect(prepared(prepare({ '@timestamp': TIMESTAMP })).index).toBe(DEFAULT_EVENT_INDEX);
    expect(
      prepared(
        preparer(NOTHING_KNOWN, 'logs-custom-default').prepare(
          JSON.stringify({ '@timestamp': TIMESTAMP })
        )
      ).index
    ).toBe('logs-custom-default');
  });
});

// One line must never stop an ingest, and a reason must never quote a whole line.
describe('EventPreparer: extreme lines', () => {
  const line = (fields: string): string => `{"@timestamp":"${TIMESTAMP}",${fields}}`;
  const NESTING =
    /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000, from `StreamReadConstraints\.getMaxNestingDepth\(\)`\)$/;
  const MAPPING_DEPTH = /^Limit of mapping depth \[20\] has been exceeded due to object field \[/;

  it('rejects the nesting that used to overflow the stack, with Elasticsearch’s reasons', () => {
    expect(reasonOf(prepare(line(`"a":${'['.repeat(100_000)}1${']'.repeat(100_000)}`)))).toMatch(
      NESTING
    );
    expect(reasonOf(prepare(line(`"a":${'{"b":'.repeat(50_000)}1${'}'.repeat(50_000)}`)))).toMatch(
      MAPPING_DEPTH
    );
    expect(reasonOf(prepare(line(`"a":${'{"b":'.repeat(5_000)}1${'}'.repeat(5_000)}`)))).toMatch(
      MAPPING_DEPTH
    );
    expect(
      reasonOf(prepare(`{"@timestamp":${'['.repeat(20_000)}"${TIMESTAMP}"${']'.repeat(20_000)}}`))
    ).toMatch(NESTING);
    expect(
      reasonOf(
        prepare(
          `{"_id":${'['.repeat(20_000)}${']'.repeat(20_000)},"_source":{"@timestamp":"${TIMESTAMP}"}}`
        )
      )
    ).toMatch(NESTING);
  });

  it('refuses a leaf of 21 segments, as Elasticsearch does (it used to accept up to 21)', () => {
    const segments = (n: number): string => Array.from({ length: n }, (_, i) => `s${i}`).join('.');
    expect(prepare(line(`"${segments(20)}":1`)).ok).toBe(true);
    expect(reasonOf(prepare(line(`"${segments(21)}":1`)))).toBe(
      `Limit of mapping depth [20] has been exceeded due to object field [${segments(20)}]`
    );
  });

  it('quotes at most a bounded part of a 200 KB key in every reason', () => {
    const dots = '.'.repeat(200_000);
    const emptyPart = `a..${'b'.repeat(200_000)}`;
    const long = 'k'.repeat(200_000);
    const reasons = [
      reasonOf(prepare(line(`"${Array.from({ length: 100_000 }, () => 'a').join('.')}":1`))),
      reasonOf(prepare(line(`"x${dots}":1`))),
      reasonOf(prepare(line(`"${emptyPart}":1`))),
      reasonOf(prepare(line(`"process":{"pid":{"${long}":1}}`))),
      reasonOf(prepare(line(`"${long}":{"a":1}`), storeHolding({ [long]: 'keyword' }))),
      reasonOf(prepare(line(`"process":{"pid":"${'7'.repeat(200_000)}x"}`))),
    ];
    for (const reason of reasons) expect(reason.length).toBeLessThan(300);
    expect(reasons[2]).toMatch(
      /^field name \[a\.\.b+\.\.\.\(200003 characters\)\.\.\.b+\] cannot contain an empty or whitespace-only part$/
    );
  });

  it('refuses an exported hit whose _index (or data_stream) Elasticsearch would refuse as an index name', () => {
    const hit = (index: string): string =>
      JSON.stringify({ _index: index, _id: 'x', _source: { '@timestamp': TIMESTAMP } });
    expect(reasonOf(prepare(hit('../../../etc/passwd')))).toMatch(
      /^Invalid index name \[\.\.\/\.\.\/\.\.\/etc\/passwd\], must not contain the following characters/
    );
    expect(reasonOf(prepare(hit('Logs-Upper')))).toBe(
      'Invalid index name [Logs-Upper], must be lowercase'
    );
    expect(reasonOf(prepare(hit('_security')))).toBe(
      "Invalid index name [_security], must not start with '_', '-', or '+'"
    );
    expect(reasonOf(prepare(hit('x'.repeat(300))))).toMatch(
      /index name is too long, \(300 > 255\)$/
    );
    expect(reasonOf(prepare(hit('.ds-Bad Stream-2025.01.01-000001')))).toMatch(
      /^Invalid index name \[Bad Stream\], must not contain/
    );
    const dataStream = {
      '@timestamp': TIMESTAMP,
      data_stream: { type: 'logs', dataset: '../x', namespace: 'default' },
    };
    expect(reasonOf(prepare(dataStream))).toMatch(
      /^Invalid index name \[logs-\.\.\/x-default\], must not contain/
    );
    expect(prepared(prepare(hit('logs-endpoint.events.process-prod'))).index).toBe(
      'logs-endpoint.events.process-prod'
    );
  });

  it('refuses a flattened leaf whose key and value exceed Lucene’s term, as Elasticsearch does, and never walks its 66,000 prefixes', () => {
    const imports = (key: string, value: string): string =>
      line(`"process":{"elf":{"imports":{"${key}":"${value}"}}}`);
    expect(prepare(imports('k'.repeat(32_764), 'v')).ok).toBe(true);
    expect(reasonOf(prepare(imports('k'.repeat(32_765), 'v')))).toBe(
      'Flattened field [process.elf.imports] contains one immense field whose keyed encoding is longer than the allowed max length ' +
        `of 32766 bytes. Key length: 32765, value length: 1 for key starting with [${'k'.repeat(50)}]`
    );
    expect(reasonOf(prepare(imports('x', 'v'.repeat(40_000))))).toMatch(
      /Key length: 1, value length: 40000 for key starting with \[x\]$/
    );
    const started = Date.now();
    expect(
      reasonOf(prepare(imports(Array.from({ length: 66_000 }, () => 'ab').join('.'), 'v')))
    ).toMatch(/Key length: 197999, value length: 1/);
    expect(prepare(imports(Array.from({ length: 10_000 }, () => 'ab').join('.'), 'v')).ok).toBe(
      true
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('undoes what a line that threw had added, so it cannot shape later lines', () => {
    const ecs = ecsFieldTypes();
    let armed = true;
    const throwing = {
      names: () => ecs.names(),
      get: (field: string) => {
        if (armed && field === 'custom.boom') throw new RangeError('injected');
        return ecs.get(field);
      },
    };
    const events = new EventPreparer(throwing, NOTHING_KNOWN);
    // custom.n (a string, keyword) comes before custom.boom: the throw happens after it was typed.
    expect(() => events.prepare(line(`"custom":{"n":"text","boom":1}`))).toThrow('injected');
    armed = false;
    const later = prepared(events.prepare(line(`"custom":{"n":5}`)));
    expect(later.fields.find((field) => field.field === 'custom.n')?.esType).toBe('double');
  });
});
