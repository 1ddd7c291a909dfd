import { createInterface } from 'node:readline';
import { CliError, ExitCode, usageError } from '../exit-codes';

/** What prompts read from and write to (process.stdin / process.stderr). */
export interface PromptIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stderr: NodeJS.WritableStream;
}

/** Reads one line from a terminal. @throws CliError exit 2 when stdin is not a terminal (`hint` says which flag to use instead). */
export async function promptLine(io: PromptIO, question: string, hint: string): Promise<string> {
  if (!io.stdin.isTTY) throw usageError(`cannot prompt for input: stdin is not a terminal (${hint})`);
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}

/**
 * Reads a secret from a terminal without echoing it (raw mode; Backspace edits, Enter ends,
 * Ctrl-C aborts with exit 130). @throws CliError exit 2 when stdin is not a terminal.
 */
export function promptHidden(io: PromptIO, question: string, hint: string): Promise<string> {
  const { stdin, stderr } = io;
  if (!stdin.isTTY || !stdin.setRawMode) return Promise.reject(usageError(`cannot prompt for the password: stdin is not a terminal (${hint})`));
  stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  return new Promise<string>((resolve, reject) => {
    const done = (err?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError('interrupted', ExitCode.Interrupted));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** All of stdin, without one trailing newline (`--password-stdin`, as `docker login` reads it). @throws CliError exit 2 when empty. */
export async function readSecretFromStdin(stdin: NodeJS.ReadableStream, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (text === '') throw usageError(`no ${what} on stdin`);
  return text;
}
