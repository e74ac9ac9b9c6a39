/**
 * What the compilers need to know about the mapping beyond one field's spec: which names are leaf
 * fields, which are multi-fields of another field (`process.command_line.text` reads the values of
 * `process.command_line`), and which paths are `nested`.
 */
import type { FieldSpec, FieldTypeMap } from '../ecs/field_types';

const CONTAINER_TYPES = new Set(['object', 'nested']);

export interface FieldCatalog {
  /** Mapped leaf field names (objects and nested paths excluded). */
  readonly leafNames: readonly string[];
  /** The field a multi-field reads its values from, when `name` is a multi-field. */
  sourceOf(name: string): string | undefined;
  /** The multi-fields defined under a leaf field. */
  multiFieldsOf(name: string): readonly string[];
  /** The innermost `nested` path a field lives under (mapping or `nestedPath`), if any. */
  nestedPathOf(name: string, spec: FieldSpec | undefined): string | undefined;
  /**
   * The spec of the longest proper prefix of `name` the mapping knows (`process.elf.imports` for
   * `process.elf.imports.name`): tells a key below a flattened or geo_point field from a plain
   * unmapped field.
   */
  mappedAncestorOf(name: string): FieldSpec | undefined;
}

export function isLeafSpec(spec: FieldSpec | undefined): spec is FieldSpec {
  return spec !== undefined && !CONTAINER_TYPES.has(spec.type);
}

function mappedAncestor(fields: FieldTypeMap, name: string): FieldSpec | undefined {
  for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
    const spec = fields.get(name.slice(0, dot));
    if (spec !== undefined) return spec;
  }
  return undefined;
}

function parentName(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : undefined;
}

export function buildFieldCatalog(fields: FieldTypeMap): FieldCatalog {
  const leafNames: string[] = [];
  const nestedPaths: string[] = [];
  const multiFields = new Map<string, string[]>();
  const sources = new Map<string, string>();
  for (const name of fields.names()) {
    const spec = fields.get(name);
    if (spec?.type === 'nested') nestedPaths.push(name);
    if (!isLeafSpec(spec)) continue;
    leafNames.push(name);
    const parent = parentName(name);
    if (parent !== undefined && isLeafSpec(fields.get(parent))) {
      sources.set(name, parent);
      const siblings = multiFields.get(parent);
      if (siblings) siblings.push(name);
      else multiFields.set(parent, [name]);
    }
  }
  // Longest first, so the innermost nested path wins.
  nestedPaths.sort((a, b) => b.length - a.length);
  return {
    leafNames,
    sourceOf: (name) => sources.get(name),
    multiFieldsOf: (name) => multiFields.get(name) ?? [],
    nestedPathOf: (name, spec) =>
      spec?.nestedPath ?? nestedPaths.find((path) => name.startsWith(`${path}.`)),
    mappedAncestorOf: (name) => mappedAncestor(fields, name),
  };
}
