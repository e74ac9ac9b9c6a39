import { guideMarkdown } from './guide_markdown';

describe('guideMarkdown', () => {
  it('drops a first heading that repeats the section title, and starts the rest at h4', () => {
    const setup = '## Setup\nThis rule requires data.\n\n### Integration\n\n#### Steps:\n- one';
    expect(guideMarkdown(setup, 'Setup')).toBe(
      'This rule requires data.\n\n#### Integration\n\n##### Steps:\n- one'
    );
  });

  it('keeps a first heading that says something else, shifted below the section title', () => {
    const note = '## Triage and analysis\n\n### Investigating X\n\nText.';
    expect(guideMarkdown(note, 'Investigation guide')).toBe(
      '#### Triage and analysis\n\n##### Investigating X\n\nText.'
    );
  });

  it('raises headings that start too deep, caps at h6, and leaves code blocks alone', () => {
    const text = '###### Deep\n\n```sh\n# a comment, not a heading\n```\n\n####### not a heading';
    expect(guideMarkdown(text, 'Setup')).toBe(
      '#### Deep\n\n```sh\n# a comment, not a heading\n```\n\n####### not a heading'
    );
    expect(guideMarkdown('# One\n## Two\n### Three\n#### Four', 'Guide')).toBe(
      '#### One\n##### Two\n###### Three\n###### Four'
    );
  });

  it('reads closing hashes and an empty heading as CommonMark does; text without headings is kept', () => {
    expect(guideMarkdown('## Setup ##\nBody', 'setup')).toBe('Body');
    expect(guideMarkdown('Plain text\nover two lines', 'Setup')).toBe('Plain text\nover two lines');
    expect(guideMarkdown('#hashtag is text', 'Setup')).toBe('#hashtag is text');
  });
});
