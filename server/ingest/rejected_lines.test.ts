import { mergeByLine, RejectedLines } from './rejected_lines';

const at = (line: number, reason = `line ${line}`) => ({ file: 'f.ndjson', line, reason });

describe('mergeByLine', () => {
  it('interleaves two line-ordered lists, the first list first on equal lines', () => {
    const a = [at(1), at(4, 'a'), at(9)];
    const b = [at(2), at(4, 'b'), at(7)];
    expect(mergeByLine(a, b, 10).map((r) => r.reason)).toEqual([
      'line 1',
      'line 2',
      'a',
      'b',
      'line 7',
      'line 9',
    ]);
  });

  it('stops at the limit, keeping the earliest lines', () => {
    expect(mergeByLine([at(5), at(6)], [at(1), at(9)], 3).map((r) => r.line)).toEqual([1, 5, 6]);
    expect(mergeByLine([at(1)], [at(2)], 0)).toEqual([]);
  });
});

describe('RejectedLines', () => {
  it("holds the preparer's rejections until the batch around them is written", () => {
    const rejections = new RejectedLines(10);
    rejections.add(at(3));
    rejections.add(at(8));
    expect(rejections.list).toEqual([]);
    rejections.settle([at(5)]);
    expect(rejections.list.map((r) => r.line)).toEqual([3, 5, 8]);
    rejections.add(at(12));
    rejections.settle([]);
    expect(rejections.list.map((r) => r.line)).toEqual([3, 5, 8, 12]);
  });

  it('never reports more than its limit, whichever side the rejections come from', () => {
    const rejections = new RejectedLines(3);
    for (let line = 1; line <= 5; line++) rejections.add(at(line * 2));
    rejections.settle([at(1), at(3)]);
    expect(rejections.list.map((r) => r.line)).toEqual([1, 2, 3]);
    rejections.add(at(20));
    rejections.settle([at(21)]);
    expect(rejections.list).toHaveLength(3);
  });
});
