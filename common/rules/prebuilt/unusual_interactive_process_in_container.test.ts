/**
 * Every field of "Unusual Interactive Process Launched in a Container", checked against the seed
 * (Elastic's published rule page) and Elastic's version 2 asset
 * (docs/rules.md#unusual-interactive-process-launched-in-a-container).
 */
import { parseRuleDefinition } from '../rule_schema';
import { ELASTIC_DEFEND_SETUP_GUIDE } from './guides/elastic_defend_setup';
import { UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_GUIDE } from './guides/unusual_interactive_process_in_container_guide';
import {
  UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID,
  unusualInteractiveProcessInContainer as rule,
} from './unusual_interactive_process_in_container';

describe('Unusual Interactive Process Launched in a Container', () => {
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

  it('has the upstream identity and version 2', () => {
    expect(rule.rule_id).toBe('7020ff25-76d7-4a7d-b95b-266cf27d70e8');
    expect(UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_RULE_ID).toBe(rule.rule_id);
    expect(rule.name).toBe('Unusual Interactive Process Launched in a Container');
    expect(rule.version).toBe(2);
  });

  it('has the seed description verbatim', () => {
    expect(rule.description).toBe(
      'This rule detects when an unusual interactive process is launched inside a container. ' +
        'Interactive processes are typically run in the foreground and require user input, which is unusual ' +
        'behavior for a containerized environment. This activity could indicate an attacker attempting to gain ' +
        'access to the container environment or perform malicious actions.'
    );
  });

  it('is a KQL new_terms rule over Elastic Defend process events', () => {
    expect(rule.type).toBe('new_terms');
    expect(rule.language).toBe('kuery');
    expect(rule.index).toEqual(['logs-endpoint.events.process*']);
  });

  it('has the seed query with its line break and trailing newline', () => {
    expect(rule.query).toBe(
      'event.category:process and host.os.type:linux and event.type:start and event.action:exec and\n' +
        'process.entry_leader.entry_meta.type:container and process.interactive:true\n'
    );
  });

  it('looks for process names unseen in the last 14 days', () => {
    expect(rule.new_terms_fields).toEqual(['process.name']);
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

  it('is medium severity with risk score 47', () => {
    expect(rule.severity).toBe('medium');
    expect(rule.risk_score).toBe(47);
  });

  it('has the seed tags in order', () => {
    expect(rule.tags).toEqual([
      'Domain: Container',
      'OS: Linux',
      'Use Case: Threat Detection',
      'Tactic: Execution',
      'Data Source: Elastic Defend',
      'Resources: Investigation Guide',
    ]);
  });

  it('maps to Execution / Command and Scripting Interpreter / Unix Shell', () => {
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
        ],
      },
    ]);
  });

  it('uses the spaced Elastic Defend setup guide', () => {
    expect(rule.setup).toBe(ELASTIC_DEFEND_SETUP_GUIDE);
    expect(
      rule.setup.startsWith(
        '## Setup\n\nThis rule requires data coming in from Elastic Defend.\n\n'
      )
    ).toBe(true);
  });

  it('ships our investigation guide', () => {
    expect(rule.note).toBe(UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_GUIDE);
    expect(rule.note).toContain(
      '### Investigating Unusual Interactive Process Launched in a Container'
    );
  });

  it('declares the query fields with their ECS types, plus the new-terms field', () => {
    expect(rule.required_fields).toEqual([
      { name: 'event.action', type: 'keyword', ecs: true },
      { name: 'event.category', type: 'keyword', ecs: true },
      { name: 'event.type', type: 'keyword', ecs: true },
      { name: 'host.os.type', type: 'keyword', ecs: true },
      { name: 'process.entry_leader.entry_meta.type', type: 'keyword', ecs: true },
      { name: 'process.interactive', type: 'boolean', ecs: true },
      // Not in the upstream asset (derived from the query only); see the rule file.
      { name: 'process.name', type: 'keyword', ecs: true },
    ]);
  });

  it('relates to the endpoint package ^8.2.0 (version 2)', () => {
    expect(rule.related_integrations).toEqual([{ package: 'endpoint', version: '^8.2.0' }]);
  });

  it('has no references or false positives, Elastic authorship and licence', () => {
    expect(rule.references).toEqual([]);
    expect(rule.false_positives).toEqual([]);
    expect(rule.author).toEqual(['Elastic']);
    expect(rule.license).toBe('Elastic License v2');
  });
});
