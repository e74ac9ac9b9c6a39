/**
 * Programs, images and users the generator draws from. Contract with the scenario: in documents
 * that match a rule, noise only ever uses the routine terms defined here (ROUTINE_INTERACTIVE_NAMES,
 * the privileged parents); the planted terms in `scenario.ts` appear nowhere in this catalog.
 */

import type { UserRef } from './defend_event';
import { imageName } from './event_spec';
import type { ImageSpec } from './event_spec';

export const ROOT: UserRef = { id: '0', name: 'root' };
export const UBUNTU: UserRef = { id: '1000', name: 'ubuntu' };
export const RUNNER: UserRef = { id: '1001', name: 'runner' };
export const SYSLOG: UserRef = { id: '104', name: 'syslog' };

const image = (
  executable: string,
  args: readonly string[],
  workingDirectory = '/',
  name?: string
): ImageSpec =>
  name === undefined
    ? { executable, args, workingDirectory }
    : { executable, args, workingDirectory, name };

export const SYSTEMD = image('/usr/lib/systemd/systemd', ['/sbin/init']);
export const CRON = image('/usr/sbin/cron', ['/usr/sbin/cron', '-f', '-P']);
export const SSHD = image('/usr/sbin/sshd', ['sshd: ubuntu [priv]']);
export const LOGIN_SHELL = image('/usr/bin/bash', ['-bash'], '/home/ubuntu');
export const CONTAINERD_SHIM = image('/usr/bin/containerd-shim-runc-v2', [
  '/usr/bin/containerd-shim-runc-v2',
  '-namespace',
  'moby',
  '-address',
  '/run/containerd/containerd.sock',
]);
export const RUNC_INIT = { executable: '/usr/bin/runc', args: ['runc', 'init'] } as const;

/** `runc exec` as Defend reports the parent of a `docker exec` process (docs/sample_data.md). */
export const runcExec = (containerId: string, tty: boolean): ImageSpec => {
  const bundle = `/run/containerd/io.containerd.runtime.v2.task/moby/${containerId}`;
  const consoleSocket = tty ? ['--console-socket', '/tmp/pty3160942114/pty.sock'] : [];
  return image(
    '/usr/bin/runc',
    [
      'runc',
      '--root',
      '/var/run/docker/runtime-runc/moby',
      '--log',
      `${bundle}/log.json`,
      '--log-format',
      'json',
      'exec',
      '--process',
      '/tmp/runc-process2847561930',
      ...consoleSocket,
      '--detach',
      '--pid-file',
      `${bundle}/9c41.pid`,
      containerId,
    ],
    bundle
  );
};

/** A container image: its init (the container's entry leader), entrypoint children, shell, health check. */
export interface ContainerImage {
  readonly name: string;
  readonly tag: string;
  readonly shortName: string;
  readonly user: UserRef;
  readonly init: ImageSpec;
  readonly children: readonly ImageSpec[];
  readonly healthcheck: ImageSpec;
  readonly shell: ImageSpec;
}

const BASH = image('/usr/bin/bash', ['bash']);
const SH = image('/bin/sh', ['sh']);

