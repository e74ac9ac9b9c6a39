/** What a benchmark ran on, written beside its numbers so they can be compared honestly. */
import os from 'os';

export interface MachineDescription {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
}

const BYTES_PER_GB = 1024 ** 3;

export const describeMachine = (): MachineDescription => {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / BYTES_PER_GB),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
  };
};
