/**
 * Alert triage states and closing reasons, as Security Solution defines them
 * (docs/new_terms.md#workflow-status-and-closing-reasons).
 */
export const WORKFLOW_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const CLOSING_REASONS = [
  'false_positive',
  'issue_resolved',
  'acceptable_risk',
  'expected_activity',
  'low_severity',
  'duplicate',
  'investigation_required',
] as const;
export type ClosingReason = (typeof CLOSING_REASONS)[number];

export const isWorkflowStatus = (value: unknown): value is WorkflowStatus =>
  typeof value === 'string' && (WORKFLOW_STATUSES as readonly string[]).includes(value);

export const isClosingReason = (value: unknown): value is ClosingReason =>
  typeof value === 'string' && (CLOSING_REASONS as readonly string[]).includes(value);
