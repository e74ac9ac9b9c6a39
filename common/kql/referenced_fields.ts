/**
 * The field names a KQL tree mentions, as written (wildcards kept as `*`, nested fields prefixed
 * with their path). A backend resolves only these (Kibana loads only the data view fields a rule's
 * query uses). `null` in the result means a bare value that searches every field.
 */
import type { KqlNode, KqlValue } from './ast';

const fieldNameOf = (value: KqlValue): string =>
  value.kind === 'literal' ? String(value.value) : value.segments.join('*');

const collect = (node: KqlNode, prefix: string, out: Set<string | null>): void => {
  switch (node.type) {
    case 'match_all':
      return;
    case 'and':
    case 'or':
      for (const child of node.children) collect(child, prefix, out);
      return;
    case 'not':
      collect(node.child, prefix, out);
      return;
    case 'is':
      out.add(node.field === null ? null : `${prefix}${fieldNameOf(node.field)}`);
      return;
    case 'exists':
    case 'range':
      out.add(`${prefix}${fieldNameOf(node.field)}`);
      return;
    case 'nested':
      collect(node.query, `${prefix}${fieldNameOf(node.path)}.`, out);
      return;
  }
};

export const referencedFields = (ast: KqlNode): ReadonlySet<string | null> => {
  const out = new Set<string | null>();
  collect(ast, '', out);
  return out;
};
