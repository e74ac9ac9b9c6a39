/** The alert's tags and assignees as badges, with the same editors the alerts table offers. */
import { EuiDescriptionList, EuiSpacer } from '@elastic/eui';
import { AnnotationActions } from '../alerts/annotations/annotation_actions';
import type { Annotations } from '../alerts/annotations/use_annotations';
import type { AlertSummaryRow } from '../alerts/shared/alert_fields';
import { ValueBadges } from '../alerts/shared/value_badges';
import { InvestigationSection } from './investigation_section';

export interface AlertAnnotationsSectionProps {
  readonly alert: AlertSummaryRow;
  readonly annotations: Annotations;
}

export const AlertAnnotationsSection = ({ alert, annotations }: AlertAnnotationsSectionProps) => (
  <InvestigationSection title="Tags and assignees" data-test-subj="alertAnnotations">
    <EuiDescriptionList
      compressed
      type="column"
      columnWidths={[1, 3]}
      listItems={[
        {
          title: 'Tags',
          description: <ValueBadges values={alert.tags} data-test-subj="alertTags" />,
        },
        {
          title: 'Assignees',
          description: (
            <ValueBadges values={alert.assignees} iconType="user" data-test-subj="alertAssignees" />
          ),
        },
      ]}
    />
    <EuiSpacer size="s" />
    <AnnotationActions
      alerts={[alert]}
      known={[alert]}
      annotations={annotations}
      target="of this alert"
    />
  </InvestigationSection>
);
