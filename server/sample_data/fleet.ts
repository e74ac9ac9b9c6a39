/**
 * The simulated estate: hosts (with their long-lived systemd / cron processes) and the containers
 * running on them. Built once per generation from the seed; O(hosts × containersPerHost) memory.
 */

import { CONTAINER_IMAGES, CRON, OS_VARIANTS, ROOT, SYSTEMD, runcExec } from './catalog';
import type { ContainerImage } from './catalog';
import { frozenEcs } from './defend_event';
import type { ContainerProfile, HostProfile, ProcessSnapshot } from './defend_event';
import { imageName as imageNameOf } from './event_spec';
import type { ImageSpec } from './event_spec';
import { formatIso } from './iso_time';
import type { Random } from './random';

const MS_PER_DAY = 86_400_000;
const MAX_UPTIME_DAYS = 60;
const AGENT_VERSION = '8.17.3';
const CRON_PID_RANGE: readonly [number, number] = [600, 1200];
const INIT_PID_RANGE: readonly [number, number] = [2000, 400_000];
export const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Fixed-width base64 digits; `+` is zero, as in Defend ids like `NQ3ue6XdoYqkAV3m+++++Ae6`. */
export const encodeBase64Number = (value: number, width: number): string => {
  let out = '';
  let rest = Math.floor(value);
  for (let i = 0; i < width; i++) {
    out = (BASE64_ALPHABET[((rest % 64) + 62) % 64] ?? '+') + out;
    rest = Math.floor(rest / 64);
  }
  return out;
};

/** Defend-style entity id: host prefix, pid and start time make it unique per process. */
export const entityId = (host: HostProfile, pid: number, startMs: number): string =>
  `${host.entityPrefix}${pid}.${startMs}`;

export const snapshotOf = (
  host: HostProfile,
  spec: ImageSpec,
  pid: number,
  startMs: number,
  user = ROOT,
  interactive = false
): ProcessSnapshot => ({
  pid,
  entityId: entityId(host, pid, startMs),
  startMs,
  start: formatIso(startMs),
  name: imageNameOf(spec),
  executable: spec.executable,
  args: spec.args,
  workingDirectory: spec.workingDirectory,
  interactive,
  ttyMinor: 0,
  user,
  group: user,
});

export interface ContainerRuntime {
  readonly profile: ContainerProfile;
  readonly image: ContainerImage;
  /** The container's init process: entry leader of everything the entrypoint runs. */
  readonly init: ProcessSnapshot;
  /** `runc exec` parents of `docker exec` (with and without a tty), built once: argv embeds the id. */
  readonly runcExec: ImageSpec;
  readonly runcExecTty: ImageSpec;
}

export interface HostRuntime {
  readonly index: number;
  readonly profile: HostProfile;
  readonly systemd: ProcessSnapshot;
  readonly cron: ProcessSnapshot;
  readonly containers: readonly ContainerRuntime[];
  /** Private (10/8) address, also the ssh source of admin sessions from the bastion. */
  readonly ip: string;
}

const uuid = (rng: Random): string =>
  `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${rng.hex(3)}-${rng.hex(12)}`;

/** Values an IPv4 octet can take. */
const OCTET_VALUES = 256;

/** The host index (from 0) in base 256 over the last three octets, the second starting at 1. */
const hostAddress = (index: number): string =>
  `10.${1 + Math.floor(index / OCTET_VALUES ** 2)}.${Math.floor(index / OCTET_VALUES) % OCTET_VALUES}.${index % OCTET_VALUES}`;

/** Defend's entity ids start with the base64 agent id; the host digits guarantee uniqueness. */
const ENTITY_PREFIX_AGENT_CHARS = 16;
const ENTITY_PREFIX_HOST_DIGITS = 4;

const buildHostProfile = (index: number, rng: Random): HostProfile => {
  const ip = hostAddress(index);
  const name = `ip-${ip.replace(/\./g, '-')}`;
  const os = rng.pick(OS_VARIANTS);
  const agentId = uuid(rng);
  const host = frozenEcs({
    name,
    hostname: name,
    id: rng.hex(32),
    architecture: 'x86_64',
    ip: [ip, '172.17.0.1'],
    os: {
      type: 'linux',
      family: os.family,
      platform: os.platform,
      name: 'Linux',
      full: os.full,
      version: os.version,
      kernel: os.kernel,
      Ext: { variant: os.variant },
    },
  });
  return {
    name,
    agentId,
    entityPrefix:
      Buffer.from(agentId).toString('base64').slice(0, ENTITY_PREFIX_AGENT_CHARS) +
      encodeBase64Number(index, ENTITY_PREFIX_HOST_DIGITS),
    host,
    agent: frozenEcs({ type: 'endpoint', id: agentId, version: AGENT_VERSION }),
  };
};

export const buildContainerProfile = (
  id: string,
  name: string,
  imageName: string,
  imageTag: string
): ContainerProfile => ({
  id,
  name,
  container: frozenEcs({ id, name, image: { name: imageName, tag: [imageTag] } }),
});

const buildContainer = (
  host: HostProfile,
  ordinal: number,
  startMs: number,
  rng: Random
): ContainerRuntime => {
  const image = rng.pick(CONTAINER_IMAGES);
  const profile = buildContainerProfile(
    rng.hex(64),
    `${image.shortName}-${ordinal + 1}`,
    image.name,
    image.tag
  );
  const init = snapshotOf(
    host,
    image.init,
    rng.int(INIT_PID_RANGE[0], INIT_PID_RANGE[1]),
    startMs,
    image.user
  );
  return {
    profile,
    image,
    init,
    runcExec: runcExec(profile.id, false),
    runcExecTty: runcExec(profile.id, true),
  };
};

const buildHost = (
  index: number,
  spanStartMs: number,
  containersPerHost: number,
  rng: Random
): HostRuntime => {
  const profile = buildHostProfile(index, rng);
  const bootMs = spanStartMs - rng.int(1, MAX_UPTIME_DAYS) * MS_PER_DAY - rng.int(0, MS_PER_DAY);
  const systemd = snapshotOf(profile, SYSTEMD, 1, bootMs);
  const cron = snapshotOf(
    profile,
    CRON,
    rng.int(CRON_PID_RANGE[0], CRON_PID_RANGE[1]),
    bootMs + rng.int(3000, 9000)
  );
  const containers: ContainerRuntime[] = [];
  for (let ordinal = 0; ordinal < containersPerHost; ordinal++) {
    // Containers were started after boot and keep running through the whole span.
    containers.push(buildContainer(profile, ordinal, rng.int(bootMs + 60_000, spanStartMs), rng));
  }
  return { index, profile, systemd, cron, containers, ip: hostAddress(index) };
};

export interface Fleet {
  readonly hosts: readonly HostRuntime[];
  host(index: number): HostRuntime;
}

export const buildFleet = (
  hostCount: number,
  containersPerHost: number,
  spanStartMs: number,
  rng: Random
): Fleet => {
  const hosts: HostRuntime[] = [];
  for (let index = 0; index < hostCount; index++) {
    hosts.push(buildHost(index, spanStartMs, containersPerHost, rng.fork(`host-${index}`)));
  }
  return {
    hosts,
    host: (index) => {
      const found = hosts[index];
      if (found === undefined) {
        throw new RangeError(`no host ${index} (fleet has ${hosts.length})`);
      }
      return found;
    },
  };
};
