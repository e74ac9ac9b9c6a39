/**
 * `ctd scan <file> --json` as a user runs it (default `--warmup auto`, a scratch store in the OS
 * temp directory), through the compiled CLI's own entry point in this benchmark process: wall time
 * of the command, the process's peak RSS, and the alerts each rule raised.
 */
import { runCli } from '../../cli/ctd';
import type { RuleAlerts } from './results';
import { ownPeakRssMb } from './process_memory';

export interface ScanTask {
  readonly kind: 'scan';
  readonly file: string;
}

export interface ScanMeasurement {
  readonly durationMs: number;
  readonly rules: readonly RuleAlerts[];
  readonly peakRssMb: number;
}

/** What this measurement reads of the command's JSON output. */
interface ScanOutput {
  readonly rules: ReadonlyArray<{
    readonly ruleId: string;
    readonly ruleName: string;
    readonly alertIds: readonly string[];
  }>;
}

/** The alerts per rule from the JSON `ctd scan --json` prints. */
export const scanAlerts = (output: string): RuleAlerts[] => {
  const parsed = JSON.parse(output) as ScanOutput;
  return parsed.rules.map((rule) => ({
    ruleId: rule.ruleId,
    rule: rule.ruleName,
    alerts: rule.alertIds.length,
  }));
};

export const runScan = async (task: ScanTask): Promise<ScanMeasurement> => {
  const out: string[] = [];
  const err: string[] = [];
  const began = performance.now();
  const code = await runCli(['scan', task.file, '--json'], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  const durationMs = performance.now() - began;
  if (code !== 0) throw new Error(`ctd scan exited with ${code}: ${err.join('\n')}`);
  return {
    durationMs,
    rules: scanAlerts(out.join('\n')),
    peakRssMb: ownPeakRssMb(),
  };
};
