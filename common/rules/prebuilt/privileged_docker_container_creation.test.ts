/**
 * Every field of "Privileged Docker Container Creation", checked against the seed (Elastic's
 * published rule page) and Elastic's version 5 asset
 * (docs/rules.md#privileged-docker-container-creation).
 */
import { parseRuleDefinition } from '../rule_schema';
import { ELASTIC_DEFEND_SETUP_GUIDE_COMPACT } from './guides/elastic_defend_setup';
import { PRIVILEGED_DOCKER_CONTAINER_CREATION_GUIDE } from './guides/privileged_docker_container_creation_guide';
import {
  PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID,
  privilegedDockerContainerCreation as rule,
} from './privileged_docker_container_creation';

describe('Privileged Docker Container Creation', () => {
  it('declares exactly the expected fields', () => {
    expect(Object.keys(rule).sort()).toEqual(
      [
        'rule_id',
        'name',
        'description',
        'type',
        'language',
        'index',
        'query',
        'new_terms_fields',
        'history_window_start',
        'from',
        'to',
        'interval',
        'max_signals',
        'risk_score',
        'severity',
        'timestamp_override',
        'tags',
        'threat',
        'setup',
        'note',
        'required_fields',
        'related_integrations',
        'references',
        'false_positives',
        'author',
        'license',
        'version',
      ].sort()
    );
  });

  it('passes the schema unchanged (nothing relies on defaults)', () => {
    const result = parseRuleDefinition(rule);
    expect(result).toEqual({ ok: true, rule });
  });

  it('has the upstream identity and version 5 (latest with the seed query)', () => {
    expect(rule.rule_id).toBe('a80d96cd-1164-41b3-9852-ef58724be496');
    expect(PRIVILEGED_DOCKER_CONTAINER_CREATION_RULE_ID).toBe(rule.rule_id);
    expect(rule.name).toBe('Privileged Docker Container Creation');
    expect(rule.version).toBe(5);
  });

  it('has the upstream description verbatim, including the trailing "access." (sic)', () => {
    expect(rule.description).toBe(
      'This rule leverages the new_terms rule type to identify the creation of a potentially unsafe docker ' +
        'container from an unusual parent process. Attackers can use the `--privileged` flag to create containers ' +
        'with escalated privileges, which can lead to trivial privilege escalation, docker escaping and ' +
        'persistence. access.'
    );
    expect(rule.description.endsWith('persistence. access.')).toBe(true);
  });

  it('is a KQL new_terms rule over Elastic Defend process events', () => {
    expect(rule.type).toBe('new_terms');
    expect(rule.language).toBe('kuery');
    expect(rule.index).toEqual(['logs-endpoint.events.process*']);
  });

  it('has the seed query with its line break and trailing newline', () => {
    expect(rule.query).toBe(
      'host.os.type:linux and event.category:process and event.type:start and event.action:exec and ' +
        'process.name:docker and\nprocess.args:(run and --privileged)\n'
    );
  });

  it('looks for parent executables unseen in the last 14 days', () => {
    expect(rule.new_terms_fields).toEqual(['process.parent.executable']);
    expect(rule.history_window_start).toBe('now-14d');
  });

  it('runs every 5m over now-9m..now with up to 100 alerts, timed by event.ingested', () => {
    expect(rule.from).toBe('now-9m');
    expect(rule.to).toBe('now');
    expect(rule.interval).toBe('5m');
    expect(rule.max_signals).toBe(100);
    expect(rule.timestamp_override).toBe('event.ingested');
    expect(rule.timestamp_override_fallback_disabled).toBeUndefined();
  });

  it('is low severity with risk score 21', () => {
    expect(rule.severity).toBe('low');
    expect(rule.risk_score).toBe(21);
  });

  it('has the seed tags in order, plus the investigation-guide tag of versions 3+', () => {
    expect(rule.tags).toEqual([
      'Domain: Endpoint',
      'Domain: Container',
      'OS: Linux',
      'Use Case: Threat Detection',
      'Tactic: Execution',
      'Data Source: Elastic Defend',
      'Resources: Investigation Guide',
    ]);
  });

  it('maps to Execution (T1059/T1059.004, T1609) and Privilege Escalation (T1611)', () => {
    expect(rule.threat).toEqual([
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0002',
          name: 'Execution',
          reference: 'https://attack.mitre.org/tactics/TA0002/',
        },
        technique: [
          {
            id: 'T1059',
            name: 'Command and Scripting Interpreter',
            reference: 'https://attack.mitre.org/techniques/T1059/',
            subtechnique: [
              {
                id: 'T1059.004',
                name: 'Unix Shell',
                reference: 'https://attack.mitre.org/techniques/T1059/004/',
              },
            ],
          },
          {
            id: 'T1609',
            name: 'Container Administration Command',
            reference: 'https://attack.mitre.org/techniques/T1609/',
          },
        ],
      },
      {
        framework: 'MITRE ATT&CK',
        tactic: {
          id: 'TA0004',
          name: 'Privilege Escalation',
          reference: 'https://attack.mitre.org/tactics/TA0004/',
        },
        technique: [
          {
            id: 'T1611',
            name: 'Escape to Host',
            reference: 'https://attack.mitre.org/techniques/T1611/',
          },
        ],
      },
    ]);
  });

  it('uses the compact Elastic Defend setup guide', () => {
    expect(rule.setup).toBe(ELASTIC_DEFEND_SETUP_GUIDE_COMPACT);
    expect(
      rule.setup.startsWith('## Setup\nThis rule requires data coming in from Elastic Defend.\n')
    ).toBe(true);
  });

  it('ships our investigation guide', () => {
    expect(rule.note).toBe(PRIVILEGED_DOCKER_CONTAINER_CREATION_GUIDE);
    expect(rule.note).toContain('### Investigating Privileged Docker Container Creation');
  });

  it('declares the query fields with their ECS types, plus the new-terms field', () => {
    expect(rule.required_fields).toEqual([
      { name: 'event.action', type: 'keyword', ecs: true },
      { name: 'event.category', type: 'keyword', ecs: true },
      { name: 'event.type', type: 'keyword', ecs: true },
      { name: 'host.os.type', type: 'keyword', ecs: true },
      { name: 'process.args', type: 'keyword', ecs: true },
      { name: 'process.name', type: 'keyword', ecs: true },
      // Not in the upstream asset (derived from the query only); see the rule file.
      { name: 'process.parent.executable', type: 'keyword', ecs: true },
    ]);
  });

  it('relates to the endpoint package ^8.2.0 (version 5)', () => {
    expect(rule.related_integrations).toEqual([{ package: 'endpoint', version: '^8.2.0' }]);
  });

  it('has no references or false positives, Elastic authorship and licence', () => {
    expect(rule.references).toEqual([]);
    expect(rule.false_positives).toEqual([]);
    expect(rule.author).toEqual(['Elastic']);
    expect(rule.license).toBe('Elastic License v2');
  });
});
