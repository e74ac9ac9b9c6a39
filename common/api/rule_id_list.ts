/**
 * Several rule ids in one query parameter (`rule_id=a,b`). A rule_id is any text, as Kibana's is,
 * so an id may hold the separator itself: each id is written with `%` and `,` escaped (`%25`,
 * `%2C`) before the ids are joined, and read back the same way. Ids without those characters are
 * written as they are. Whitespace around an id is dropped, as a hand-typed `a, b` means.
 */
const ESCAPES: Readonly<Record<string, string>> = { '%': '%25', ',': '%2C' };
const UNESCAPES: Readonly<Record<string, string>> = { '25': '%', '2C': ',' };

export const formatRuleIdList = (ruleIds: readonly string[]): string =>
  ruleIds
    .map((id) => id.replace(/[%,]/g, (character) => ESCAPES[character] ?? character))
    .join(',');

export const parseRuleIdList = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) =>
      item.replace(/%(25|2C)/gi, (escape, code: string) => UNESCAPES[code.toUpperCase()] ?? escape)
    );
