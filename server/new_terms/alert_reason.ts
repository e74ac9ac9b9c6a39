/**
 * The one-line `kibana.alert.reason`, in the spirit of Security Solution's formatter: what kind of
 * event, which process, by whom, on which host, and which rule at which severity.
 */
import { getFieldValues } from '../../common/es/document_fields';

const firstString = (doc: Readonly<Record<string, unknown>>, field: string): string | undefined => {
  const value = getFieldValues(doc, field).find((candidate) => typeof candidate === 'string');
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

export const buildNewTermsReason = (
  source: Readonly<Record<string, unknown>>,
  rule: { readonly name: string; readonly severity: string },
  newTerms: readonly unknown[]
): string => {
  const category = firstString(source, 'event.category') ?? 'event';
  const parts = [`${category} event`];
  const processName = firstString(source, 'process.name');
  if (processName) parts.push(`with process ${processName}`);
  const parentName = firstString(source, 'process.parent.name');
  if (parentName) parts.push(`parent process ${parentName}`);
  const userName = firstString(source, 'user.name');
  if (userName) parts.push(`by ${userName}`);
  const hostName = firstString(source, 'host.name');
  if (hostName) parts.push(`on ${hostName}`);
  const containerId = firstString(source, 'container.id');
  if (containerId) parts.push(`in container ${containerId.slice(0, 12)}`);
  const terms = newTerms.map((term) => String(term)).join(', ');
  return `${parts.join(' ')} created ${rule.severity} alert ${rule.name} for new term ${terms}.`;
};
