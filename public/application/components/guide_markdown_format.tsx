/**
 * A rule's markdown guide (setup or investigation) inside one of our titled sections. Rendered by
 * EuiMarkdownFormat, which builds React elements from a markdown AST: raw HTML in the text never
 * becomes elements, and links are limited to safe protocols. Never use dangerouslySetInnerHTML
 * for rule text.
 *
 * Guides are hard-wrapped at ~100 columns, so a newline inside a paragraph is a space (CommonMark),
 * not EUI's default line break, which broke sentences mid-way.
 */
import { EuiMarkdownFormat, getDefaultEuiMarkdownPlugins } from '@elastic/eui';
import { guideMarkdown } from './guide_markdown';

const { parsingPlugins, processingPlugins } = getDefaultEuiMarkdownPlugins({
  exclude: ['lineBreaks'],
});

export interface GuideMarkdownFormatProps {
  readonly markdown: string;
  /** The title of the section holding the guide (a first heading repeating it is dropped). */
  readonly sectionTitle: string;
  readonly 'data-test-subj'?: string;
}

export const GuideMarkdownFormat = ({
  markdown,
  sectionTitle,
  'data-test-subj': dataTestSubj,
}: GuideMarkdownFormatProps) => (
  <EuiMarkdownFormat
    textSize="s"
    parsingPluginList={parsingPlugins}
    processingPluginList={processingPlugins}
    {...(dataTestSubj ? { 'data-test-subj': dataTestSubj } : {})}
  >
    {guideMarkdown(markdown, sectionTitle)}
  </EuiMarkdownFormat>
);
