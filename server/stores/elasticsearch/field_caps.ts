/**
 * Field types for compiling a rule's KQL come from the cluster (`_field_caps` on the rule's index
 * patterns), as Kibana's data view gives them, so a field mapped `keyword` gets `term` queries and a
 * `text` field `match`. Fields the indices do not map fall back to ECS. A field mapped differently
 * across indices is a conflict in Kibana; we prefer the type that searches exactly (keyword).
 */
import type { FieldCapsFieldCapability } from '@elastic/elasticsearch/lib/api/types';
import type { EsClient } from './es_client';
import { createFieldTypeMap, ecsFieldTypes } from '../../../common/ecs/ecs_field_types';
import {
  isEsFieldType,
  type EsFieldType,
  type FieldSpec,
  type FieldTypeMap,
} from '../../../common/ecs/field_types';

/** Conflict resolution: earlier wins. Exact-match types first, so `term` stays exact everywhere. */
const CONFLICT_PREFERENCE: readonly EsFieldType[] = [
  'keyword',
  'constant_keyword',
  'wildcard',
  'ip',
  'date',
  'long',
  'double',
  'boolean',
  'text',
  'match_only_text',
];

const chooseType = (types: readonly EsFieldType[]): EsFieldType | undefined => {
  if (types.length <= 1) return types[0];
  return CONFLICT_PREFERENCE.find((preferred) => types.includes(preferred)) ?? types[0];
};

export const fieldSpecsFromCaps = (
  fields: Readonly<Record<string, Readonly<Record<string, FieldCapsFieldCapability>>>>
): FieldSpec[] => {
  const specs: FieldSpec[] = [];
  for (const [name, byType] of Object.entries(fields)) {
    if (name.startsWith('_')) continue; // metadata fields are not event fields
    const type = chooseType(Object.keys(byType).filter(isEsFieldType));
    if (type !== undefined) specs.push({ name, type });
  }
  return specs;
};

/** The cluster's types for `fieldPatterns` in `index`, over ECS. */
export const fetchFieldTypes = async (
  client: EsClient,
  index: readonly string[],
  fieldPatterns: readonly string[]
): Promise<FieldTypeMap> => {
  if (fieldPatterns.length === 0) return ecsFieldTypes();
  const response = await client.fieldCaps({
    index: [...index],
    fields: [...fieldPatterns],
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  const ecs = ecsFieldTypes();
  // Keep what ECS knows beyond the type (ignore_above, nested path); the cluster decides the type.
  const specs = fieldSpecsFromCaps(response.fields).map((spec) => ({
    ...ecs.get(spec.name),
    ...spec,
  }));
  return createFieldTypeMap(specs, ecs);
};
