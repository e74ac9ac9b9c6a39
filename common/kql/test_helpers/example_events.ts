/**
 * The 12 hand-written Elastic Defend example events (fixtures/example_events.json; the same events
 * as test/fixtures/defend_examples.ndjson, whose README describes them), their expected results
 * under the two prebuilt rule queries, the edge variants, and helpers that respell a document
 * with dotted or mixed keys.
 */
import exampleEvents from './fixtures/example_events.json';
import { isPlainObject } from '../../es/document_fields';

export type EventDoc = Record<string, unknown>;

export const INTERACTIVE_V1_QUERY =
  'event.category:process and host.os.type:linux and event.type:start and event.action:exec and\n' +
  'process.entry_leader.entry_meta.type:container and process.interactive:true\n';

export const PRIVILEGED_V1_QUERY =
  'host.os.type:linux and event.category:process and event.type:start and event.action:exec and process.name:docker and\n' +
  'process.args:(run and --privileged)\n';

export function exampleEvent(name: string): EventDoc {
  const events: Record<string, unknown> = exampleEvents;
  const event = events[name];
  if (!isPlainObject(event)) throw new Error(`no example event ${name}`);
  return structuredClone(event);
}

export const EXAMPLE_NAMES: readonly string[] = Object.keys(exampleEvents);

/** [interactive v1/v2, privileged v1–v5] per example, as test/fixtures/README.md lists them. */
export const EXAMPLE_EXPECTATIONS: Readonly<Record<string, readonly [boolean, boolean]>> = {
  container_interactive_shell_docker_exec: [true, false],
  container_interactive_nonshell_from_bash: [true, false],
  container_noninteractive_exec: [false, false],
  host_interactive_exec_ssh: [false, false],
  docker_run_privileged_from_interactive_bash: [false, true],
  docker_run_privileged_via_sudo: [false, true],
  docker_run_privileged_from_python_script: [false, true],
  docker_container_run_privileged_from_ci_runner: [false, true],
  docker_run_privileged_equals_true: [false, false],
  docker_run_without_privileged: [false, false],
  docker_ps: [false, false],
  docker_run_privileged_as_container_command_arg: [false, true],
};

function setPath(doc: EventDoc, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = doc;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (!isPlainObject(next)) throw new Error(`no object at ${key}`);
    node = next;
  }
  const last = path[path.length - 1];
  if (last === undefined) return;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

interface EdgeVariant {
  readonly name: string;
  readonly base: string;
  readonly edit: (doc: EventDoc) => void;
  /** [interactive v1/v2, privileged v1–v5] as Elasticsearch would answer. */
  readonly expected: readonly [boolean, boolean];
}

const SHELL = 'container_interactive_shell_docker_exec';
const PRIV = 'docker_run_privileged_from_interactive_bash';

export const EDGE_VARIANTS: readonly EdgeVariant[] = [
  {
    name: 'interactive_false',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'interactive'], false),
    expected: [false, false],
  },
  // The reference evaluator says false; Elasticsearch indexes the string "true" of a boolean field as true.
  {
    name: 'interactive_string_true',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'interactive'], 'true'),
    expected: [true, false],
  },
  {
    name: 'entry_meta_Container_uppercase',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'entry_leader', 'entry_meta', 'type'], 'Container'),
    expected: [false, false],
  },
  {
    name: 'no_entry_leader',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'entry_leader'], undefined),
    expected: [false, false],
  },
  {
    name: 'event_action_fork',
    base: SHELL,
    edit: (d) => setPath(d, ['event', 'action'], 'fork'),
    expected: [false, false],
  },
  {
    name: 'event_type_string_not_array',
    base: SHELL,
    edit: (d) => setPath(d, ['event', 'type'], 'start'),
    expected: [true, false],
  },
  {
    name: 'parent_tini',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'parent', 'name'], 'tini'),
    expected: [true, false],
  },
  {
    name: 'parent_containerd_shim',
    base: SHELL,
    edit: (d) => setPath(d, ['process', 'parent', 'name'], 'containerd-shim-runc-v2'),
    expected: [true, false],
  },
  {
    name: 'process_name_Docker_uppercase',
    base: PRIV,
    edit: (d) => setPath(d, ['process', 'name'], 'Docker'),
    expected: [false, false],
  },
  {
    name: 'process_name_podman',
    base: PRIV,
    edit: (d) => setPath(d, ['process', 'name'], 'podman'),
    expected: [false, false],
  },
  {
    name: 'host_os_windows',
    base: PRIV,
    edit: (d) => setPath(d, ['host', 'os', 'type'], 'windows'),
    expected: [false, false],
  },
  {
    name: 'event_action_exec_event',
    base: PRIV,
    edit: (d) => setPath(d, ['event', 'action'], 'exec_event'),
    expected: [false, false],
  },
  {
    name: 'event_action_start',
    base: PRIV,
    edit: (d) => setPath(d, ['event', 'action'], 'start'),
    expected: [false, false],
  },
  {
    name: 'args_absolute_argv0',
    base: PRIV,
    edit: (d) =>
      setPath(
        d,
        ['process', 'args'],
        ['/usr/bin/docker', 'run', '--privileged', '-it', 'ubuntu:22.04', 'bash']
      ),
    expected: [false, true],
  },
  {
    name: 'args_as_single_string',
    base: PRIV,
    edit: (d) => setPath(d, ['process', 'args'], 'docker run --privileged -it ubuntu:22.04 bash'),
    expected: [false, false],
  },
];

export function edgeVariantDoc(variant: EdgeVariant): EventDoc {
  const doc = exampleEvent(variant.base);
  variant.edit(doc);
  return doc;
}

/** Every leaf as a top-level dotted key: `{"process.parent.name": "bash", …}` (arrays kept). */
export function toDottedKeys(doc: unknown, prefix = '', out: EventDoc = {}): EventDoc {
  if (!isPlainObject(doc)) return out;
  for (const [key, value] of Object.entries(doc)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) toDottedKeys(value, name, out);
    else out[name] = value;
  }
  return out;
}

/**
 * Moves `process.<key>` objects to top-level dotted keys (`"process.parent": {…}`), a spelling
 * Elasticsearch reads the same as the nested one.
 */
export function toMixedKeys(doc: EventDoc): EventDoc {
  const copy = structuredClone(doc);
  const process = copy.process;
  if (!isPlainObject(process)) return copy;
  for (const key of ['parent', 'entry_leader', 'session_leader', 'group_leader']) {
    if (isPlainObject(process[key])) {
      copy[`process.${key}`] = process[key];
      delete process[key];
    }
  }
  return copy;
}
