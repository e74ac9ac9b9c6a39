/**
 * Peak memory of another process (the Elasticsearch JVM) from Linux's /proc: its `VmHWM` (peak
 * resident set), which `clear_refs` can reset so that a measurement sees only its own peak.
 * Everything here is best effort: off Linux, or without permission, the figures are undefined.
 */
import fs from 'fs';
import path from 'path';

const PROC = '/proc';
const KB_PER_MB = 1024;
/** Writing this to /proc/<pid>/clear_refs resets the peak RSS to the current RSS (Linux ≥ 4.0). */
const RESET_PEAK_RSS = '5';

/** This process's own peak resident set so far, in MB (each benchmark task runs in its own process). */
export const ownPeakRssMb = (): number => process.resourceUsage().maxRSS / KB_PER_MB;

/** The process group id from the text of /proc/<pid>/stat (the command may hold spaces and parens). */
export const processGroupOf = (statText: string): number | undefined => {
  const end = statText.lastIndexOf(')');
  if (end < 0) return undefined;
  // After "pid (comm)": state, ppid, pgrp, …
  const fields = statText
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const pgrp = Number(fields[2]);
  return Number.isInteger(pgrp) ? pgrp : undefined;
};

/** A `Vm…:  1234 kB` line of /proc/<pid>/status, in kB. */
export const statusKb = (statusText: string, key: 'VmHWM' | 'VmRSS'): number | undefined => {
  const match = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(statusText);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

const readOrUndefined = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** Pids of the live processes in process group `pgid` (the ES launcher and its server JVM). */
export const processGroupPids = (pgid: number): number[] => {
  let entries: string[];
  try {
    entries = fs.readdirSync(PROC);
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const stat = readOrUndefined(path.join(PROC, String(pid), 'stat'));
      return stat !== undefined && processGroupOf(stat) === pgid;
    });
};

/** Resets the peak RSS of every process of the group; false if any could not be reset. */
export const resetGroupPeakRss = (pgid: number): boolean => {
  const pids = processGroupPids(pgid);
  let all = pids.length > 0;
  for (const pid of pids) {
    try {
      fs.writeFileSync(path.join(PROC, String(pid), 'clear_refs'), RESET_PEAK_RSS);
    } catch {
      all = false;
    }
  }
  return all;
};

/** The largest peak RSS among the group's processes (the server JVM), in MB. */
export const groupPeakRssMb = (pgid: number): number | undefined => {
  const peaks = processGroupPids(pgid)
    .map((pid) => readOrUndefined(path.join(PROC, String(pid), 'status')))
    .map((status) => (status === undefined ? undefined : statusKb(status, 'VmHWM')))
    .filter((kb): kb is number => kb !== undefined);
  return peaks.length === 0 ? undefined : Math.max(...peaks) / KB_PER_MB;
};
