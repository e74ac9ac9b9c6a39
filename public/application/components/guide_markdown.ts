/**
 * Fits a rule's guide (markdown written for Kibana's rule page) into one of our sections: a first
 * heading that only repeats the section's title is dropped ("Setup" under "Setup"), and headings
 * are shifted so the guide's top level sits one below the section's title, never skipping a level.
 */

/** Section titles are h3 (SectionPanel, InvestigationSection), so a guide's own headings start at h4. */
export const GUIDE_TOP_HEADING_LEVEL = 4;
const MAX_HEADING_LEVEL = 6;
const ATX_HEADING = /^( {0,3})(#{1,6})(?=[ \t]|$)(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface GuideLine {
  readonly text: string;
  /** The heading's level and text, for a heading outside code. */
  readonly heading?: { readonly level: number; readonly text: string; readonly indent: string };
}

const headingText = (rest: string): string =>
  rest
    .trim()
    .replace(/[ \t]+#+[ \t]*$/, '')
    .replace(/^#+$/, '')
    .trim();

/** Each line, with headings recognised only outside fenced code blocks. */
const guideLines = (markdown: string): GuideLine[] => {
  let fence: string | undefined;
  return markdown.split('\n').map((text) => {
    const fenceMark = FENCE.exec(text)?.[1];
    if (fenceMark !== undefined) {
      if (fence === undefined) fence = fenceMark;
      else if (fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      return { text };
    }
    if (fence !== undefined) return { text };
    const match = ATX_HEADING.exec(text);
    if (match === null) return { text };
    const [, indent = '', hashes = '', rest = ''] = match;
    return { text, heading: { level: hashes.length, text: headingText(rest), indent } };
  });
};

const sameTitle = (a: string, b: string): boolean =>
  a.trim().toLowerCase() === b.trim().toLowerCase();

export const guideMarkdown = (markdown: string, sectionTitle: string): string => {
  const lines = guideLines(markdown);
  const first = lines.findIndex((line) => line.text.trim().length > 0);
  const firstHeading = first === -1 ? undefined : lines[first]?.heading;
  const kept =
    firstHeading !== undefined && sameTitle(firstHeading.text, sectionTitle)
      ? lines.filter((_, index) => index !== first)
      : lines;
  const levels = kept.flatMap((line) => (line.heading ? [line.heading.level] : []));
  if (levels.length === 0) return kept.map((line) => line.text).join('\n');
  const shift = GUIDE_TOP_HEADING_LEVEL - Math.min(...levels);
  return kept
    .map(({ text, heading }) => {
      if (heading === undefined || shift === 0) return text;
      const level = Math.max(1, Math.min(MAX_HEADING_LEVEL, heading.level + shift));
      return `${heading.indent}${'#'.repeat(level)} ${heading.text}`;
    })
    .join('\n')
    .replace(/^\n+/, '');
};
