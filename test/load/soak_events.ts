/**
 * Fresh Elastic Defend events for the soak's upload loop, cloned from the fixture examples
 * (test/fixtures/README.md lists them) and stamped "now". Each batch plants a few new terms for
 * both rules, so scheduled runs keep creating alerts (and triage keeps getting targets) while the
 * rest of the batch is routine activity that matches nothing new.
 */
import fs from 'fs';
import path from 'path';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'defend_examples.ndjson');
/** Interactive shell via docker exec: matches "Unusual Interactive Process"; its new term is process.name. */
const INTERACTIVE_TEMPLATE = 0;
/** `docker run --privileged` from bash: matches "Privileged Docker Container Creation"; its new term is the parent executable. */
const PRIVILEGED_TEMPLATE = 4;
/** Lines that match no rule, or match with terms seen since the first batch. */
const ROUTINE_TEMPLATES: readonly number[] = [1, 2, 3, 5, 8, 9, 10];
/** The event's own time sits this far before its ingest time, as Defend's shipping delay does. */
const INGEST_DELAY_MS = 500;

/** The `_id` prefix of uploaded events (Defend's event.id becomes the stored id). */
export const UPLOADED_ID_PREFIX = 'soak-upload-';

export interface EventBatch {
  readonly ndjson: string;
  readonly count: number;
  /** Events in the batch planted to be a new term for one of the rules. */
  readonly plantedTerms: number;
}

type Document = Record<string, unknown>;

const templates: readonly string[] = fs
  .readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0);

const templateAt = (index: number): Document => {
  const line = templates[index];
  if (line === undefined) throw new RangeError(`no fixture line ${index + 1} in ${FIXTURE}`);
  return JSON.parse(line) as Document;
};

/** The object at `keys` inside `doc`, created when missing. */
const objectAt = (doc: Document, keys: readonly string[]): Document => {
  let current = doc;
  for (const key of keys) {
    const next = current[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      current = next as Document;
      continue;
    }
    const created: Document = {};
    current[key] = created;
    current = created;
  }
  return current;
};

const stamp = (doc: Document, id: string, now: Date): Document => {
  const event = objectAt(doc, ['event']);
  event.id = id;
  event.created = new Date(now.getTime() - INGEST_DELAY_MS).toISOString();
  event.ingested = now.toISOString();
  doc['@timestamp'] = event.created;
  return doc;
};

/** Alternates the two rules' new terms; names carry the batch so they are new to the whole history. */
const plantedEvent = (batch: number, planted: number): Document => {
  if (planted % 2 === 0) {
    const doc = templateAt(INTERACTIVE_TEMPLATE);
    objectAt(doc, ['process']).name = `soak-tool-${batch}-${planted}`;
    return doc;
  }
  const doc = templateAt(PRIVILEGED_TEMPLATE);
  objectAt(doc, ['process', 'parent']).executable = `/opt/soak/launcher-${batch}-${planted}`;
  return doc;
};

export const buildEventBatch = (
  batch: number,
  options: { readonly size: number; readonly newTerms: number; readonly now: Date }
): EventBatch => {
  const lines: string[] = [];
  const plantedTerms = Math.min(options.newTerms, options.size);
  for (let i = 0; i < options.size; i++) {
    const routine = ROUTINE_TEMPLATES[i % ROUTINE_TEMPLATES.length] ?? 0;
    const doc = i < plantedTerms ? plantedEvent(batch, i) : templateAt(routine);
    lines.push(JSON.stringify(stamp(doc, `${UPLOADED_ID_PREFIX}${batch}-${i}`, options.now)));
  }
  return { ndjson: `${lines.join('\n')}\n`, count: lines.length, plantedTerms };
};
