/** A titled panel holding one section of the rule details page. */
import type { ReactNode } from 'react';
import { EuiPanel, EuiSpacer, EuiTitle, useGeneratedHtmlId } from '@elastic/eui';

export interface SectionPanelProps {
  readonly title: string;
  readonly children: ReactNode;
  readonly 'data-test-subj'?: string;
}

export const SectionPanel = ({
  title,
  children,
  'data-test-subj': dataTestSubj,
}: SectionPanelProps) => {
  const titleId = useGeneratedHtmlId({ prefix: 'ctdSection' });
  return (
    <EuiPanel hasBorder paddingSize="l" data-test-subj={dataTestSubj}>
      <section aria-labelledby={titleId}>
        <EuiTitle size="s">
          <h3 id={titleId}>{title}</h3>
        </EuiTitle>
        <EuiSpacer size="m" />
        {children}
      </section>
    </EuiPanel>
  );
};

export const NONE = '—';
