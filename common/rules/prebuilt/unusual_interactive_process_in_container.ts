/**
 * "Unusual Interactive Process Launched in a Container" (Elastic prebuilt rule 7020ff25-…).
 *
 * Version 2 (docs/rules.md): the seed's query — that of Elastic's published rule page — is that
 * of versions 1 and 2 (version 3 renamed the rule and narrowed the query to shells with an
 * allow-list of parents). Versions 1 and 2 differ only in `related_integrations` (endpoint
 * ^9.0.0 vs ^8.2.0); we take the later one.
 *
 * Deliberate differences from the upstream asset, both so our catalog policy holds:
 * - `note`: upstream carries the "Resources: Investigation Guide" tag but ships no guide; we add ours.
 * - `required_fields`: upstream derives them from the query only; we also declare the new-terms
 *   field `process.name`, without which the rule can never produce a term.
 */
import {
  buildTechnique,
  buildThreat,
  SUBTECHNIQUE_UNIX_SHELL,
  TACTIC_EXECUTION,
  TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER,
} from '../mitre';
import type { NewTermsRuleDefinition } from '../rule_schema';
import { ELASTIC_DEFEND_SETUP_GUIDE } from './guides/elastic_defend_setup';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_GUIDE } from './guides/unusual_interactive_process_in_container_guide';

export const UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID =
  '7020ff25-76d7-4a7d-b95b-266cf27d70e8';

export const unusualInteractiveProcessInContainer: NewTermsRuleDefinition = {
  rule_id: UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID,
  name: 'Unusual Interactive Process Launched in a Container',
  description:
    'This rule detects when an unusual interactive process is launched inside a container. Interactive processes are typically run in the foreground and require user input, which is unusual behavior for a containerized environment. This activity could indicate an attacker attempting to gain access to the container environment or perform malicious actions.',
  type: 'new_terms',
  language: 'kuery',
  index: ['logs-endpoint.events.process*'],
  // Two lines and a trailing newline, exactly as the upstream TOML block stores it.
  query:
    'event.category:process and host.os.type:linux and event.type:start and event.action:exec and\n' +
    'process.entry_leader.entry_meta.type:container and process.interactive:true\n',
  new_terms_fields: ['process.name'],
  history_window_start: 'now-14d',
  from: 'now-9m',
  to: 'now',
  // Upstream leaves interval and max_signals unset; these are Kibana's defaults, made explicit.
  interval: '5m',
  max_signals: 100,
  risk_score: 47,
  severity: 'medium',
  timestamp_override: 'event.ingested',
  tags: [
    'Domain: Container',
    'OS: Linux',
    'Use Case: Threat Detection',
    'Tactic: Execution',
    'Data Source: Elastic Defend',
    'Resources: Investigation Guide',
  ],
  threat: [
    buildThreat(TACTIC_EXECUTION, [
      buildTechnique(TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER, [SUBTECHNIQUE_UNIX_SHELL]),
    ]),
  ],
  setup: ELASTIC_DEFEND_SETUP_GUIDE,
  note: UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_GUIDE,
  required_fields: [
    { name: 'event.action', type: 'keyword', ecs: true },
    { name: 'event.category', type: 'keyword', ecs: true },
    { name: 'event.type', type: 'keyword', ecs: true },
    { name: 'host.os.type', type: 'keyword', ecs: true },
    { name: 'process.entry_leader.entry_meta.type', type: 'keyword', ecs: true },
    { name: 'process.interactive', type: 'boolean', ecs: true },
    { name: 'process.name', type: 'keyword', ecs: true },
  ],
  related_integrations: [{ package: 'endpoint', version: '^8.2.0' }],
  references: [],
  false_positives: [],
  author: ['Elastic'],
  license: 'Elastic License v2',
  version: 2,
};
