/**
 * Identifiers and texts of the browser rule type model (part of Kibana's start-up bundle: keep it
 * to constants). Spelled out rather than imported from server/ so the browser bundle carries no
 * server code (validate_params.test.ts checks the id matches the server's).
 */

/** The server rule type's id (server/new_terms/build_alert.ts NEW_TERMS_RULE_TYPE_ID). */
export const RULE_TYPE_ID = 'containerThreatDetection.newTerms';

export const RULE_TYPE_DESCRIPTION =
  'Alert when container activity shows a value never seen in the history window: run a prebuilt rule or define your own new terms rule.';

/** Mustache templates the action form offers; `{{alerts.new.count}}` is Kibana's summary variable. */
export const DEFAULT_ACTION_MESSAGE = `Container threat detection rule '{{rule.name}}' detected a new term.

- Alert: {{alert.id}}
- Detected at: {{date}}`;

export const DEFAULT_SUMMARY_MESSAGE = `Container threat detection rule '{{rule.name}}' detected {{alerts.new.count}} new term(s).`;
