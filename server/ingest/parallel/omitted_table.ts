/**
 * The fields of a region's events that cross threads without their values (see region_preparer.ts):
 * each (field, single or list) once in a table, and each event's list of table positions shared
 * between events of one shape, so that a message carries it once.
 */
import type { OmittedField, PreparedField } from '../prepare_event';

/** A field's positions in the table: as a single value and as a list. */
interface OmittedPositions {
  single?: number;
  list?: number;
}

/** A list's hash: a polynomial in its positions modulo a prime below 2^31, exact in doubles. */
const HASH_MULTIPLIER = 31;
const HASH_MODULUS = 2_147_483_647;
const mixed = (hash: number, position: number): number =>
  (hash * HASH_MULTIPLIER + position) % HASH_MODULUS;

const sameList = (list: Uint32Array, positions: readonly number[]): boolean => {
  if (list.length !== positions.length) return false;
  for (let at = 0; at < list.length; at++) if (list[at] !== positions[at]) return false;
  return true;
};

/**
 * The fields of one region's events whose values stay behind, each listed once, and each distinct
 * list of them once: events of one shape share one list object, which a message carries once.
 */
export class OmittedTable {
  readonly entries: OmittedField[] = [];
  private readonly positions = new Map<string, OmittedPositions>();
  private readonly lists = new Map<number, Uint32Array[]>();

  /** The shared list holding `positions` (a scratch array the caller reuses). */
  listOf(positions: readonly number[]): Uint32Array {
    let hash = positions.length;
    for (const position of positions) hash = mixed(hash, position);
    const candidates = this.lists.get(hash);
    const found = candidates?.find((list) => sameList(list, positions));
    if (found !== undefined) return found;
    const list = Uint32Array.from(positions);
    if (candidates === undefined) this.lists.set(hash, [list]);
    else candidates.push(list);
    return list;
  }

  positionOf(prepared: PreparedField): number {
    const isList = prepared.values.length > 1;
    let known = this.positions.get(prepared.field);
    if (known === undefined) {
      known = {};
      this.positions.set(prepared.field, known);
    }
    const position = isList ? known.list : known.single;
    if (position !== undefined) return position;
    return this.add(prepared, isList, known);
  }

  private add(prepared: PreparedField, isList: boolean, known: OmittedPositions): number {
    const position = this.entries.length;
    const { field, esType, valueType, sourceField } = prepared;
    this.entries.push({
      field,
      esType,
      valueType,
      isList,
      ...(sourceField === undefined ? {} : { sourceField }),
    });
    if (isList) known.list = position;
    else known.single = position;
    return position;
  }
}
