/** The part of a writable stream the CLI writes to (process.stdout / process.stderr, or a test buffer). */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Where a command writes: results on stdout, errors and notices on stderr. */
export class Output {
  constructor(
    readonly stdout: TextSink,
    readonly stderr: TextSink,
  ) {}

  /** Writes `line` and a newline to stdout. */
  print(line = ''): void {
    this.stdout.write(`${line}\n`);
  }

  /** Writes text to stdout as is. */
  write(text: string): void {
    this.stdout.write(text);
  }

  /** Writes a notice line to stderr (`knm: ...`). */
  notice(line: string): void {
    this.stderr.write(`knm: ${line}\n`);
  }

  /** Writes an error line to stderr in kubectl's form (`error: ...`). */
  error(message: string, details: readonly string[] = []): void {
    this.stderr.write(`error: ${message}\n`);
    for (const d of details) this.stderr.write(`  ${d}\n`);
  }
}

/** Time for the CLI. The server's Clock (libs/common) is a Nest injectable; the CLI stays free of Nest. */
export interface CliClock {
  /** Wall-clock ms since the epoch. */
  now(): number;
}

export const systemClock: CliClock = { now: () => Date.now() };
