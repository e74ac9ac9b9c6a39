import { Client } from '@elastic/elasticsearch';
import type { MappingProperty } from '@elastic/elasticsearch/lib/api/types';
import { createFieldTypeMap, ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import type { FieldSpec } from '../../../common/ecs/field_types';
import { describeWithElasticsearch, esTestUrl } from '../../../test/elasticsearch/es_test_env';
import {
  DEFAULT_SUBSTITUTES,
  DEFAULT_TEMPLATE_PRIORITY,
  DYNAMIC_STRING_IGNORE_ABOVE,
  SUBSTITUTE_KEYWORD_IGNORE_ABOVE,
  TOTAL_FIELDS_LIMIT,
  buildMappingProperties,
  effectiveFieldTypes,
  eventsIndexTemplate,
} from './ecs_mappings';

/** A few ECS-like fields covering each shape the builder handles. */
const SAMPLE_SPECS: readonly FieldSpec[] = [
  { name: '@timestamp', type: 'date' },
  { name: 'process.name', type: 'keyword', ignoreAbove: 1024 },
  { name: 'process.name.text', type: 'match_only_text' },
  { name: 'process.command_line', type: 'wildcard' },
  { name: 'process.command_line.text', type: 'match_only_text' },
  { name: 'process.pid', type: 'long' },
  { name: 'process.interactive', type: 'boolean' },
  { name: 'host.ip', type: 'ip', array: true },
  { name: 'data_stream.type', type: 'constant_keyword' },
  { name: 'container.cpu.usage', type: 'scaled_float' },
  { name: 'labels', type: 'object' },
  { name: 'process.elf.imports', type: 'flattened', array: true },
  { name: 'process.elf.sections', type: 'nested', array: true },
  {
    name: 'process.elf.sections.name',
    type: 'keyword',
    ignoreAbove: 1024,
    nestedPath: 'process.elf.sections',
  },
  { name: 'process.elf.sections.entropy', type: 'long', nestedPath: 'process.elf.sections' },
];

const sampleTypes = () => createFieldTypeMap(SAMPLE_SPECS);

/** An object's `properties` or a leaf's multi-`fields` (match_only_text's type declares neither). */
function childrenOf(
  node: MappingProperty | undefined
): Record<string, MappingProperty> | undefined {
  if (node === undefined) return undefined;
  if ('properties' in node && node.properties !== undefined) return node.properties;
  return 'fields' in node ? node.fields : undefined;
}

/** Follows `properties` (and multi-`fields`) down a dotted path. */
function propertyAt(
  properties: Record<string, MappingProperty>,
  path: string
): MappingProperty | undefined {
  const [first = '', ...rest] = path.split('.');
  let node: MappingProperty | undefined = properties[first];
  for (const segment of rest) node = childrenOf(node)?.[segment];
  return node;
}

describe('buildMappingProperties', () => {
  it('nests dotted names as objects and keeps keyword ignore_above', () => {
    const properties = buildMappingProperties(sampleTypes(), { substitutes: {} });
    expect(propertyAt(properties, 'process.name')).toEqual({
      type: 'keyword',
      ignore_above: 1024,
      fields: { text: { type: 'match_only_text' } },
    });
    expect(properties['@timestamp']).toEqual({ type: 'date' });
    expect(propertyAt(properties, 'host.ip')).toEqual({ type: 'ip' });
    // Implicit parents are plain objects, as GET _mapping shows them.
    expect(Object.keys(properties.process ?? {})).toEqual(['properties']);
  });

  it('maps multi-fields under their parent, not as sub-objects', () => {
    const properties = buildMappingProperties(sampleTypes(), { substitutes: {} });
    expect(propertyAt(properties, 'process.command_line')).toEqual({
      type: 'wildcard',
      fields: { text: { type: 'match_only_text' } },
    });
    expect(propertyAt(properties, 'process.command_line') ?? {}).not.toHaveProperty('properties');
  });

  it('maps nested paths as nested with their fields inside, objects and flattened as such', () => {
    const properties = buildMappingProperties(sampleTypes(), { substitutes: {} });
    expect(propertyAt(properties, 'process.elf.sections')).toEqual({
      type: 'nested',
      properties: { entropy: { type: 'long' }, name: { type: 'keyword', ignore_above: 1024 } },
    });
    expect(propertyAt(properties, 'process.elf.imports')).toEqual({ type: 'flattened' });
    expect(properties.labels).toEqual({ type: 'object' });
  });

  it('gives scaled_float the scaling factor ECS uses', () => {
    const properties = buildMappingProperties(sampleTypes(), { substitutes: {} });
    expect(propertyAt(properties, 'container.cpu.usage')).toEqual({
      type: 'scaled_float',
      scaling_factor: 1000,
    });
  });

  it('substitutes the types the test cluster lacks by default', () => {
    const properties = buildMappingProperties(sampleTypes());
    expect(propertyAt(properties, 'process.command_line')).toEqual({
      type: 'keyword',
      ignore_above: SUBSTITUTE_KEYWORD_IGNORE_ABOVE,
      fields: { text: { type: 'text' } },
    });
    expect(propertyAt(properties, 'process.name.text')).toEqual({ type: 'text' });
    expect(propertyAt(properties, 'data_stream.type')).toEqual({
      type: 'keyword',
      ignore_above: SUBSTITUTE_KEYWORD_IGNORE_ABOVE,
    });
    expect(propertyAt(properties, 'container.cpu.usage')).toEqual({ type: 'double' });
    expect(DEFAULT_SUBSTITUTES).toEqual({
      wildcard: 'keyword',
      match_only_text: 'text',
      constant_keyword: 'keyword',
      scaled_float: 'double',
    });
  });

  it('drops ignore_above when the substitute type has none', () => {
    const types = createFieldTypeMap([{ name: 'a', type: 'keyword', ignoreAbove: 10 }]);
    expect(buildMappingProperties(types, { substitutes: { keyword: 'text' } })).toEqual({
      a: { type: 'text' },
    });
  });

  it('maps only the selected fields, with their parents and multi-fields', () => {
    const properties = buildMappingProperties(sampleTypes(), {
      fields: ['process.name', 'process.elf.sections.name', 'not.a.field'],
      substitutes: {},
    });
    expect(properties).toEqual({
      process: {
        properties: {
          elf: {
            properties: {
              sections: {
                type: 'nested',
                properties: { name: { type: 'keyword', ignore_above: 1024 } },
              },
            },
          },
          name: {
            type: 'keyword',
            ignore_above: 1024,
            fields: { text: { type: 'match_only_text' } },
          },
        },
      },
    });
  });

  it('selecting a multi-field brings its parent', () => {
    const properties = buildMappingProperties(sampleTypes(), {
      fields: ['process.command_line.text'],
    });
    expect(Object.keys(childrenOf(properties.process) ?? {})).toEqual(['command_line']);
    expect(propertyAt(properties, 'process.command_line.text')).toEqual({ type: 'text' });
  });

  it('rejects a non-leaf under a leaf field', () => {
    const types = createFieldTypeMap([
      { name: 'a', type: 'keyword' },
      { name: 'a.b', type: 'object' },
    ]);
    expect(() => buildMappingProperties(types)).toThrow(
      'a.b cannot be mapped: a is a keyword field, not an object'
    );
  });

  it('rejects a field under a multi-field', () => {
    const types = createFieldTypeMap([
      { name: 'a', type: 'keyword' },
      { name: 'a.text', type: 'text' },
      { name: 'a.text.raw', type: 'keyword' },
    ]);
    expect(() => buildMappingProperties(types)).toThrow(
      'a.text.raw cannot be mapped: a.text is a multi-field of a'
    );
  });

  it('maps every ECS field', () => {
    const properties = buildMappingProperties(ecsFieldTypes());
    expect(propertyAt(properties, 'process.name')).toEqual({
      type: 'keyword',
      ignore_above: 1024,
      fields: { text: { type: 'text' } },
    });
    expect(propertyAt(properties, 'threat.enrichments')?.type).toBe('nested');
    expect(propertyAt(properties, 'threat.enrichments.indicator.ip')).toEqual({ type: 'ip' });
  });
});

describe('effectiveFieldTypes', () => {
  it('describes the fields as the built index has them', () => {
    const types = effectiveFieldTypes(sampleTypes());
    expect(types.get('process.command_line')).toEqual({
      name: 'process.command_line',
      type: 'keyword',
      ignoreAbove: SUBSTITUTE_KEYWORD_IGNORE_ABOVE,
    });
    expect(types.get('process.name')).toEqual({
      name: 'process.name',
      type: 'keyword',
      ignoreAbove: 1024,
    });
    expect(types.get('process.elf.sections.name')?.nestedPath).toBe('process.elf.sections');
  });
});

describe('eventsIndexTemplate', () => {
  it('builds a plain-index template above logs-*-* and below Fleet integrations', () => {
    const template = eventsIndexTemplate('ctd-events', ['ctd-events-*'], sampleTypes(), {
      fields: ['@timestamp'],
    });
    expect(template).toEqual({
      name: 'ctd-events',
      index_patterns: ['ctd-events-*'],
      priority: DEFAULT_TEMPLATE_PRIORITY,
      template: {
        settings: { 'index.mapping.total_fields.limit': TOTAL_FIELDS_LIMIT },
        mappings: {
          date_detection: false,
          dynamic_templates: [
            {
              strings_as_keyword: {
                match_mapping_type: 'string',
                mapping: { type: 'keyword', ignore_above: DYNAMIC_STRING_IGNORE_ABOVE },
              },
            },
            { longs_as_double: { match_mapping_type: 'long', mapping: { type: 'double' } } },
            { doubles_as_double: { match_mapping_type: 'double', mapping: { type: 'double' } } },
          ],
          properties: { '@timestamp': { type: 'date' } },
        },
      },
    });
    expect(template.data_stream).toBeUndefined();
    expect(DEFAULT_TEMPLATE_PRIORITY).toBe(150);
  });

  it('takes a priority', () => {
    expect(eventsIndexTemplate('t', ['x-*'], sampleTypes(), { priority: 7 }).priority).toBe(7);
  });
});

// Unique per run, so a shared ES_URL cluster never sees two runs collide.
const RUN_ID = `${process.pid}-${Date.now()}`;
const TEMPLATE_NAME = `ctd-ecs-mappings-test-${RUN_ID}`;
const INDEX_NAME = `ctd-ecs-mappings-test-${RUN_ID}-events`;

describeWithElasticsearch('eventsIndexTemplate on a real cluster', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ node: esTestUrl() ?? '' });
    await client.indices.putIndexTemplate(
      eventsIndexTemplate(TEMPLATE_NAME, [`${INDEX_NAME}*`], ecsFieldTypes())
    );
    await client.indices.create({ index: INDEX_NAME });
  });

  afterAll(async () => {
    await client.indices.delete({ index: INDEX_NAME }, { ignore: [404] });
    await client.indices.deleteIndexTemplate({ name: TEMPLATE_NAME }, { ignore: [404] });
    await client.close();
  });

  async function mappedField(field: string): Promise<MappingProperty | undefined> {
    const response = await client.indices.getFieldMapping({ index: INDEX_NAME, fields: field });
    const leaf = field.split('.').pop() ?? field;
    return response[INDEX_NAME]?.mappings[field]?.mapping[leaf];
  }

  it('creates the index with every ECS field, as the template says', async () => {
    const response = await client.indices.getMapping({ index: INDEX_NAME });
    const properties = response[INDEX_NAME]?.mappings.properties ?? {};
    expect(propertyAt(properties, 'process.name')).toEqual({
      type: 'keyword',
      ignore_above: 1024,
      fields: { text: { type: 'text' } },
    });
    expect(propertyAt(properties, 'threat.enrichments')?.type).toBe('nested');
    const settings = await client.indices.getSettings({
      index: INDEX_NAME,
      name: 'index.mapping.total_fields.limit',
    });
    expect(settings[INDEX_NAME]?.settings?.index?.mapping?.total_fields?.limit).toBe(
      String(TOTAL_FIELDS_LIMIT)
    );
  });

  it.each([
    ['process.name', { type: 'keyword', ignore_above: 1024, fields: { text: { type: 'text' } } }],
    ['process.command_line.text', { type: 'text' }],
    [
      'process.command_line',
      {
        type: 'keyword',
        ignore_above: SUBSTITUTE_KEYWORD_IGNORE_ABOVE,
        fields: { text: { type: 'text' } },
      },
    ],
    ['host.ip', { type: 'ip' }],
    ['@timestamp', { type: 'date' }],
    ['process.pid', { type: 'long' }],
    ['process.interactive', { type: 'boolean' }],
    ['container.cpu.usage', { type: 'double' }],
    ['threat.enrichments.indicator.ip', { type: 'ip' }],
  ])('maps %s', async (field, expected) => {
    expect(await mappedField(field)).toEqual(expected);
  });

  it('maps unknown strings as keywords and numbers as doubles, without date detection', async () => {
    await client.index({
      index: INDEX_NAME,
      document: { custom: { word: 'x', when: '2025-03-12T10:15:42.123Z', count: 3 } },
      refresh: true,
    });
    expect(await mappedField('custom.word')).toEqual({
      type: 'keyword',
      ignore_above: DYNAMIC_STRING_IGNORE_ABOVE,
    });
    expect(await mappedField('custom.when')).toEqual({
      type: 'keyword',
      ignore_above: DYNAMIC_STRING_IGNORE_ABOVE,
    });
    expect(await mappedField('custom.count')).toEqual({ type: 'double' });
  });
});
