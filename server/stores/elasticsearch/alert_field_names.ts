/**
 * Leaf field names of the alerts index, from its mapping (`_field_caps`): every field any stored
 * alert brought into it, explicit or dynamic. Object fields and Elasticsearch's metadata fields
 * (`_id`, `_source`, …) are not fields a query searches, so they are left out.
 */
import type { EsClient } from './es_client';

const NOT_SEARCHED_TYPES = new Set(['object', 'nested', '_id', '_index', '_source']);

export const indexedAlertFieldNames = async (
  client: EsClient,
  index: string
): Promise<Set<string>> => {
  const response = await client.fieldCaps({
    index,
    fields: '*',
    allow_no_indices: true,
    ignore_unavailable: true,
  });
  const names = new Set<string>();
  for (const [field, byType] of Object.entries(response.fields)) {
    if (field.startsWith('_')) continue;
    if (Object.keys(byType).some((type) => !NOT_SEARCHED_TYPES.has(type))) names.add(field);
  }
  return names;
};
