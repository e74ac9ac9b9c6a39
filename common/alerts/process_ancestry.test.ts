import fs from 'fs';
import path from 'path';
import { processAncestry } from './process_ancestry';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'defend_examples.ndjson');
const examples = fs
  .readFileSync(EXAMPLES, 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('processAncestry', () => {
  it('orders a containerised shell command from entry leader to the process, merging a leader that holds several roles', () => {
    const event = {
      process: {
        entity_id: 'p',
        name: 'curl',
        args: ['curl', '-s', 'http://x'],
        user: { name: 'root', id: '0' },
        parent: { entity_id: 's', name: 'bash', pid: 10 },
        session_leader: { entity_id: 's', name: 'bash', pid: 10 },
        group_leader: { entity_id: 'p', name: 'curl' },
        entry_leader: {
          entity_id: 'e',
          name: 'runc',
          entry_meta: { type: 'container' },
          interactive: false,
        },
      },
    };
    expect(processAncestry(event).map((link) => [link.roles, link.name])).toEqual([
      [['entry_leader'], 'runc'],
      [['session_leader', 'parent'], 'bash'],
      [['group_leader', 'process'], 'curl'],
    ]);
    const [entry, , process] = processAncestry(event);
    expect(entry?.entryType).toBe('container');
    expect(entry?.interactive).toBe(false);
    expect(process?.args).toEqual(['curl', '-s', 'http://x']);
    expect(process?.userName).toBe('root');
  });

  it('places a shell that is its own entry and session leader below its parent (runc)', () => {
    const shell = { entity_id: 'sh', name: 'bash', args: ['bash'] };
    const chain = processAncestry({
      process: {
        ...shell,
        parent: { entity_id: 'r', name: 'runc' },
        entry_leader: { ...shell, entry_meta: { type: 'container' } },
        session_leader: shell,
      },
    });
    expect(chain.map((link) => [link.roles, link.name, link.entryType])).toEqual([
      [['parent'], 'runc', null],
      [['entry_leader', 'session_leader', 'process'], 'bash', 'container'],
    ]);
  });

  it('reads dotted keys and skips roles the event does not describe', () => {
    const chain = processAncestry({
      'process.name': 'sh',
      'process.pid': 5,
      'process.parent.name': 'sshd',
    });
    expect(chain.map((link) => [link.roles, link.name, link.pid])).toEqual([
      [['parent'], 'sshd', null],
      [['process'], 'sh', 5],
    ]);
  });

  it("builds a chain ending at the event's own process for every Defend example fixture", () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const event of examples) {
      const chain = processAncestry(event);
      const last = chain[chain.length - 1];
      expect(last?.roles).toContain('process');
      expect(last?.entityId).toBe(
        (event.process as { entity_id?: string } | undefined)?.entity_id ?? null
      );
    }
  });
});
