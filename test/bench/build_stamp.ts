/**
 * Which code a benchmark ran: the commit dist/ was built from (scripts/write_build_info.js), not the
 * one checked out when the report is written, which may have moved on during a long run.
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';

export interface BuildStamp {
  readonly commit: string;
  readonly dirty: boolean;
}

const isBuildStamp = (value: unknown): value is BuildStamp =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { commit?: unknown }).commit === 'string' &&
  typeof (value as { dirty?: unknown }).dirty === 'boolean';

/** The stamp in `distDir`, or undefined when there is none (a build before stamps) or it is unreadable. */
export const readBuildStamp = (distDir: string): BuildStamp | undefined => {
  try {
    const parsed: unknown = JSON.parse(
      fs.readFileSync(path.join(distDir, 'build_info.json'), 'utf8')
    );
    return isBuildStamp(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/** The checked-out commit, short, or undefined without git. */
export const checkedOutCommit = (root: string): string | undefined => {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return head.status === 0 ? head.stdout.trim() : undefined;
};

/** The report's line naming the code measured. */
export const describeBuild = (
  stamp: BuildStamp | undefined,
  checkedOut: string | undefined
): string => {
  if (stamp === undefined)
    return `code of an unstamped build (checked out: ${checkedOut ?? 'unknown'}; run npm run build)`;
  const built = `commit ${stamp.commit}${stamp.dirty ? ' with uncommitted changes' : ''}`;
  return checkedOut === undefined || checkedOut === stamp.commit
    ? built
    : `${built} (built then; ${checkedOut} is checked out now)`;
};
