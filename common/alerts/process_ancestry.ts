/**
 * The process ancestry an investigator reads top-down: entry leader (how the session entered the
 * host or container) → session leader → group leader → parent → the process itself. Elastic
 * Defend snapshots each of these on every process event, so the chain comes from the alert's own
 * source event without another query. Roles held by the same process (same entity id) make one
 * link, placed at its innermost role: a shell that is its own entry leader sits below its parent
 * (runc), not above it. Browser-safe.
 */
import { getFieldValues } from '../es/document_fields';

export const ANCESTRY_ROLES = [
  'entry_leader',
  'session_leader',
  'group_leader',
  'parent',
  'process',
] as const;
export type AncestryRole = (typeof ANCESTRY_ROLES)[number];

export interface AncestryLink {
  /** Every role this process holds (a login shell is often session and group leader). */
  readonly roles: readonly AncestryRole[];
  readonly entityId: string | null;
  readonly pid: number | null;
  readonly name: string | null;
  readonly executable: string | null;
  readonly args: readonly string[];
  readonly userName: string | null;
  readonly userId: string | null;
  readonly start: string | null;
  readonly interactive: boolean | null;
  readonly workingDirectory: string | null;
  /** Entry leaders only: how the session entered (container, sshd, init, …). */
  readonly entryType: string | null;
}

const prefixOf = (role: AncestryRole): string =>
  role === 'process' ? 'process' : `process.${role}`;

const first = (doc: unknown, field: string): unknown => getFieldValues(doc, field)[0];

const text = (doc: unknown, field: string): string | null => {
  const value = first(doc, field);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

const number = (doc: unknown, field: string): number | null => {
  const value = Number(first(doc, field));
  return first(doc, field) === undefined || !Number.isFinite(value) ? null : value;
};

const bool = (doc: unknown, field: string): boolean | null => {
  const value = first(doc, field);
  return typeof value === 'boolean' ? value : null;
};

const linkOf = (doc: unknown, role: AncestryRole): Omit<AncestryLink, 'roles'> | undefined => {
  const prefix = prefixOf(role);
  const link = {
    entityId: text(doc, `${prefix}.entity_id`),
    pid: number(doc, `${prefix}.pid`),
    name: text(doc, `${prefix}.name`),
    executable: text(doc, `${prefix}.executable`),
    args: getFieldValues(doc, `${prefix}.args`).map(String),
    userName: text(doc, `${prefix}.user.name`),
    userId: text(doc, `${prefix}.user.id`),
    start: text(doc, `${prefix}.start`),
    interactive: bool(doc, `${prefix}.interactive`),
    workingDirectory: text(doc, `${prefix}.working_directory`),
    entryType: role === 'entry_leader' ? text(doc, `${prefix}.entry_meta.type`) : null,
  };
  const known = link.entityId ?? link.pid ?? link.name ?? link.executable;
  return known === null ? undefined : link;
};

/** Two snapshots of one process: the inner role's values, with the outer's where the inner has none. */
const mergeSnapshots = (
  outer: AncestryLink,
  inner: Omit<AncestryLink, 'roles'>,
  role: AncestryRole
): AncestryLink => ({
  roles: [...outer.roles, role],
  entityId: inner.entityId ?? outer.entityId,
  pid: inner.pid ?? outer.pid,
  name: inner.name ?? outer.name,
  executable: inner.executable ?? outer.executable,
  args: inner.args.length > 0 ? inner.args : outer.args,
  userName: inner.userName ?? outer.userName,
  userId: inner.userId ?? outer.userId,
  start: inner.start ?? outer.start,
  interactive: inner.interactive ?? outer.interactive,
  workingDirectory: inner.workingDirectory ?? outer.workingDirectory,
  entryType: outer.entryType ?? inner.entryType,
});

/** The chain from the entry leader down to the process; roles the event does not describe are skipped. */
export const processAncestry = (event: unknown): AncestryLink[] => {
  let links: AncestryLink[] = [];
  for (const role of ANCESTRY_ROLES) {
    const link = linkOf(event, role);
    if (link === undefined) continue;
    const same =
      link.entityId === null
        ? undefined
        : links.find((existing) => existing.entityId === link.entityId);
    if (same === undefined) {
      links.push({ roles: [role], ...link });
    } else {
      links = [...links.filter((existing) => existing !== same), mergeSnapshots(same, link, role)];
    }
  }
  return links;
};
