/**
 * Exit codes of `knm` (documented in docs/cli.md):
 * - 0: done; for a task, every node succeeded (skipped = the node no longer exists, not a failure).
 * - 1: the request was valid but not done completely: a node failed, the task failed or was
 *   cancelled, the server refused it for the state of things (404 not found, 409 conflict,
 *   label/taint already set without --overwrite) or answered 5xx.
 * - 2: bad input or usage: argument syntax, unknown flags, values the server rejected (400).
 * - 3: the server cannot be reached, or authentication failed (no/expired/invalid credentials,
 *   401/403, a credentials file with loose permissions).
 * - 130: interrupted (Ctrl-C); a running task continues on the server.
 */
export const ExitCode = {
  Ok: 0,
  Failed: 1,
  Usage: 2,
  Unreachable: 3,
  Interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI reports as `error: <message>` (plus `details` lines) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Extra lines printed after the message, indented (e.g. field violations). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A bad argument or flag (exit 2). */
export const usageError = (message: string, details: readonly string[] = []): CliError => new CliError(message, ExitCode.Usage, details);
