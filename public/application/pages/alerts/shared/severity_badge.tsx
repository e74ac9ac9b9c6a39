/** An alert or rule severity as a badge in the theme's severity colors. */
import { EuiBadge, useEuiTheme } from '@elastic/eui';
import { humanize } from './format';

export type SeverityColors = ReturnType<typeof useEuiTheme>['euiTheme']['colors']['severity'];

/** A severity's colour in the theme's severity palette (the histogram stacked by severity too). */
export const severityColor = (severity: string, colors: SeverityColors): string => {
  switch (severity) {
    case 'low':
      return colors.success;
    case 'medium':
      return colors.warning;
    case 'high':
      return colors.risk;
    case 'critical':
      return colors.danger;
    default:
      return colors.unknown;
  }
};

export const SeverityBadge = ({ severity }: { readonly severity: string }) => {
  const { euiTheme } = useEuiTheme();
  return (
    <EuiBadge
      color={severityColor(severity, euiTheme.colors.severity)}
      data-test-subj="severityBadge"
    >
      {humanize(severity)}
    </EuiBadge>
  );
};
