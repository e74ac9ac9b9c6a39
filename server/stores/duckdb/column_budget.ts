/**
 * How wide the events table may grow. Rows appended to a row group that is not yet checkpointed
 * (any commit that does not fill whole row groups: a single uploaded event, an ingest's last
 * batch) get a fresh segment of one whole block per column part — values and validity for a scalar
 * column, four parts for a list — all pinned while the rows are appended, whatever their number,
 * beside the transaction's own copy of the rows (segments of up to 2,048 values: 32 KiB for
 * strings); a checkpoint of that row group needs about twice the blocks. Measured with 256 KiB
 * blocks: a 1-row append took 0.52 MB per scalar column and 1.05 MB per list column, a checkpoint
 * at 256 MB failed beyond ~240 scalar columns; the Defend table (189 columns) alone pins ~118 MB,
 * so twenty more keyword columns broke every later ingest at the 256 MB ingest limit ("failed to
 * pin block").
 *
 * So every column part is charged a block plus 32 KiB, and a new field gets its columns only while
 * the table stays within NEW_COLUMNS_BUDGET_BYTES (fields outside the mapping within
 * UNMAPPED_COLUMNS_BUDGET_BYTES of it, so a flood of custom fields leaves room for ECS ones).
 * Turning a scalar column into a list (two more parts) may go up to COLUMNS_LIMIT_BYTES. Fields
 * beyond are kept in `_source` only, as Elasticsearch keeps fields beyond its limit when
 * `index.mapping.total_fields.ignore_dynamic_beyond_limit` is set. The figures are sized for the
 * default memory limits (256 MB while ingesting, 512 MB otherwise, when checkpoints run).
 */

/** Values and validity. */
export const SCALAR_COLUMN_PARTS = 2;
/** List validity, offsets, element validity, elements. */
export const LIST_COLUMN_PARTS = 4;
/** The transaction's own segment of a column part: 2,048 values of up to 16 bytes. */
export const LOCAL_PART_BYTES = 32 * 1024;
const MIB = 1024 * 1024;
/**
 * New columns stop here. With 64 KiB blocks a table charged 193 MB took every commit at the
 * 256 MB ingest limit and one charged 234 MB failed one (~7,800 events appended to a partly
 * filled row group); with 256 KiB blocks one charged 162 MB took them all. Checkpoints run at the
 * store's 512 MB limit (embedded_store.ts) and need about twice the blocks.
 */
export const NEW_COLUMNS_BUDGET_BYTES = 144 * MIB;
/** The part of the budget fields outside the mapping (ECS) may take. */
export const UNMAPPED_COLUMNS_BUDGET_BYTES = 64 * MIB;
/** Widening scalar columns to lists may go this far; a widening beyond leaves the field unindexed. */
export const COLUMNS_LIMIT_BYTES = 176 * MIB;
/** An in-memory database ignores ATTACH's block size: its segments take DuckDB's default block. */
export const DEFAULT_BLOCK_BYTES = 262_144;

/** The column parts a SQL column type is charged (`VARCHAR[]` and other lists: four). */
export const columnParts = (sqlType: string): number =>
  sqlType.endsWith('[]') ? LIST_COLUMN_PARTS : SCALAR_COLUMN_PARTS;

export interface ColumnCharge {
  /** Parts of the columns the field needs (its value column, and its token column if it has one). */
  readonly parts: number;
  /** True when the field is not in the mapping (its type came from dynamic mapping). */
  readonly unmapped: boolean;
}

/** What the events table's columns cost, and whether one more fits. */
export class ColumnBudget {
  private parts = 0;
  private unmappedParts = 0;

  private readonly partBytes: number;

  constructor(private readonly blockBytes: number) {
    this.partBytes = blockBytes + LOCAL_PART_BYTES;
  }

  /** Bytes the table's columns pin when rows are appended to a row group not yet checkpointed. */
  get pinnedBytes(): number {
    return this.parts * this.partBytes;
  }

  /** A copy to try changes on. */
  copy(): ColumnBudget {
    const copy = new ColumnBudget(this.blockBytes);
    copy.parts = this.parts;
    copy.unmappedParts = this.unmappedParts;
    return copy;
  }

  /** Counts columns already in the table. */
  charge(charge: ColumnCharge): void {
    this.parts += charge.parts;
    if (charge.unmapped) this.unmappedParts += charge.parts;
  }

  /** True when a field needing `charge` may get its columns. */
  fitsNewField(charge: ColumnCharge): boolean {
    const within = (parts: number, budget: number): boolean =>
      (parts + charge.parts) * this.partBytes <= budget;
    return (
      within(this.parts, NEW_COLUMNS_BUDGET_BYTES) &&
      (!charge.unmapped || within(this.unmappedParts, UNMAPPED_COLUMNS_BUDGET_BYTES))
    );
  }

  /** True when a scalar column may become a list. */
  fitsWidening(): boolean {
    return (
      (this.parts + LIST_COLUMN_PARTS - SCALAR_COLUMN_PARTS) * this.partBytes <= COLUMNS_LIMIT_BYTES
    );
  }
}
