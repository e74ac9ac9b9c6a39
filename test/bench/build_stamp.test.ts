import fs from 'fs';
import os from 'os';
import path from 'path';
import { describeBuild, readBuildStamp } from './build_stamp';

describe('the build a benchmark names', () => {
  it('is the commit dist/ was built from, marked when tracked files differed', () => {
    expect(describeBuild({ commit: 'abc1234', dirty: false }, 'abc1234')).toBe('commit abc1234');
    expect(describeBuild({ commit: 'abc1234', dirty: true }, 'abc1234')).toBe(
      'commit abc1234 with uncommitted changes'
    );
  });

  it('says so when the checkout moved on after the build', () => {
    expect(describeBuild({ commit: 'abc1234', dirty: false }, 'def5678')).toBe(
      'commit abc1234 (built then; def5678 is checked out now)'
    );
  });

  it('does not pass off the checkout as the measured code when the build has no stamp', () => {
    expect(describeBuild(undefined, 'def5678')).toBe(
      'code of an unstamped build (checked out: def5678; run npm run build)'
    );
  });

  it('reads a stamp, and nothing from a missing or malformed one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-stamp-'));
    try {
      expect(readBuildStamp(dir)).toBeUndefined();
      fs.writeFileSync(path.join(dir, 'build_info.json'), '{"commit": 7}');
      expect(readBuildStamp(dir)).toBeUndefined();
      fs.writeFileSync(path.join(dir, 'build_info.json'), 'not json');
      expect(readBuildStamp(dir)).toBeUndefined();
      fs.writeFileSync(path.join(dir, 'build_info.json'), '{"commit":"abc1234","dirty":false}');
      expect(readBuildStamp(dir)).toEqual({ commit: 'abc1234', dirty: false });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
