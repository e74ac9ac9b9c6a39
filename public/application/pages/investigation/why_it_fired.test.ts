import { timestampNote } from './why_it_fired';

describe('timestampNote', () => {
  it('names @timestamp when the rule has no override', () => {
    expect(timestampNote(undefined, true)).toBe(
      "By the event's @timestamp, as are the windows below."
    );
    expect(timestampNote('@timestamp', false)).toBe(
      "By the event's @timestamp, as are the windows below."
    );
  });

  it('says @timestamp stands in for a missing override only when the rule falls back to it', () => {
    expect(timestampNote('event.ingested', true)).toContain(
      "(the event's @timestamp where it has none)"
    );
    const noFallback = timestampNote('event.ingested', false);
    expect(noFallback).toContain('(events without it are not searched)');
    expect(noFallback).not.toContain('where it has none');
  });
});
