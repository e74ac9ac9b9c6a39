/**
 * Unquoted `null` in KQL is a null literal (Kibana's grammar). With a field, the matcher refuses
 * it as Elasticsearch does (common/kql/query_values.ts); without one Kibana's DSL is a
 * `multi_match` for null, which Elasticsearch refuses too ("unknown token [VALUE_NULL]") while the
 * matcher, lenient across every field, would simply match nothing. So the alerts query refuses a
 * field-less null first, in both stores alike, with its position.
 */
import type { KqlIs, KqlNode } from '../../common/kql/ast';

const isFieldlessNull = (node: KqlIs): boolean =>
  (node.field === null || (node.field.kind === 'literal' && node.field.value === null)) &&
  node.value.kind === 'literal' &&
  node.value.value === null;

const firstFieldlessNull = (node: KqlNode): KqlIs | undefined => {
  switch (node.type) {
    case 'and':
    case 'or':
      for (const child of node.children) {
        const found = firstFieldlessNull(child);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'not':
      return firstFieldlessNull(node.child);
    case 'nested':
      return firstFieldlessNull(node.query);
    case 'is':
      return isFieldlessNull(node) ? node : undefined;
    default:
      return undefined;
  }
};

/** Why Elasticsearch would refuse the query's field-less search for null, or undefined. */
export const fieldlessNullProblem = (ast: KqlNode): string | undefined => {
  const found = firstFieldlessNull(ast);
  if (found === undefined) return undefined;
  const at = found.location?.start;
  const where = at === undefined ? '' : ` at line ${at.line}, column ${at.column}`;
  return `null is not a searchable value${where}; quote it ("null") to search for the word`;
};
