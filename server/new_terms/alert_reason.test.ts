/**
 * `kibana.alert.reason` against Security Solution's sentence. Every expectation follows
 * `buildReasonMessageUtil` in
 * x-pack/solutions/security/plugins/security_solution/server/lib/detection_engine/rule_types/utils/reason_formatters.ts
 * (cited below as reason_formatters.ts), which `buildReasonMessageForNewTermsAlert` calls for
 * new_terms alerts.
 */
import { buildNewTermsReason, getSourceValue } from './alert_reason';

const RULE = { name: 'Unusual Process', severity: 'high' };

const reasonFor = (source: Record<string, unknown>): string => buildNewTermsReason(source, RULE);

describe('buildNewTermsReason', () => {
  it('writes every part in Kibana order, with commas after process, parent, file and ports', () => {
    // Kibana reason_formatters.ts: the ICU message of buildReasonMessageUtil, all ten values present.
    const source = {
      event: { category: 'network' },
      process: { name: 'curl', parent: { name: 'sh' } },
      file: { name: 'payload.bin' },
      source: { ip: '10.0.0.2', port: '40000' },
      destination: { ip: '203.0.113.9', port: '443' },
      user: { name: 'alice' },
      host: { name: 'node-7' },
    };
    expect(reasonFor(source)).toBe(
      'network event with process curl, parent process sh, file payload.bin,' +
        ' source 10.0.0.2:40000, destination 203.0.113.9:443, by alice on node-7' +
        ' created high alert Unusual Process.'
    );
  });

  it('joins array values with a comma and a space', () => {
    // Kibana reason_formatters.ts: getFieldTemplateValue joins arrays with ', '.
    const source = { event: { category: ['process', 'network'] }, host: { name: ['a', 'b'] } };
    expect(reasonFor(source)).toBe(
      'process, network event on a, b created high alert Unusual Process.'
    );
  });

  it('leaves out "with" when no process, parent, file, source or destination is shown', () => {
    // Kibana reason_formatters.ts: hasFieldOfInterest is set only by those seven values; user and host are not.
    const source = {
      event: { category: ['process'] },
      user: { name: 'root' },
      host: { name: 'h' },
    };
    expect(reasonFor(source)).toBe(
      'process event by root on h created high alert Unusual Process.'
    );
  });

  it('starts with "event" when the category is missing and ends with the rule alone', () => {
    // Kibana reason_formatters.ts: the category select's null branch is empty.
    expect(reasonFor({})).toBe('event created high alert Unusual Process.');
  });

  it('treats "-", empty strings and empty arrays as missing', () => {
    // Kibana reason_formatters.ts: `!field || !field.length || (field.length === 1 && field[0] === '-')`.
    const source = {
      process: { name: '-', parent: { name: ['-'] } },
      file: { name: '' },
      user: { name: [] },
      host: { name: 'h' },
    };
    expect(reasonFor(source)).toBe('event on h created high alert Unusual Process.');
  });

  it('shows a port without its address, and an address without its port and comma', () => {
    // Kibana reason_formatters.ts: `{sourceAddress…}{sourcePort, … {:{sourcePort},}}`, the same for destination.
    const source = { source: { port: '53' }, destination: { ip: '192.0.2.1' } };
    expect(reasonFor(source)).toBe(
      'event with:53, destination 192.0.2.1 created high alert Unusual Process.'
    );
  });

  it('does not show numbers or booleans: only strings and arrays have a length', () => {
    // Kibana reason_formatters.ts: `!field.length` is true for a number, so a numeric `_source` port is null.
    const source = { source: { ip: '10.0.0.1', port: 40000 }, user: { name: true } };
    expect(reasonFor(source)).toBe(
      'event with source 10.0.0.1 created high alert Unusual Process.'
    );
  });

  it('reads a whole dotted key or a path of nested objects, as lodash get does', () => {
    // Kibana reason_formatters.ts: values are read with lodash/fp `getOr(null, path, _source)`.
    expect(reasonFor({ 'process.name': 'top', host: { name: 'h' } })).toBe(
      'event with process top, on h created high alert Unusual Process.'
    );
    // A dotted key below the top level, or a path through an array, is not a lodash path.
    expect(reasonFor({ process: { 'parent.name': 'x' }, user: [{ name: 'u' }] })).toBe(
      'event created high alert Unusual Process.'
    );
    expect(getSourceValue({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(getSourceValue({ 'a.b': 2, a: { b: 3 } }, 'a.b')).toBe(2);
  });

  it('counts the text "null" as a field of interest but shows nothing for it', () => {
    // Kibana reason_formatters.ts: the value reaches the ICU `select`, whose `null` branch is empty.
    expect(reasonFor({ process: { name: 'null' } })).toBe(
      'event with created high alert Unusual Process.'
    );
  });

  it('does not mention the new term: Kibana’s sentence has no place for it', () => {
    // Kibana reason_formatters.ts: the message values are the ten source fields, the rule name and severity.
    expect(reasonFor({ process: { name: 'nc' } })).not.toContain('new term');
  });
});
