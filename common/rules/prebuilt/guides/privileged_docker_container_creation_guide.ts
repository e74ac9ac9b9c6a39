/**
 * Investigation guide (`note`) for "Privileged Docker Container Creation". Written by us; it covers
 * the same ground as upstream's guide (which arrived with rule version 3) but is not derived from
 * its text. Markdown rendered by EuiMarkdownFormat, so plain CommonMark only.
 */
export const PRIVILEGED_DOCKER_CONTAINER_CREATION_GUIDE = `## Triage and analysis

### Investigating Privileged Docker Container Creation

\`docker run --privileged\` removes nearly every isolation boundary between a container and its host:
all Linux capabilities, access to every host device, and no seccomp or AppArmor confinement. Anyone
who can start such a container can mount the host's disk, enter the host's namespaces or load
kernel modules, so it is a well-known route from "can talk to Docker" to "root on the host", and a
way to persist by leaving such a container behind.

The rule watches \`docker\` client executions on Linux whose arguments contain both \`run\` and
\`--privileged\`. It alerts only when the launching program (\`process.parent.executable\`, the new
term, echoed in \`kibana.alert.new_terms\`) has launched no privileged container in
the previous 14 days of events. Known automation therefore stays quiet, while a person or a new script doing
it for the first time stands out. Events are timed by \`event.ingested\`.

### Possible investigation steps

- Start from the new term: \`kibana.alert.new_terms\` / \`process.parent.executable\`, with
  \`process.parent.name\`, \`process.parent.args\` and \`process.parent.command_line\`. An
  interactive shell, a script in \`/tmp\`, \`/dev/shm\` or a home directory, or a web/application
  server as the parent is suspicious; a CI agent or configuration-management tool at its usual path
  is less so.
- Read the full command in \`process.args\` / \`process.command_line\`. Note the image and look for
  options that widen the escape further: host mounts (\`-v /:/host\`, \`-v /var/run/docker.sock:...\`),
  \`--pid=host\`, \`--net=host\`, \`--ipc=host\`, \`--userns=host\`, \`--cap-add\`,
  \`--security-opt ...=unconfined\`, \`--device\`, and an entrypoint such as
  \`chroot /host\` or \`nsenter -t 1 -m -u -i -n -p\`. An image pulled from an unfamiliar registry or
  a generic image (\`alpine\`, \`ubuntu\`, \`busybox\`) combined with a host mount is a strong signal.
- Identify who ran it: \`user.name\` and \`user.id\`, and whether that account is in the \`docker\`
  group (which is equivalent to root). Trace the session through \`process.entry_leader.name\`,
  \`process.entry_leader.user.name\` and \`process.entry_leader.entry_meta.type\` (for example an SSH
  login, and from where) and \`process.session_leader.*\`.
- Find the container that was created. The alert event runs on the host, so it has no
  \`container.id\`; on \`host.name\`, look for process events with
  \`process.entry_leader.entry_meta.type:container\` starting just after the alert, or run
  \`docker ps -a\` and \`docker inspect <container_id>\` (check \`HostConfig.Privileged\`, mounts and
  the command). Then review what ran inside it via \`container.id\`.
- Look for escape and persistence on the host in the following minutes: \`mount\` of block
  devices, \`nsenter\`, \`chroot\`, \`insmod\`/\`modprobe\`, writes to cgroup \`release_agent\` files,
  and changes to \`/etc/passwd\`, \`/etc/sudoers\`, cron, systemd units or \`authorized_keys\`.
- Widen the scope: search other hosts for the same \`process.parent.executable\` or image, and check
  \`host.name\` for other alerts (downloads, new services, outbound connections) around the alert
  time. Compare \`@timestamp\` with \`event.ingested\` to spot delayed delivery.

### False positive analysis

- CI/CD runners that need Docker-in-Docker, local Kubernetes tooling (kind, minikube, k3d), and
  some monitoring or security agents start privileged containers by design. The first run from a
  new install path or after an upgrade that changes the path will alert once.
- Administrators occasionally use a privileged container for host maintenance. Confirm with the
  person and any change record.
- When activity is confirmed benign, add an exception that combines \`process.parent.executable\`
  with \`host.name\` or \`user.name\` and, where possible, the image in \`process.args\`. Avoid
  excepting generic parents such as \`bash\` or \`sudo\`: that would hide interactive misuse.
- Revisit exceptions when tooling is retired; an exception for a removed CI runner path is an
  invitation to anyone who can place a binary there.

### Response and remediation

- If the action is not accounted for, capture evidence first: \`docker inspect\`, \`docker logs\`
  and \`docker diff\` for the container, and an export of its filesystem. Then stop and remove it.
- Assume the host may be compromised: a privileged container can change anything on it. Isolate
  \`host.name\` with Elastic Defend host isolation if escape indicators are present, and review the
  host for the persistence mechanisms listed above before returning it to service (rebuilding it is
  safer).
- Remove the access that made it possible: take the account out of the \`docker\` group, protect
  the Docker socket, rotate credentials found on the host or in the launching script, and review
  how the parent program got there.
- Prevent recurrence: prefer rootless Docker or user namespaces, use a Docker authorization plugin,
  and on Kubernetes enforce Pod Security Admission (\`baseline\` or \`restricted\`) or an admission
  policy that rejects privileged containers. Grant specific capabilities instead of
  \`--privileged\` where a workload truly needs extra access.
`;
