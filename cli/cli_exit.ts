/**
 * Ends a command with a non-zero exit code after it has printed its result (e.g. `kql test`'s
 * "no match"): nothing more to say, so nothing is printed. Thrown rather than set on
 * `process.exitCode`, which would leak into the next command run in the same process.
 */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CliExit';
  }
}
