/**
 * What happens on a host, as timeless event specs: one function per kind of activity, shared by
 * the noise source and the scenario (warm-up, daily routine, planted events).
 */

import { LOGIN_SHELL, RUNC_INIT, ROOT, UBUNTU } from './catalog';
import type { RoutinePrivilegedParent } from './catalog';
import type { EntryMeta, UserRef } from './defend_event';
import type { AncestorRef, ImageSpec, SpecContent } from './event_spec';
import type { ContainerRuntime, HostRuntime } from './fleet';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** How long before an event its short-lived ancestors typically started. */
const LOGIN_SHELL_AGE_MS = 20 * MS_PER_MINUTE;
const CONTAINER_SHELL_AGE_MS = 5 * MS_PER_MINUTE;
const RUNC_AGE_MS = 20;
const AGENT_AGE_MS = 3 * MS_PER_DAY;
const CI_JOB_AGE_MS = 2 * MS_PER_MINUTE;

/** ssh sessions come from the bastion (most) or an admin's public address (docs/sample_data.md). */
export const BASTION_IP = '10.0.0.10';

const INIT: EntryMeta = { type: 'init' };
const CONTAINER: EntryMeta = { type: 'container' };
const sshMeta = (sourceIp: string): EntryMeta => ({ type: 'sshd', sourceIp });

export const ephemeral = (
  image: ImageSpec,
  user: UserRef,
  interactive: boolean,
  ageMs: number
): AncestorRef => ({
  kind: 'ephemeral',
  image,
  user,
  interactive,
  ageMs,
});

export const systemdChild = (host: HostRuntime, image: ImageSpec): SpecContent => ({
  action: 'exec',
  hostIndex: host.index,
  container: null,
  process: image,
  user: ROOT,
  interactive: false,
  parent: { kind: 'fixed', snapshot: host.systemd },
  previous: null,
  entry: { kind: 'fixed', snapshot: host.systemd },
  entryMeta: INIT,
  session: 'entry',
  group: 'self',
});

export const cronChild = (host: HostRuntime, image: ImageSpec): SpecContent => ({
  ...systemdChild(host, image),
  parent: { kind: 'fixed', snapshot: host.cron },
  entry: { kind: 'fixed', snapshot: host.cron },
});

/** A helper exec'd by a long-running host agent (the `distinctParents` pool). */
export const hostAgentChild = (
  host: HostRuntime,
  agent: ImageSpec,
  helper: ImageSpec
): SpecContent => ({
  ...systemdChild(host, helper),
  parent: ephemeral(agent, ROOT, false, AGENT_AGE_MS),
});

/** A command typed in an ssh login shell on the host (interactive, but not in a container). */
export const sshCommand = (
  host: HostRuntime,
  image: ImageSpec,
  sourceIp = BASTION_IP,
  user: UserRef = UBUNTU
): SpecContent => ({
  action: 'exec',
  hostIndex: host.index,
  container: null,
  process: image,
  user,
  interactive: true,
  parent: ephemeral(LOGIN_SHELL, UBUNTU, true, LOGIN_SHELL_AGE_MS),
  previous: null,
  entry: { kind: 'parent' },
  entryMeta: sshMeta(sourceIp),
  session: 'entry',
  group: 'self',
});

/** The container's own workload: children of its init, never interactive. */
export const containerEntrypointChild = (
  host: HostRuntime,
  container: ContainerRuntime,
  image: ImageSpec
): SpecContent => ({
  action: 'exec',
  hostIndex: host.index,
  container: container.profile,
  process: image,
  user: container.image.user,
  interactive: false,
  parent: { kind: 'fixed', snapshot: container.init },
  previous: null,
  entry: { kind: 'fixed', snapshot: container.init },
  entryMeta: CONTAINER,
  session: 'entry',
  group: 'parent',
});

/**
 * `docker exec [-it] <container> <image…>`: runc forks `runc init`, which joins the container and
 * execs the command, so the process is its own container entry leader (docs/sample_data.md).
 */
export const dockerExecProcess = (
  host: HostRuntime,
  container: ContainerRuntime,
  image: ImageSpec,
  interactive: boolean,
  user: UserRef = ROOT
): SpecContent => ({
  action: 'exec',
  hostIndex: host.index,
  container: container.profile,
  process: image,
  user,
  interactive,
  parent: ephemeral(
    interactive ? container.runcExecTty : container.runcExec,
    ROOT,
    false,
    RUNC_AGE_MS
  ),
  previous: RUNC_INIT,
  entry: { kind: 'self' },
  entryMeta: CONTAINER,
  session: 'self',
  group: 'self',
});

/** The container health check is a non-interactive `runc exec`. */
export const containerHealthcheck = (host: HostRuntime, container: ContainerRuntime): SpecContent =>
  dockerExecProcess(host, container, container.image.healthcheck, false, container.image.user);

/** A command typed in a `docker exec -it` shell: parent and entry leader are that shell. */
export const containerShellCommand = (
  host: HostRuntime,
  container: ContainerRuntime,
  image: ImageSpec,
  shell: ImageSpec = container.image.shell
): SpecContent => ({
  action: 'exec',
  hostIndex: host.index,
  container: container.profile,
  process: image,
  user: ROOT,
  interactive: true,
  parent: ephemeral(shell, ROOT, true, CONTAINER_SHELL_AGE_MS),
  previous: null,
  entry: { kind: 'parent' },
  entryMeta: CONTAINER,
  session: 'entry',
  group: 'self',
});

/** `docker run … --privileged` by a parent that does so routinely (CI agents, admins). */
export const privilegedRun = (
  host: HostRuntime,
  routine: RoutinePrivilegedParent,
  sourceIp = BASTION_IP
): SpecContent => {
  const base: SpecContent = {
    action: 'exec',
    hostIndex: host.index,
    container: null,
    process: routine.command,
    user: routine.user,
    interactive: routine.interactive,
    parent: ephemeral(
      routine.parent,
      routine.user,
      routine.interactive,
      routine.entry === 'sshd' ? LOGIN_SHELL_AGE_MS : CI_JOB_AGE_MS
    ),
    previous: null,
    entry: { kind: 'fixed', snapshot: host.systemd },
    entryMeta: INIT,
    session: 'entry',
    group: 'self',
  };
  return routine.entry === 'sshd'
    ? { ...base, entry: { kind: 'parent' }, entryMeta: sshMeta(sourceIp) }
    : base;
};

/** A fork: the child still runs its parent's image (exec comes next). */
export const forkOf = (content: SpecContent, parentImage: ImageSpec): SpecContent => ({
  ...content,
  action: 'fork',
  process: parentImage,
  previous: null,
});

export const endOf = (content: SpecContent): SpecContent => ({ ...content, action: 'end' });
