/**
 * Lays a KQL query out for reading: whitespace runs collapse to one space and every top-level
 * `and` / `or` starts a new line. Quoted strings and parenthesised groups are kept as written
 * (so `process.args:(run and --privileged)` stays on one line). Display only: the rule runs the
 * query exactly as defined.
 */
const BOOLEAN_OPERATOR = /^(and|or)$/i;

/** Splits on whitespace outside quotes and parentheses; each word keeps its quotes and groups. */
const topLevelWords = (query: string): string[] => {
  const words: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < query.length; i++) {
    const char = query.charAt(i);
    if (quoted) {
      current += char;
      if (char === '\\' && i + 1 < query.length) current += query.charAt(++i);
      else if (char === '"') quoted = false;
      continue;
    }
    if (char === '"') quoted = true;
    else if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    if (/\s/.test(char)) {
      if (depth === 0) {
        if (current.length > 0) words.push(current);
        current = '';
      } else if (!current.endsWith(' ')) {
        current += ' ';
      }
      continue;
    }
    current += char;
  }
  if (current.length > 0) words.push(current);
  return words;
};

export const formatKql = (query: string): string => {
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of topLevelWords(query)) {
    if (BOOLEAN_OPERATOR.test(word) && line.length > 0) {
      lines.push(line.join(' '));
      line = [];
    }
    line.push(word);
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines.join('\n');
};
