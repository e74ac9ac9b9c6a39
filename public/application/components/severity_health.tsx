/** A rule or alert severity as a coloured dot and label, in the theme's severity palette. */
import { EuiHealth, useEuiTheme } from '@elastic/eui';

type SeverityTone = 'success' | 'warning' | 'risk' | 'danger' | 'unknown';

const TONES: Readonly<Record<string, SeverityTone>> = {
  low: 'success',
  medium: 'warning',
  high: 'risk',
  critical: 'danger',
};

export const severityLabel = (severity: string): string =>
  severity.length > 0 ? `${severity[0]?.toUpperCase() ?? ''}${severity.slice(1)}` : 'Unknown';

export const SeverityHealth = ({ severity }: { readonly severity: string }) => {
  const { euiTheme } = useEuiTheme();
  const tone = TONES[severity] ?? 'unknown';
  return (
    <EuiHealth color={euiTheme.colors.severity[tone]} data-test-subj={`ctdSeverity-${severity}`}>
      {severityLabel(severity)}
    </EuiHealth>
  );
};
