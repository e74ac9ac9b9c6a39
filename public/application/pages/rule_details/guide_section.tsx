/** A rule's setup or investigation guide as a section of the rule details page. */
import { EuiText } from '@elastic/eui';
import { GuideMarkdownFormat } from '../../components/guide_markdown_format';
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
      <GuideMarkdownFormat markdown={markdown} sectionTitle={title} />
    ) : (
      <EuiText size="s" color="subdued">
        <p>{emptyText}</p>
      </EuiText>
    )}
  </SectionPanel>
);
