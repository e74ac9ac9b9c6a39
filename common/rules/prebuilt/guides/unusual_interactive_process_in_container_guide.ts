/**
 * Investigation guide (`note`) for "Unusual Interactive Process Launched in a Container".
 * Upstream ships no guide for this rule despite its "Resources: Investigation Guide" tag; this one
 * is ours. Markdown rendered by EuiMarkdownFormat, so plain CommonMark only.
 */
export const UNUSUAL_INTERACTIVE_PROCESS_IN_CONTAINER_GUIDE = `## Triage and analysis

### Investigating Unusual Interactive Process Launched in a Container

Containers are built to run one workload unattended. A process with a controlling terminal
(\`process.interactive: true\`) inside a container therefore means that someone is typing into it:
an operator running \`docker exec -it\` or \`kubectl exec -it\`, or an intruder who has turned a
foothold (a web shell, a reverse shell, a compromised CI job) into a terminal session.

Elastic Defend records which session a process belongs to. The rule keeps exec events whose
session entry leader is a container runtime (\`process.entry_leader.entry_meta.type: container\`) and
that are interactive, then alerts only when the program name (\`process.name\`, the new term, echoed
in \`kibana.alert.new_terms\`) has not been seen in such a session during the previous 14 days. The
alert is therefore about novelty: a tool nobody has used interactively in your containers for two
weeks. Events are timed by \`event.ingested\`, so late-arriving events are still evaluated.

### Possible investigation steps

- Read \`kibana.alert.new_terms\` and \`process.name\`: which program is new? Shells, interpreters
  (\`python\`, \`perl\`), downloaders (\`curl\`, \`wget\`), network tools (\`nc\`, \`socat\`, \`nmap\`),
  package managers installing tooling, or host-interaction tools (\`mount\`, \`nsenter\`, \`chroot\`,
  \`capsh\`, \`insmod\`) are far more concerning than \`ls\` or \`ps\` in a fresh image.
- Inspect \`process.args\`, \`process.command_line\` and \`process.working_directory\` for downloads,
  encoded payloads, access to \`/var/run/secrets\`, \`/proc/1/root\`, the Docker socket or host
  device files, and for PTY upgrade tricks such as \`python -c 'import pty; pty.spawn(...)'\` or
  \`script -qc /bin/sh /dev/null\`.
- Walk the process tree with \`process.parent.name\`, \`process.parent.executable\`,
  \`process.parent.args\` and \`process.session_leader.*\`. A shell whose ancestry leads back to the
  runtime (\`runc\`, \`containerd-shim\`) matches an \`exec\` from outside; a shell spawned by the
  application process itself (web server, JVM, Node.js) suggests remote code execution.
- Examine the entry leader: \`process.entry_leader.name\`, \`process.entry_leader.executable\`,
  \`process.entry_leader.args\`, \`process.entry_leader.start\` and
  \`process.entry_leader.user.name\`. Its \`process.entry_leader.entity_id\` identifies the whole
  session; open the alert in Session View (available when the Elastic Defend policy collects
  session data) or query \`process.entry_leader.entity_id:"<value>"\` to list every command run
  in it.
- Identify the workload: \`container.id\`, \`container.name\`, \`container.image.name\` and
  \`container.image.tag\`, plus \`orchestrator.namespace\` and \`orchestrator.resource.name\` on
  Kubernetes. Is this image expected to be debugged by hand? Was it deployed recently (a new image
  can legitimately introduce a new binary)?
- Check the identity: \`user.name\` and \`user.id\` inside the container (\`0\` means root) and,
  on Kubernetes, the API server audit log for a \`pods/exec\` request against this pod near the
  alert time. An interactive session with no matching exec request points to a shell obtained
  through the application rather than through the control plane.
- Scope it with \`host.name\`: search for the same \`process.name\` or
  \`process.entry_leader.entity_id\` on other hosts and containers, and for other alerts on this
  \`container.id\` or \`host.name\` in the surrounding hour (network connections, file writes under
  \`/tmp\` or \`/dev/shm\`, privilege changes).
- Compare \`@timestamp\` with \`event.ingested\`: a large gap means the agent buffered events, so the
  activity may be older than the alert suggests.

### False positive analysis

- Engineers troubleshooting a workload with \`docker exec -it\` or \`kubectl exec -it\` (or
  \`kubectl debug\`) will trigger the rule the first time they use a given tool. Confirm with the
  person, a change ticket, or the Kubernetes audit log, then close the alert.
- Development or sandbox containers that are used like virtual machines produce a steady stream of
  new interactive programs. Add an exception on \`container.image.name\` or
  \`orchestrator.namespace\` for those environments rather than on \`process.name\`, so the same
  tool is still caught in production.
- CI runners that allocate a TTY (\`docker run -t\`) and new image versions that ship new
  utilities can make benign programs appear interactive. Scope exceptions to the runner image and
  the exact \`process.executable\`.
- Avoid exceptions on shells (\`sh\`, \`bash\`) or on \`process.name\` alone: they would hide the
  very activity this rule exists to surface.

### Response and remediation

- If the session is not accounted for, preserve evidence before touching the container: record
  \`docker inspect\`/\`kubectl get pod -o yaml\`, collect \`docker diff\` and, if possible,
  \`docker export\` or a checkpoint of the container filesystem, and export the Session View data.
- Contain the workload: isolate it from the network (a deny-all Kubernetes NetworkPolicy or
  disconnecting the container network), then stop it. Consider Elastic Defend host isolation for
  \`host.name\` if there is any sign the session reached the host.
- Treat every secret the container could read as exposed: service-account tokens, environment
  variables, mounted credentials and cloud instance-role credentials. Rotate them and review their
  recent use.
- Find the way in: review the application's logs for exploitation, and revoke or tighten whoever
  holds \`pods/exec\` or Docker socket access if the session came through the control plane.
- Redeploy from a known-good image, and harden it: drop shells and debugging tools from production
  images (distroless or minimal bases), run as non-root with a read-only root filesystem, and
  restrict \`exec\` with RBAC or admission policy.
- Check the host (\`host.name\`) for escape indicators: new privileged containers, mounts of host
  paths, kernel module loads, or changes to cron, systemd units and SSH keys.
`;
