/** A titled panel holding one section of the investigation page. */
import type { ReactNode } from 'react';
import {
  EuiFlexGroup,
  EuiFlexItem,
  EuiPanel,
  EuiSpacer,
  EuiTitle,
  useGeneratedHtmlId,
} from '@elastic/eui';

export interface InvestigationSectionProps {
  readonly title: string;
  /** Shown right of the title (a count, a note). */
  readonly aside?: ReactNode;
  readonly children: ReactNode;
  readonly 'data-test-subj'?: string;
}

export const InvestigationSection = ({
  title,
  aside,
  children,
  'data-test-subj': dataTestSubj,
}: InvestigationSectionProps) => {
  const titleId = useGeneratedHtmlId({ prefix: 'ctdInvestigationSection' });
  return (
    <EuiPanel hasBorder paddingSize="m" data-test-subj={dataTestSubj}>
      <section aria-labelledby={titleId}>
        <EuiFlexGroup
          justifyContent="spaceBetween"
          alignItems="baseline"
          gutterSize="s"
          responsive={false}
          wrap
        >
          <EuiFlexItem grow={false}>
            <EuiTitle size="xs">
              <h3 id={titleId}>{title}</h3>
            </EuiTitle>
          </EuiFlexItem>
          {aside ? <EuiFlexItem grow={false}>{aside}</EuiFlexItem> : null}
        </EuiFlexGroup>
        <EuiSpacer size="s" />
        {children}
      </section>
    </EuiPanel>
  );
};
