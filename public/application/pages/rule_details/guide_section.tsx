/**
 * A markdown guide (setup or investigation). Rendered by EuiMarkdownFormat, which builds React
 * elements from a markdown AST: raw HTML in the text is never turned into elements, and links are
 * limited to safe protocols. Never use dangerouslySetInnerHTML for rule text.
 */
import { EuiMarkdownFormat, EuiText } from '@elastic/eui';
import { SectionPanel } from './section_panel';

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
      <EuiMarkdownFormat textSize="s">{markdown}</EuiMarkdownFormat>
    ) : (
      <EuiText size="s" color="subdued">
        <p>{emptyText}</p>
      </EuiText>
    )}
  </SectionPanel>
);
