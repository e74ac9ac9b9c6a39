/**
 * One document's walk over an index's mapping for the field limit (mapping_limit.ts): the fields
 * the document would add, counted as Elasticsearch counts them, and undone if it crosses the limit.
 */
import { isPlainObject } from '../../../common/es/document_fields';
import { leaf, objectNode, type MappingNode } from './mapping_node';

/** Where a walk stands: the template's node and the index's own node at one path (either may be absent). */
export interface Cursor {
  readonly template: MappingNode | undefined;
  own: MappingNode | undefined;
  readonly parent: Cursor | undefined;
  readonly name: string;
}

/** The dotted path below `at` (built only for new fields: most walks add none). */
const pathOf = (at: Cursor, name: string): string => {
  const names = [name];
  for (let cursor: Cursor | undefined = at; cursor?.parent !== undefined; cursor = cursor.parent)
    names.push(cursor.name);
  return names.reverse().join('.');
};

/** One document's walk: the fields it adds, undone if it crosses the limit. */
export class DocumentWalk {
  readonly added: Array<{
    readonly parent: MappingNode;
    readonly name: string;
    readonly path: string;
    readonly isObject: boolean;
  }> = [];
  crossed = false;

  constructor(
    private readonly room: number,
    private readonly root: MappingNode
  ) {}

  object(object: Record<string, unknown>, at: Cursor): void {
    // `for…in` spares the array of keys Object.keys makes; parsed JSON objects hold own keys only.
    for (const key in object) {
      if (this.crossed) return;
      if (!key.includes('.')) {
        this.value(object[key], at, key);
        continue;
      }
      // A dotted key is a path of objects, as Elasticsearch expands it.
      const segments = key.split('.');
      let cursor: Cursor | undefined = at;
      for (let i = 0; i < segments.length - 1 && cursor !== undefined; i++)
        cursor = this.enter(cursor, segments[i] ?? '');
      if (cursor !== undefined)
        this.value(object[key], cursor, segments[segments.length - 1] ?? '');
    }
  }

  private value(value: unknown, at: Cursor, name: string): void {
    if (value === null || value === undefined || this.crossed) return;
    if (Array.isArray(value)) {
      for (const element of value) this.value(element, at, name);
    } else if (isPlainObject(value)) {
      const cursor = this.enter(at, name);
      if (cursor !== undefined) this.object(value, cursor);
    } else if (
      at.template?.children?.get(name) === undefined &&
      at.own?.children?.get(name) === undefined
    ) {
      this.add(at, name, false);
    }
  }

  /** The cursor inside object `name`; undefined when nothing below it can be mapped (a leaf) or the limit was crossed. */
  private enter(at: Cursor, name: string): Cursor | undefined {
    const template = at.template?.children?.get(name);
    const own = at.own?.children?.get(name);
    const known = template ?? own;
    if (known !== undefined)
      return known.children === undefined ? undefined : { template, own, parent: at, name };
    const created = this.add(at, name, true);
    return created === undefined
      ? undefined
      : { template: undefined, own: created, parent: at, name };
  }

  /** Maps a new field below `at`, unless it takes the count beyond the limit. */
  private add(at: Cursor, name: string, isObject: boolean): MappingNode | undefined {
    if (this.added.length + 1 > this.room) {
      this.crossed = true;
      return undefined;
    }
    const parent = this.ownNode(at);
    const node = isObject ? objectNode() : leaf();
    parent.children?.set(name, node);
    this.added.push({ parent, name, path: pathOf(at, name), isObject });
    return node;
  }

  /** The index's own node at `at`, created (without counting: the template maps it) when absent. */
  private ownNode(at: Cursor): MappingNode {
    if (at.own !== undefined) return at.own;
    const parent = at.parent === undefined ? this.root : this.ownNode(at.parent);
    const node = objectNode();
    parent.children?.set(at.name, node);
    at.own = node;
    return node;
  }

  /** Forgets what this document added. */
  undo(): void {
    for (const { parent, name } of this.added) parent.children?.delete(name);
  }
}
