import type { Command } from 'commander';
import { ExitCode } from '../exit-codes';
import { resolveServer } from '../auth/connection';
import type { CliConfig } from '../config/cli-config';
import { action, clusterFor, type CliContext, type ExitHolder } from './context';

/** The config with secrets replaced (tokens are never printed). */
export function redacted(config: CliConfig): unknown {
  const auth = config.auth;
  if (!auth) return config;
  if (auth.type === 'token') return { ...config, auth: { ...auth, token: 'REDACTED' } };
  return { ...config, auth: { ...auth, accessToken: 'REDACTED', refreshToken: 'REDACTED', csrfToken: auth.csrfToken ? 'REDACTED' : null } };
}

/** Registers `config view|set-server|use-cluster`. */
export function registerConfigCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  const config = program.command('config').description('show or change the CLI config file');
  config
    .command('view')
    .description('print the config file path and its content (secrets redacted)')
    .action(
      action(exit, async () => {
        ctx.out.print(`# ${ctx.store.path}`);
        ctx.out.print(JSON.stringify(redacted(ctx.store.read()), null, 2));
        return ExitCode.Ok;
      }),
    );
  config
    .command('set-server')
    .argument('<url>', 'server origin, e.g. https://knm.example.com')
    .description('set the default server (no login needed while the server runs without authentication)')
    .action(
      action(exit, async (url: string) => {
        const server = resolveServer(url, {}, {});
        await ctx.store.update((c) => ({ ...c, server }));
        ctx.out.print(`Server set to ${server}`);
        return ExitCode.Ok;
      }),
    );
  config
    .command('use-cluster')
    .argument('<name>', 'registered cluster name')
    .description('set the default cluster of commands that take -c/--cluster')
    .action(
      action(exit, async (name: string) => {
        const cluster = clusterFor({ ...ctx, env: {} }, name);
        await ctx.store.update((c) => ({ ...c, cluster }));
        ctx.out.print(`Default cluster set to ${cluster}`);
        return ExitCode.Ok;
      }),
    );
}
