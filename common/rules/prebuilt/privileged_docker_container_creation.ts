/**
 * "Privileged Docker Container Creation" (Elastic prebuilt rule a80d96cd-…).
 *
 * Version 5 (docs/rules.md). The seed — Elastic's published rule page — shows version 2, but
 * versions 1–5 all share the seed's query; 3–5 add the investigation guide and the "Resources:
 * Investigation Guide" tag, which our catalog policy requires of every rule
 * (catalog_policy.test.ts). Version 5 is the latest with this query (6 changed the query,
 * indices and risk score). Versions 2–5 order the techniques T1059, T1609 (v1 had T1609 first).
 *
 * Deliberate differences from the upstream asset:
 * - `note`: our own guide, not upstream's text.
 * - `required_fields`: upstream derives them from the query only; we also declare the new-terms
 *   field `process.parent.executable`, without which the rule can never produce a term.
 *
 * The description keeps upstream's trailing "access." (sic) and the backticks around
 * `--privileged`; the seed lacks them only because it is a rendered page where they became code font.
 */
import {
  buildTechnique,
  buildThreat,
  SUBTECHNIQUE_UNIX_SHELL,
  TACTIC_EXECUTION,
  TACTIC_PRIVILEGE_ESCALATION,
  TECHNIQUE_COMMAND_AND_SCRIPTING_INTERPRETER,
  TECHNIQUE_CONTAINER_ADMINISTRATION_COMMAND,
  TECHNIQUE_ESCAPE_TO_HOST,
} from '../mitre';
import type { NewTermsRuleDefinition } from '../rule_schema';
import { ELASTIC_DEFEND_SETUP_GUIDE_COMPACT } from './guides/elastic_defend_setup';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_GUIDE } from './guides/privileged_docker_container_creation_guide';

export const PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID = 'a80d96cd-1164-41b3-9852-ef58724be496';

export const privilegedDockerContainerCreation: NewTermsRuleDefinition = {
  rule_id: PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
  name: 'Privileged Docker Container Creation',
  description:
    'This rule leverages the new_terms rule type to identify the creation of a potentially unsafe docker container from an unusual parent process. Attackers can use the `--privileged` flag to create containers with escalated privileges, which can lead to trivial privilege escalation, docker escaping and persistence. access.',
  type: 'new_terms',
  language: 'kuery',
  index: ['logs-endpoint.events.process*'],
  // Two lines and a trailing newline, exactly as the upstream TOML block stores it.
  query:
    'host.os.type:linux and event.category:process and event.type:start and event.action:exec and process.name:docker and\n' +
    'process.args:(run and --privileged)\n',
  new_terms_fields: ['process.parent.executable'],
  history_window_start: 'now-14d',
  from: 'now-9m',
  to: 'now',
  // Upstream leaves interval and max_signals unset; the seed shows Kibana's defaults.
  interval: '5m',
  max_signals: 100,
  risk_score: 21,
  severity: 'low',
  timestamp_override: 'event.ingested',
  tags: [
    'Domain: Endpoint',
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
      buildTechnique(TECHNIQUE_CONTAINER_ADMINISTRATION_COMMAND),
    ]),
    buildThreat(TACTIC_PRIVILEGE_ESCALATION, [buildTechnique(TECHNIQUE_ESCAPE_TO_HOST)]),
  ],
  setup: ELASTIC_DEFEND_SETUP_GUIDE_COMPACT,
  note: PRIVILEGED_DOCKER_CONTAINER_CREATION_GUIDE,
  required_fields: [
    { name: 'event.action', type: 'keyword', ecs: true },
    { name: 'event.category', type: 'keyword', ecs: true },
    { name: 'event.type', type: 'keyword', ecs: true },
    { name: 'host.os.type', type: 'keyword', ecs: true },
    { name: 'process.args', type: 'keyword', ecs: true },
    { name: 'process.name', type: 'keyword', ecs: true },
    { name: 'process.parent.executable', type: 'keyword', ecs: true },
  ],
  related_integrations: [{ package: 'endpoint', version: '^8.2.0' }],
  references: [],
  false_positives: [],
  author: ['Elastic'],
  license: 'Elastic License v2',
  version: 5,
};
