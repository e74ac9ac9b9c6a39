/**
 * The rule form and import flyouts, loaded when first opened: they carry Kibana's rule schema and
 * the KQL parser, which the rules list (part of the app shell) does not need.
 */
import { lazy, Suspense } from 'react';
import type { RuleFormFlyoutProps } from './rule_form_flyout';
import type { RuleImportFlyoutProps } from './rule_import_flyout';

const RuleFormFlyoutChunk = lazy(() =>
  import('./rule_form_flyout').then((module) => ({ default: module.RuleFormFlyout }))
);
const RuleImportFlyoutChunk = lazy(() =>
  import('./rule_import_flyout').then((module) => ({ default: module.RuleImportFlyout }))
);

export const LazyRuleFormFlyout = (props: RuleFormFlyoutProps) => (
  <Suspense fallback={null}>
    <RuleFormFlyoutChunk {...props} />
  </Suspense>
);

export const LazyRuleImportFlyout = (props: RuleImportFlyoutProps) => (
  <Suspense fallback={null}>
    <RuleImportFlyoutChunk {...props} />
  </Suspense>
);
