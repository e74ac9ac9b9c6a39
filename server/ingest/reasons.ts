/**
 * Rejection reasons stay one short line whatever the line held: a reason that quoted a 200 KB
 * dotted key or a 20 MB value would flood a terminal, the upload's JSON answer and the server log.
 * Quoted names and values are cut in the middle (their start and end are what tells them apart),
 * and every reason is capped once more where it is recorded.
 */

/** The longest reason recorded for a line, whatever it quotes. */
export const MAX_REASON_LENGTH = 300;
/** The longest field name, index name or value a reason quotes in full. */
export const MAX_QUOTED_LENGTH = 100;

const ELLIPSIS = '...';

/** `text` as is when short, else its start and end around `...` and its length. */
export const quoted = (text: string, max = MAX_QUOTED_LENGTH): string => {
  if (text.length <= max) return text;
  const note = `${ELLIPSIS}(${text.length} characters)${ELLIPSIS}`;
  const kept = Math.max(max - note.length, 2);
  const head = Math.ceil(kept / 2);
  return `${text.slice(0, head)}${note}${text.slice(text.length - (kept - head))}`;
};

/** A reason no longer than MAX_REASON_LENGTH, cut at the end. */
export const boundedReason = (reason: string): string =>
  reason.length <= MAX_REASON_LENGTH
    ? reason
    : `${reason.slice(0, MAX_REASON_LENGTH - ELLIPSIS.length)}${ELLIPSIS}`;
