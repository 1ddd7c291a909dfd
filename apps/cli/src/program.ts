import { Command } from 'commander';
import { ExitCode } from './exit-codes';
import { registerBatchCommands } from './commands/batch';
import { registerClusterCommands } from './commands/clusters';
import { registerConfigCommands } from './commands/config';
import type { CliContext, ExitHolder } from './commands/context';
import { registerLoginCommands } from './commands/login';
import { registerNodeCommands } from './commands/nodes';
import { registerTaskCommands } from './commands/tasks';

const ENVIRONMENT_HELP = `
Environment:
  KNM_SERVER      server URL (overrides the config file; --server overrides it)
  KNM_TOKEN       API token sent as Authorization: Bearer (overrides stored credentials)
  KNM_CLUSTER     default cluster for -c/--cluster
  KNM_PROGRESS    bar | lines | none: how a running task is shown (default: bar on a terminal, lines otherwise)
  KNM_SOCKET_FALLBACK_MS  ms a lost realtime socket may take to come back before REST polling (3000)
  XDG_CONFIG_HOME config directory (default ~/.config); the file is knm/config.json, mode 0600

Exit codes: 0 done (every node succeeded), 1 a node or the task failed, or the server refused
(not found, conflict), 2 bad input or usage, 3 server unreachable or authentication failed.`;

/**
 * The `knm` command tree. Commander's own usage errors (unknown option, missing argument, bad
 * choice) are printed by commander as `error: ...` and exit 2; help exits 0.
 * `name` is `kubectl knm` when run as a kubectl plugin, so help shows how it was invoked.
 */
export function buildProgram(ctx: CliContext, name: string, version: string, exit: ExitHolder): Command {
  const program = new Command(name)
    .description('kube-node-manager command-line client: clusters, nodes and batch tasks with live progress')
    .version(version, '--version', 'print the version')
    .option('-s, --server <url>', 'server URL (default: KNM_SERVER, else the one stored by knm login)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out.stdout.write(s), writeErr: (s) => ctx.out.stderr.write(s) })
    .showSuggestionAfterError()
    .addHelpText('after', ENVIRONMENT_HELP);
  registerLoginCommands(program, ctx, exit);
  registerConfigCommands(program, ctx, exit);
  registerClusterCommands(program, ctx, exit);
  registerNodeCommands(program, ctx, exit);
  registerBatchCommands(program, ctx, exit);
  registerTaskCommands(program, ctx, exit);
  exit.code = ExitCode.Ok;
  return program;
}