export const CONTAINER_IMAGES: readonly ContainerImage[] = [
  {
    name: 'nginx',
    tag: '1.25.4',
    shortName: 'web',
    user: { id: '101', name: 'nginx' },
    init: image('/docker-entrypoint.sh', ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']),
    children: [
      image('/bin/sh', [
        'sh',
        '-c',
        'find /docker-entrypoint.d/ -mindepth 1 -maxdepth 1 -type f -print -quit',
      ]),
      image('/docker-entrypoint.d/20-envsubst-on-templates.sh', [
        '/docker-entrypoint.d/20-envsubst-on-templates.sh',
      ]),
      image('/usr/sbin/nginx', ['nginx', '-g', 'daemon off;']),
    ],
    healthcheck: image('/usr/sbin/nginx', ['nginx', '-t', '-q']),
    shell: BASH,
  },
  {
    name: 'redis',
    tag: '7.2.4',
    shortName: 'cache',
    user: { id: '999', name: 'redis' },
    init: image(
      '/usr/local/bin/docker-entrypoint.sh',
      ['docker-entrypoint.sh', 'redis-server'],
      '/data'
    ),
    children: [
      image(
        '/usr/bin/find',
        ['find', '.', '!', '-user', 'redis', '-exec', 'chown', 'redis', '{}', '+'],
        '/data'
      ),
      image('/usr/local/bin/redis-server', ['redis-server', '*:6379'], '/data'),
    ],
    healthcheck: image('/usr/local/bin/redis-cli', ['redis-cli', 'ping'], '/data'),
    shell: BASH,
  },
  {
    name: 'registry.local/shop/api',
    tag: '2.8.1',
    shortName: 'api',
    user: { id: '1000', name: 'app' },
    init: image(
      '/usr/bin/tini',
      ['tini', '--', 'gunicorn', '-b', '0.0.0.0:8000', 'app:app'],
      '/srv/app'
    ),
    children: [
      image(
        '/usr/local/bin/gunicorn',
        ['gunicorn', '-b', '0.0.0.0:8000', '-w', '4', 'app:app'],
        '/srv/app'
      ),
      image('/usr/local/bin/alembic', ['alembic', 'upgrade', 'head'], '/srv/app'),
    ],
    healthcheck: image(
      '/usr/bin/wget',
      ['wget', '-qO-', 'http://127.0.0.1:8000/healthz'],
      '/srv/app'
    ),
    shell: BASH,
  },
  {
    name: 'node',
    tag: '20-alpine',
    shortName: 'frontend',
    user: { id: '1000', name: 'node' },
    init: image(
      '/usr/local/bin/docker-entrypoint.sh',
      ['docker-entrypoint.sh', 'node', 'server.js'],
      '/usr/src/app'
    ),
    children: [
      image('/usr/local/bin/node', ['node', 'server.js'], '/usr/src/app'),
      image('/usr/local/bin/npm', ['npm', 'run', 'start'], '/usr/src/app'),
    ],
    healthcheck: image(
      '/usr/bin/wget',
      ['wget', '--spider', '-q', 'http://localhost:3000/'],
      '/usr/src/app'
    ),
    shell: SH,
  },
  {
    name: 'postgres',
    tag: '16.2',
    shortName: 'db',
    user: { id: '999', name: 'postgres' },
    init: image('/usr/local/bin/docker-entrypoint.sh', ['docker-entrypoint.sh', 'postgres']),
    children: [
      image('/usr/lib/postgresql/16/bin/postgres', ['postgres']),
      image('/usr/lib/postgresql/16/bin/pg_ctl', [
        'pg_ctl',
        '-D',
        '/var/lib/postgresql/data',
        '-w',
        'start',
      ]),
    ],
    healthcheck: image('/usr/bin/pg_isready', ['pg_isready', '-U', 'postgres']),
    shell: BASH,
  },
  {
    name: 'grafana/grafana',
    tag: '10.4.2',
    shortName: 'dashboards',
    user: { id: '472', name: 'grafana' },
    init: image('/run.sh', ['/run.sh'], '/usr/share/grafana'),
    children: [
      image(
        '/usr/share/grafana/bin/grafana',
        ['grafana', 'server', '--homepath=/usr/share/grafana'],
        '/usr/share/grafana'
      ),
    ],
    healthcheck: image('/usr/bin/wget', [
      'wget',
      '-q',
      '--spider',
      'http://localhost:3000/api/health',
    ]),
    shell: SH,
  },
];

/** Commands an operator routinely types in a `docker exec -it` shell. */
export const ROUTINE_CONTAINER_COMMANDS: readonly ImageSpec[] = [
  image('/usr/bin/ls', ['ls', '-la']),
  image('/usr/bin/cat', ['cat', '/etc/os-release']),
  image('/usr/bin/ps', ['ps', 'aux']),
  image('/usr/bin/grep', ['grep', '-ri', 'error', '/var/log']),
  image('/usr/bin/env', ['env']),
  image('/usr/bin/id', ['id']),
  image('/usr/bin/whoami', ['whoami']),
  image('/usr/bin/top', ['top', '-b', '-n', '1']),
  image('/usr/bin/vi', ['vi', '/etc/hosts']),
  image('/usr/bin/tail', ['tail', '-n', '100', '/var/log/app.log']),
  image('/usr/bin/find', ['find', '/etc', '-name', '*.conf']),
  image('/usr/bin/df', ['df', '-h']),
  image('/usr/bin/hostname', ['hostname']),
];

export const CONTAINER_SHELLS: readonly ImageSpec[] = [BASH, SH];

/** Non-interactive host work: systemd units and cron jobs. */
export const SYSTEMD_CHILDREN: readonly ImageSpec[] = [
  image('/usr/bin/systemd-tmpfiles', ['systemd-tmpfiles', '--clean']),
  image('/usr/sbin/logrotate', ['/usr/sbin/logrotate', '/etc/logrotate.conf']),
  image('/usr/lib/update-notifier/apt-check', [
    '/usr/lib/update-notifier/apt-check',
    '--human-readable',
  ]),
  image(
    '/usr/bin/unattended-upgrade',
    ['/usr/bin/python3', '/usr/bin/unattended-upgrade'],
    '/',
    'unattended-upgr'
  ),
  image('/usr/sbin/e2scrub_all', ['/usr/sbin/e2scrub_all', '-A', '-r']),
  image('/usr/bin/dockerd', [
    '/usr/bin/dockerd',
    '-H',
    'fd://',
    '--containerd=/run/containerd/containerd.sock',
  ]),
];

export const CRON_CHILDREN: readonly ImageSpec[] = [
  image(
    '/bin/sh',
    ['/bin/sh', '-c', 'test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily'],
    '/root'
  ),
  image('/usr/bin/run-parts', ['run-parts', '--report', '/etc/cron.hourly'], '/root'),
  image('/usr/bin/find', ['find', '/tmp', '-type', 'f', '-mtime', '+7', '-delete'], '/root'),
  image('/usr/bin/flock', ['flock', '-n', '/var/lock/sync.lock', '/opt/jobs/sync.sh'], '/root'),
];

/** What an admin types over ssh on a host (interactive, entry `sshd`; never a container). */
export const SSH_COMMANDS: readonly ImageSpec[] = [
  image('/usr/bin/ls', ['ls', '--color=auto', '-la'], '/home/ubuntu'),
  image('/usr/bin/cat', ['cat', '/var/log/syslog'], '/home/ubuntu'),
  image('/usr/bin/vim.basic', ['vim', 'docker-compose.yml'], '/home/ubuntu', 'vim'),
  image('/usr/bin/git', ['git', 'status'], '/home/ubuntu/deploy'),
  image('/usr/bin/htop', ['htop'], '/home/ubuntu'),
  image('/usr/bin/journalctl', ['journalctl', '-u', 'docker', '--since', 'today'], '/home/ubuntu'),
  image('/usr/bin/tail', ['tail', '-f', '/var/log/syslog'], '/home/ubuntu'),
  image('/usr/bin/free', ['free', '-m'], '/home/ubuntu'),
  image('/usr/bin/systemctl', ['systemctl', 'status', 'docker'], '/home/ubuntu'),
];

const DOCKER = '/usr/bin/docker';
const docker = (args: readonly string[], workingDirectory = '/home/ubuntu'): ImageSpec =>
  image(DOCKER, ['docker', ...args], workingDirectory);

/** Docker CLI use that matches neither rule (no `run` + `--privileged` pair). */
export const BENIGN_DOCKER_COMMANDS: readonly ImageSpec[] = [
  docker(['ps', '-a']),
  docker(['images']),
  docker(['logs', '--tail', '50', 'web-1']),
  docker(['run', '--rm', '-it', 'ubuntu:22.04', 'bash']),
  docker(['compose', 'pull']),
  docker(['run', '--privileged=true', '-it', 'ubuntu:22.04', 'bash']),
];

/**
 * `docker run … --privileged` by parents that do it every day: they are rule B terms, but known.
 * `--privileged` after the image (example 12) still matches the query: it is a separate argv element.
 */
export interface RoutinePrivilegedParent {
  readonly parent: ImageSpec;
  readonly user: UserRef;
  readonly interactive: boolean;
  readonly command: ImageSpec;
  /** How the session was entered: CI agents are systemd services, `bash` is an ssh login. */
  readonly entry: 'init' | 'sshd';
}

export const CORE_PRIVILEGED_PARENTS: readonly RoutinePrivilegedParent[] = [
  {
    parent: image(
      '/home/runner/actions-runner/bin/Runner.Worker',
      ['/home/runner/actions-runner/bin/Runner.Worker', 'spawnclient', '125', '128'],
      '/home/runner/actions-runner'
    ),
    user: RUNNER,
    interactive: false,
    command: docker(
      ['container', 'run', '--rm', '--privileged', 'docker:24-dind'],
      '/home/runner/work'
    ),
    entry: 'init',
  },
  {
    parent: LOGIN_SHELL,
    user: UBUNTU,
    interactive: true,
    command: docker(['run', '--rm', 'alpine', 'echo', '--privileged']),
    entry: 'sshd',
  },
  {
    parent: image('/usr/bin/gitlab-runner', [
      'gitlab-runner',
      'run',
      '--working-directory',
      '/home/gitlab-runner',
    ]),
    user: ROOT,
    interactive: false,
    command: docker(
      [
        'run',
        '--rm',
        '--privileged',
        '-v',
        '/var/run/docker.sock:/var/run/docker.sock',
        'docker:24-dind',
      ],
      '/'
    ),
    entry: 'init',
  },
  {
    parent: image('/usr/bin/make', ['make', 'modules'], '/home/ubuntu/kmod'),
    user: ROOT,
    interactive: false,
    command: docker(
      ['run', '--privileged', '--rm', '-v', '/dev:/dev', 'registry.local/build/kmod:6.5', 'make'],
      '/home/ubuntu/kmod'
    ),
    entry: 'init',
  },
];

/** Extra CI agents (scaled by `distinctParents`), each running privileged builds daily. */
export const ciAgentParent = (index: number): RoutinePrivilegedParent => {
  const executable = `/opt/ci/agent-${index}/bin/ci-agent`;
  return {
    parent: image(
      executable,
      [executable, 'run', '--job', `build-${index}`],
      `/opt/ci/agent-${index}`
    ),
    user: RUNNER,
    interactive: false,
    command: docker(
      ['run', '--rm', '--privileged', `registry.local/ci/builder:${index % 7}.${index % 3}`],
      `/opt/ci/agent-${index}/work`
    ),
    entry: 'init',
  };
};

/** Long-running host agents (the `distinctParents` pool) and the helpers they exec. */
const HOST_AGENT_NAMES = [
  'node-exporter',
  'fluent-bit',
  'telegraf',
  'consul',
  'vault-agent',
  'otelcol',
  'nomad',
  'osqueryd',
];

export const hostAgentParent = (index: number): ImageSpec => {
  const name = HOST_AGENT_NAMES[index % HOST_AGENT_NAMES.length] ?? 'agent';
  const executable = `/opt/${name}-${index}/bin/${name}`;
  return image(
    executable,
    [executable, '--config', `/etc/${name}/${name}.yml`],
    `/opt/${name}-${index}`
  );
};

export const HOST_AGENT_HELPERS: readonly ImageSpec[] = [
  image('/usr/bin/uname', ['uname', '-r']),
  image('/usr/bin/hostname', ['hostname', '-f']),
  image('/bin/sh', ['/bin/sh', '-c', 'cat /proc/loadavg']),
  image('/usr/bin/df', ['df', '-P']),
  image('/usr/sbin/ip', ['ip', '-j', 'addr']),
];

export interface OsVariant {
  readonly family: string;
  readonly platform: string;
  readonly full: string;
  readonly version: string;
  readonly kernel: string;
  readonly variant: string;
}

export const OS_VARIANTS: readonly OsVariant[] = [
  {
    family: 'ubuntu',
    platform: 'ubuntu',
    full: 'Ubuntu 22.04.4',
    version: '22.04.4',
    kernel: '6.5.0-1020-aws #20~22.04.1-Ubuntu SMP Wed May  1 16:10:50 UTC 2024',
    variant: 'Ubuntu',
  },
  {
    family: 'debian',
    platform: 'debian',
    full: 'Debian 12.5',
    version: '12.5',
    kernel: '6.1.0-18-cloud-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)',
    variant: 'Debian',
  },
  {
    family: 'rhel',
    platform: 'amzn',
    full: 'Amazon Linux 2023.4.20240401',
    version: '2023.4.20240401',
    kernel: '6.1.82-99.168.amzn2023.x86_64 #1 SMP PREEMPT_DYNAMIC Mon Mar 25 17:11:31 UTC 2024',
    variant: 'Amazon Linux',
  },
];

/** Rule A (`process.name`) values that occur from the very first minutes of every data set. */
export const ROUTINE_INTERACTIVE_NAMES: readonly string[] = [
  ...new Set([...CONTAINER_SHELLS, ...ROUTINE_CONTAINER_COMMANDS].map(imageName)),
];
