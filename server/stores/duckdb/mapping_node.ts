/** The tree of names a mapping holds, as the field limit counts them (mapping_limit.ts). */

/** A mapped name: an object with its children, or a leaf (nothing below it is mapped). */
export interface MappingNode {
  readonly children: Map<string, MappingNode> | undefined;
}

export const leaf = (): MappingNode => ({ children: undefined });
export const objectNode = (): MappingNode => ({ children: new Map() });
