/**
 * The column budget's arithmetic: parts per column type, what a block size lets in, the share of
 * fields outside the mapping, and widening up to the limit.
 */
import {
  ColumnBudget,
  columnParts,
  COLUMNS_LIMIT_BYTES,
  LIST_COLUMN_PARTS,
  LOCAL_PART_BYTES,
  NEW_COLUMNS_BUDGET_BYTES,
  SCALAR_COLUMN_PARTS,
  UNMAPPED_COLUMNS_BUDGET_BYTES,
} from './column_budget';

const BLOCK = 65_536;
const PART = BLOCK + LOCAL_PART_BYTES;
const scalar = (unmapped: boolean) => ({ parts: SCALAR_COLUMN_PARTS, unmapped });

/** Charges scalar columns while they fit; returns how many did. */
const fillWith = (budget: ColumnBudget, unmapped: boolean): number => {
  let added = 0;
  while (budget.fitsNewField(scalar(unmapped))) {
    budget.charge(scalar(unmapped));
    added++;
  }
  return added;
};

describe('ColumnBudget', () => {
  it('charges lists twice what scalars cost', () => {
    expect(columnParts('VARCHAR')).toBe(SCALAR_COLUMN_PARTS);
    expect(columnParts('DOUBLE[]')).toBe(LIST_COLUMN_PARTS);
  });

  it('lets fields outside the mapping take only their share, and mapped ones the rest', () => {
    const budget = new ColumnBudget(BLOCK);
    const unmapped = fillWith(budget, true);
    expect(unmapped).toBe(Math.floor(UNMAPPED_COLUMNS_BUDGET_BYTES / (SCALAR_COLUMN_PARTS * PART)));
    const mapped = fillWith(budget, false);
    expect(unmapped + mapped).toBe(
      Math.floor(NEW_COLUMNS_BUDGET_BYTES / (SCALAR_COLUMN_PARTS * PART))
    );
    expect(budget.pinnedBytes).toBeLessThanOrEqual(NEW_COLUMNS_BUDGET_BYTES);
  });

  it('widens columns up to the limit, never beyond', () => {
    const budget = new ColumnBudget(BLOCK);
    fillWith(budget, false);
    let widened = 0;
    while (budget.fitsWidening()) {
      budget.charge({ parts: LIST_COLUMN_PARTS - SCALAR_COLUMN_PARTS, unmapped: false });
      widened++;
    }
    expect(widened).toBeGreaterThan(0);
    expect(budget.pinnedBytes).toBeLessThanOrEqual(COLUMNS_LIMIT_BYTES);
  });

  it('fits a third of the columns with the 256 KiB blocks of older files', () => {
    const small = fillWith(new ColumnBudget(BLOCK), false);
    const large = fillWith(new ColumnBudget(4 * BLOCK), false);
    expect(large).toBe(
      Math.floor(NEW_COLUMNS_BUDGET_BYTES / (SCALAR_COLUMN_PARTS * (4 * BLOCK + LOCAL_PART_BYTES)))
    );
    expect(small).toBe(3 * large);
  });
});
