/**
 * Background activity: the bulk of every data set. Every document that matches a rule uses a
 * routine term only (a `ROUTINE_INTERACTIVE_NAMES` process name, a routine privileged parent), and
 * the scenario seeds all of those in the first minutes of the span, so noise never yields a new term.
 */

import {
  BENIGN_DOCKER_COMMANDS,
  CONTAINER_SHELLS,
  CRON,
  CRON_CHILDREN,
  HOST_AGENT_HELPERS,
  LOGIN_SHELL,
  ROUTINE_CONTAINER_COMMANDS,
  SSH_COMMANDS,
  SYSTEMD_CHILDREN,
  hostAgentParent,
} from './catalog';
import type { RoutinePrivilegedParent } from './catalog';
import {
  containerEntrypointChild,
  containerHealthcheck,
  containerShellCommand,
  cronChild,
  dockerExecProcess,
  endOf,
  forkOf,
  hostAgentChild,
  privilegedRun,
  sshCommand,
  systemdChild,
} from './activities';
import type { EventSpec, EventTiming, ImageSpec, SpecContent } from './event_spec';
import type { ContainerRuntime, Fleet, HostRuntime } from './fleet';
import { cumulativeWeights, pickWeighted } from './random';
import type { Random } from './random';

export interface NoiseConfig {
  readonly fleet: Fleet;
  /** Size of the host-agent parent pool (`process.parent.executable` cardinality). */
  readonly distinctParents: number;
  readonly routinePrivilegedParents: readonly RoutinePrivilegedParent[];
}

type Maker = (source: NoiseSource, host: HostRuntime) => SpecContent;

/** Relative frequencies, roughly what a small container estate's Defend process stream looks like. */
const MIX: ReadonlyArray<readonly [number, Maker]> = [
  [14, (s, host) => systemdChild(host, s.pick(SYSTEMD_CHILDREN))],
  [10, (s, host) => cronChild(host, s.pick(CRON_CHILDREN))],
  [14, (s, host) => hostAgentChild(host, s.agentParent(), s.pick(HOST_AGENT_HELPERS))],
  [9, (s, host) => sshCommand(host, s.pick(SSH_COMMANDS))],
  [22, (s, host) => entrypointChild(s, s.container(host), host)],
  [6, (s, host) => containerHealthcheck(host, s.container(host))],
  [2, (s, host) => routineExecShell(s, host)],
  [
    6,
    (s, host) => containerShellCommand(host, s.container(host), s.pick(ROUTINE_CONTAINER_COMMANDS)),
  ],
  [3, (s, host) => sshCommand(host, s.pick(BENIGN_DOCKER_COMMANDS))],
  [1, (s, host) => privilegedRun(host, s.pick(s.config.routinePrivilegedParents))],
  [8, (s, host) => routineFork(s, host)],
  [7, (s, host) => routineEnd(s, host)],
];

const MIX_CUMULATIVE = cumulativeWeights(MIX.map(([weight]) => weight));

const entrypointChild = (
  s: NoiseSource,
  container: ContainerRuntime,
  host: HostRuntime
): SpecContent => containerEntrypointChild(host, container, s.pick(container.image.children));

/** `docker exec -it <c> bash|sh`: shells are routine rule A terms. */
const routineExecShell = (s: NoiseSource, host: HostRuntime): SpecContent => {
  const container = s.container(host);
  const shell = s.rng.chance(0.5) ? container.image.shell : s.pick(CONTAINER_SHELLS);
  return dockerExecProcess(host, container, shell, true);
};

const routineFork = (s: NoiseSource, host: HostRuntime): SpecContent => {
  const variant = s.rng.int(0, 2);
  if (variant === 0) {
    const container = s.container(host);
    return forkOf(
      containerShellCommand(host, container, container.image.shell),
      container.image.shell
    );
  }
  if (variant === 1) {
    return forkOf(sshCommand(host, LOGIN_SHELL), LOGIN_SHELL);
  }
  return forkOf(cronChild(host, CRON), CRON);
};

const routineEnd = (s: NoiseSource, host: HostRuntime): SpecContent => {
  const variant = s.rng.int(0, 2);
  if (variant === 0) {
    return endOf(entrypointChild(s, s.container(host), host));
  }
  if (variant === 1) {
    return endOf(systemdChild(host, s.pick(SYSTEMD_CHILDREN)));
  }
  return endOf(sshCommand(host, s.pick(SSH_COMMANDS)));
};

export class NoiseSource {
  private readonly agentParents: ImageSpec[];

  constructor(
    readonly config: NoiseConfig,
    readonly rng: Random
  ) {
    this.agentParents = Array.from({ length: Math.max(1, config.distinctParents) }, (_, index) =>
      hostAgentParent(index)
    );
  }

  next(timing: EventTiming): EventSpec {
    const host = this.pick(this.config.fleet.hosts);
    const maker = MIX[pickWeighted(this.rng, MIX_CUMULATIVE)];
    if (maker === undefined) {
      throw new Error('noise mix is empty');
    }
    return { ...maker[1](this, host), ...timing };
  }

  pick<T>(items: readonly T[]): T {
    return this.rng.pick(items);
  }

  container(host: HostRuntime): ContainerRuntime {
    return this.rng.pick(host.containers);
  }

  agentParent(): ImageSpec {
    return this.rng.pick(this.agentParents);
  }
}
