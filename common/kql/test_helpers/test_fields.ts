/** The mapping used across KQL tests: ECS-like types for the fields the examples use. */
import type { FieldSpec } from '../../ecs/field_types';
import { fieldMap } from './ast_builders';

const KEYWORD_IGNORE_ABOVE = 1024;
const keyword = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type: 'keyword',
  ignoreAbove: KEYWORD_IGNORE_ABOVE,
  ...extra,
});

export const TEST_FIELD_SPECS: readonly FieldSpec[] = [
  keyword('event.category', { array: true }),
  keyword('event.type', { array: true }),
  keyword('event.action'),
  keyword('event.kind'),
  keyword('host.os.type'),
  keyword('host.name'),
  { name: 'host.ip', type: 'ip', array: true },
  keyword('process.name'),
  { name: 'process.name.text', type: 'match_only_text' },
  keyword('process.args', { array: true }),
  keyword('process.executable'),
  { name: 'process.command_line', type: 'wildcard' },
  { name: 'process.command_line.text', type: 'match_only_text' },
  { name: 'process.pid', type: 'long' },
  { name: 'process.args_count', type: 'long' },
  { name: 'process.interactive', type: 'boolean' },
  keyword('process.parent.name'),
  keyword('process.parent.executable'),
  { name: 'process.parent.command_line', type: 'wildcard' },
  { name: 'process.parent.interactive', type: 'boolean' },
  keyword('process.entry_leader.entry_meta.type'),
  { name: 'process.entry_leader.entry_meta.source.ip', type: 'ip' },
  { name: 'process.entry_leader.interactive', type: 'boolean' },
  { name: 'process.tty.char_device.major', type: 'long' },
  { name: '@timestamp', type: 'date' },
  { name: 'event.ingested', type: 'date' },
  { name: 'message', type: 'match_only_text' },
  { name: 'metric.ratio', type: 'float' },
  keyword('short.code', { ignoreAbove: 5 }),
  { name: 'labels', type: 'object' },
  { name: 'items', type: 'nested' },
  keyword('items.name', { nestedPath: 'items' }),
  { name: 'items.count', type: 'long', nestedPath: 'items' },
  { name: 'items.seen', type: 'date', nestedPath: 'items' },
  { name: 'process.elf.imports', type: 'flattened', array: true },
  { name: 'process.elf.exports', type: 'flattened', ignoreAbove: 5 },
  { name: 'source.geo.location', type: 'geo_point' },
];

export const testFields = () => fieldMap(TEST_FIELD_SPECS);
