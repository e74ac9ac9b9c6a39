/**
 * A markdown guide (setup or investigation). Rendered by EuiMarkdownFormat, which builds React
 * elements from a markdown AST: raw HTML in the text is never turned into elements, and links are
 * limited to safe protocols. Never use dangerouslySetInnerHTML for rule text.
 *
 * Guides are hard-wrapped at ~100 columns, so a newline inside a paragraph is a space (CommonMark),
 * not EUI's default line break, which broke sentences mid-way.
 */
import { EuiMarkdownFormat, EuiText, getDefaultEuiMarkdownPlugins } from '@elastic/eui';
import { guideMarkdown } from './guide_markdown';
import { SectionPanel } from './section_panel';

const { parsingPlugins, processingPlugins } = getDefaultEuiMarkdownPlugins({
  exclude: ['lineBreaks'],
});

export interface GuideSectionProps {
  readonly title: string;
  readonly markdown: string | undefined;
  readonly emptyText: string;
  readonly 'data-test-subj'?: string;
}

export const GuideSection = ({
  title,
  markdown,
  emptyText,
  'data-test-subj': dataTestSubj,
}: GuideSectionProps) => (
  <SectionPanel title={title} data-test-subj={dataTestSubj}>
    {markdown && markdown.trim().length > 0 ? (
      <EuiMarkdownFormat
        textSize="s"
        parsingPluginList={parsingPlugins}
        processingPluginList={processingPlugins}
      >
        {guideMarkdown(markdown, title)}
      </EuiMarkdownFormat>
    ) : (
      <EuiText size="s" color="subdued">
        <p>{emptyText}</p>
      </EuiText>
    )}
  </SectionPanel>
);
