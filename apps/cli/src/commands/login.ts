import type { Command } from 'commander';
import { ExitCode, usageError } from '../exit-codes';
import { resolveServer } from '../auth/connection';
import { loginWithPassword, logoutSession, verifyToken } from '../auth/login';
import { promptHidden, promptLine, readSecretFromStdin } from '../auth/prompt';
import type { StoredAuth } from '../config/cli-config';
import { action, serverFlag, type CliContext, type ExitHolder } from './context';

interface LoginFlags {
  username?: string;
  passwordStdin?: boolean;
  token?: string;
  tokenStdin?: boolean;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Warns when credentials would cross the network in clear text. */
function warnPlainHttp(ctx: CliContext, server: string): void {
  const url = new URL(server);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) ctx.out.notice(`warning: ${server} is plain http: credentials cross the network unencrypted; use https`);
}

async function tokenLogin(ctx: CliContext, server: string, flags: LoginFlags): Promise<{ auth: StoredAuth; line: string }> {
  const token = flags.tokenStdin ? await readSecretFromStdin(ctx.prompt.stdin, 'token') : (flags.token as string);
  const check = await verifyToken(server, token, ctx.fetchFn);
  if (!check.authEnabled) {
    return { auth: { type: 'token', server, token }, line: `Saved the API token for ${server} (the server runs without authentication and does not check it yet)` };
  }
  return { auth: { type: 'token', server, token, username: check.username }, line: `Logged in to ${server} as ${check.username} (API token)` };
}

async function passwordLogin(ctx: CliContext, server: string, flags: LoginFlags): Promise<{ auth: StoredAuth; line: string }> {
  const username = flags.username ?? (await promptLine(ctx.prompt, 'Username: ', 'pass --username'));
  if (!username) throw usageError('a username is required');
  const password = flags.passwordStdin
    ? await readSecretFromStdin(ctx.prompt.stdin, 'password')
    : await promptHidden(ctx.prompt, 'Password: ', 'pipe it with --password-stdin, or use --token');
  const auth = await loginWithPassword(server, username, password, ctx.clock, ctx.fetchFn);
  return { auth, line: `Logged in to ${server} as ${auth.username}` };
}

/** `knm login`: password (prompted or --password-stdin) or API token; stores server + credentials (file 0600). */
async function login(ctx: CliContext, flags: LoginFlags, cmd: Command): Promise<ExitCode> {
  if ((flags.token || flags.tokenStdin) && (flags.username || flags.passwordStdin)) throw usageError('use either --token/--token-stdin or --username/--password-stdin, not both');
  if (flags.tokenStdin && flags.passwordStdin) throw usageError('--token-stdin and --password-stdin both read stdin');
  const server = resolveServer(serverFlag(cmd), ctx.env, ctx.store.read());
  warnPlainHttp(ctx, server);
  const { auth, line } = flags.token || flags.tokenStdin ? await tokenLogin(ctx, server, flags) : await passwordLogin(ctx, server, flags);
  await ctx.store.update((config) => ({ ...config, server, auth }));
  ctx.out.print(line);
  return ExitCode.Ok;
}

/** `knm logout`: revokes a password session on the server (when reachable) and forgets the stored credentials. */
async function logout(ctx: CliContext): Promise<ExitCode> {
  const auth = ctx.store.read().auth;
  if (!auth) {
    ctx.out.print('Not logged in');
    return ExitCode.Ok;
  }
  if (auth.type === 'session') {
    await logoutSession(auth, ctx.fetchFn).catch((err: Error) => ctx.out.notice(`warning: could not end the session on ${auth.server} (${err.message}); it expires on its own`));
  }
  await ctx.store.update(({ auth: _gone, ...rest }) => rest);
  ctx.out.print(auth.type === 'token' ? `Removed the API token for ${auth.server} (it stays valid until it expires or is revoked in the console)` : `Logged out of ${auth.server}`);
  return ExitCode.Ok;
}

/** Registers `login` and `logout`. */
export function registerLoginCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  program
    .command('login')
    .description('log in to the server (with --server, or KNM_SERVER) and store the credentials in the config file (mode 0600)')
    .option('-u, --username <name>', 'user name (prompted when omitted)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--token <token>', 'log in with an API token (knm_...) instead of a password; visible in the process list: prefer --token-stdin')
    .option('--token-stdin', 'read the API token from stdin')
    .addHelpText('after', '\nExamples:\n  knm login --server https://knm.example.com -u alice\n  echo "$PASSWORD" | knm login -u alice --password-stdin\n  knm login --token-stdin < token.txt')
    .action(action(exit, (flags: LoginFlags, cmd: Command) => login(ctx, flags, cmd)));
  program
    .command('logout')
    .description('end the session on the server and remove the stored credentials')
    .action(action(exit, () => logout(ctx)));
}
