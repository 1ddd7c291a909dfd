import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { ApiRoutes, dns1123LabelViolations, type ClusterResponse, type CreateClusterRequest } from '@knm/contracts';
import { ExitCode, usageError } from '../exit-codes';
import { age } from '../format/human-duration';
import { structured } from '../format/printers';
import { formatTable } from '../format/table';
import { action, connectFor, type CliContext, type ExitHolder } from './context';

const outputOption = () => new Option('-o, --output <format>', 'output format').choices(['json', 'yaml']);

function checkName(name: string): void {
  const bad = dns1123LabelViolations(name);
  if (bad.length > 0) throw usageError(`invalid cluster name "${name}": ${bad.join('; ')}`);
}

/** The kubeconfig text from the user's machine (the server is never given a path). @throws CliError exit 2 when unreadable. */
function readKubeconfig(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw usageError(`cannot read kubeconfig ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** `knm clusters ls`: NAME SERVER CONTEXT STATUS NODES VERSION AGE. */
async function listClusters(ctx: CliContext, cmd: Command, flags: { output?: 'json' | 'yaml' }): Promise<ExitCode> {
  const clusters = await connectFor(ctx, cmd).api.get<ClusterResponse[]>(ApiRoutes.clusters());
  if (flags.output) {
    ctx.out.write(structured(flags.output, clusters));
    return ExitCode.Ok;
  }
  if (clusters.length === 0) {
    ctx.out.stderr.write('No clusters registered\n');
    return ExitCode.Ok;
  }
  const now = ctx.clock.now();
  const rows = clusters.map((c) => [c.name, c.server, c.context, c.status, String(c.nodeCount), c.kubernetesVersion ?? '<unknown>', age(c.createdAt, now)]);
  for (const line of formatTable(['NAME', 'SERVER', 'CONTEXT', 'STATUS', 'NODES', 'VERSION', 'AGE'], rows)) ctx.out.print(line);
  return ExitCode.Ok;
}

/** `knm clusters add NAME --kubeconfig FILE [--context C]`: sends the file's text; the server tests the connection, then stores it encrypted. */
async function addCluster(ctx: CliContext, cmd: Command, name: string, flags: { kubeconfig: string; context?: string; output?: 'json' | 'yaml' }): Promise<ExitCode> {
  checkName(name);
  const body: CreateClusterRequest = { name, kubeconfig: readKubeconfig(flags.kubeconfig), ...(flags.context ? { context: flags.context } : {}) };
  const cluster = await connectFor(ctx, cmd).api.post<ClusterResponse>(ApiRoutes.clusters(), body);
  if (flags.output) ctx.out.write(structured(flags.output, cluster));
  else ctx.out.print(`cluster/${cluster.name} registered (server ${cluster.server}, context ${cluster.context}, ${cluster.nodeCount} nodes)`);
  return ExitCode.Ok;
}

async function removeCluster(ctx: CliContext, cmd: Command, name: string): Promise<ExitCode> {
  checkName(name);
  await connectFor(ctx, cmd).api.delete(ApiRoutes.cluster(name));
  ctx.out.print(`cluster/${name} deleted`);
  return ExitCode.Ok;
}

/** Registers `clusters ls|add|rm`. */
export function registerClusterCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  const clusters = program.command('clusters').alias('cluster').description('list, register and remove clusters');
  clusters
    .command('ls')
    .alias('list')
    .description('list registered clusters')
    .addOption(outputOption())
    .action(action(exit, (flags: { output?: 'json' | 'yaml' }, cmd: Command) => listClusters(ctx, cmd, flags)));
  clusters
    .command('add')
    .argument('<name>', 'cluster name (DNS-1123 label)')
    .description("register a cluster from a kubeconfig file on this machine (its text is sent; the server tests it and stores it encrypted)")
    .requiredOption('--kubeconfig <file>', 'kubeconfig file to read')
    .option('--context <name>', "context to use (default: the kubeconfig's current-context)")
    .addOption(outputOption())
    .action(action(exit, (name: string, flags: { kubeconfig: string; context?: string; output?: 'json' | 'yaml' }, cmd: Command) => addCluster(ctx, cmd, name, flags)));
  clusters
    .command('rm')
    .alias('remove')
    .argument('<name>', 'cluster name')
    .description('remove a registered cluster (its stored kubeconfig and node cache go with it)')
    .action(action(exit, (name: string, _flags: unknown, cmd: Command) => removeCluster(ctx, cmd, name)));
}
