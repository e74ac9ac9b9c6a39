import fs from 'fs';
import os from 'os';
import path from 'path';
import { runPrepareCeiling } from './prepare_ceiling';

describe('runPrepareCeiling', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctd-ceiling-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prepares every line as an ingest would, counting the events and the refused lines', async () => {
    const file = path.join(dir, 'events.ndjson');
    const event = (n: number) =>
      JSON.stringify({ '@timestamp': `2025-03-01T00:00:0${n}Z`, event: { id: `e${n}` } });
    fs.writeFileSync(
      file,
      [event(1), '{"@timestamp": "not a date"}', '', event(2), '{broken'].join('\n')
    );
    const measured = await runPrepareCeiling({ kind: 'prepare-ceiling', file });
    expect(measured).toMatchObject({ events: 2, rejected: 2 });
    expect(measured.durationMs).toBeGreaterThan(0);
    expect(measured.peakRssMb).toBeGreaterThan(0);
  });
});
