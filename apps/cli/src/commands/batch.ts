import { Option, type Command } from 'commander';
import { CORDON_REASON_MAX_LENGTH } from '@knm/contracts';
import { ExitCode, usageError } from '../exit-codes';
import { drainParamsFromFlags, type DrainFlags } from '../args/drain-args';
import { parseLabelArgs } from '../args/label-args';
import { parseIntFlag } from '../args/numbers';
import { nodeNames, requireTargets } from '../args/resource-args';
import { parseTaintArgs } from '../args/taint-args';
import { action, clusterFor, connectFor, type CliContext, type ExitHolder } from './context';
import { refuseLabelOverwrites, refuseTaintOverwrites } from './overwrite-check';
import { createAndFollow, type TaskRequestBody } from './run-task';

/** Options every batch command shares. */
interface BatchFlags {
  cluster?: string;
  selector?: string;
  dryRun?: boolean;
  concurrency?: string;
  output?: 'json' | 'yaml';
  wait: boolean;
  overwrite?: boolean;
}

function batchOptions(cmd: Command): Command {
  return cmd
    .option('-c, --cluster <name>', 'cluster (default: KNM_CLUSTER or knm config use-cluster)')
    .option('-l, --selector <selector>', 'target the nodes matching this label selector instead of naming them')
    .option('--dry-run', 'server-side dry run: report what would change, change nothing (also --dry-run=server)')
    .option('--concurrency <n>', 'nodes changed in parallel (default: the server\'s, 10)')
    .addOption(new Option('-o, --output <format>', 'print the final task instead of the summary').choices(['json', 'yaml']))
    .option('--no-wait', 'print the task id and return at once; follow it later with knm tasks get ID --wait');
}

/** The request fields every kind shares, from the flags and the targets. */
function requestBase(flags: BatchFlags, targets: { nodes?: string[]; selector?: string }) {
  return {
    ...targets,
    ...(flags.dryRun ? { dryRun: true } : {}),
    ...(flags.concurrency !== undefined ? { concurrency: parseIntFlag('--concurrency', flags.concurrency, 1) } : {}),
  };
}

type BodyBuilder = (args: string[], flags: BatchFlags & Record<string, unknown>) => { nodes: string[]; build: (t: { nodes?: string[]; selector?: string }) => TaskRequestBody };

/** Parses everything (exit 2 before any request), runs the kubectl --overwrite check, creates and follows the task. */
async function runBatch(ctx: CliContext, cmd: Command, args: string[], flags: BatchFlags & Record<string, unknown>, parse: BodyBuilder): Promise<ExitCode> {
  const parsed = parse(args, flags);
  const targets = requireTargets(nodeNames(parsed.nodes, flags.selector !== undefined), flags.selector);
  const body = parsed.build(targets);
  const cluster = clusterFor(ctx, flags.cluster);
  const conn = connectFor(ctx, cmd);
  if (!flags.overwrite && body.kind === 'label') await refuseLabelOverwrites(conn.api, cluster, targets, body.params);
  if (!flags.overwrite && body.kind === 'taint') await refuseTaintOverwrites(conn.api, cluster, targets, body.params);
  return createAndFollow(ctx, conn, cluster, body, { wait: flags.wait, output: flags.output });
}

const label: BodyBuilder = (args, flags) => {
  const { nodes, params } = parseLabelArgs(args);
  return { nodes, build: (t) => ({ kind: 'label', params, ...requestBase(flags, t) }) };
};

const taint: BodyBuilder = (args, flags) => {
  const { nodes, params } = parseTaintArgs(args);
  return { nodes, build: (t) => ({ kind: 'taint', params, ...requestBase(flags, t) }) };
};

const cordon: BodyBuilder = (args, flags) => {
  const reason = flags.reason as string | undefined;
  if (reason !== undefined && reason.length > CORDON_REASON_MAX_LENGTH) throw usageError(`--reason must be at most ${CORDON_REASON_MAX_LENGTH} characters`);
  return { nodes: args, build: (t) => ({ kind: 'cordon', params: reason !== undefined ? { reason } : {}, ...requestBase(flags, t) }) };
};

const uncordon: BodyBuilder = (args, flags) => ({ nodes: args, build: (t) => ({ kind: 'uncordon', params: {}, ...requestBase(flags, t) }) });

const drain: BodyBuilder = (args, flags) => {
  const params = drainParamsFromFlags(flags as DrainFlags);
  return { nodes: args, build: (t) => ({ kind: 'drain', params, ...requestBase(flags, t) }) };
};

const EXIT_HELP = `
Exit codes: 0 every node succeeded, 1 a node failed or the task failed/was cancelled,
2 bad input, 3 server unreachable or authentication failed.`;

/** Registers `label`, `taint`, `cordon`, `uncordon`, `drain`. */
export function registerBatchCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  const run = (parse: BodyBuilder) => action(exit, (args: string[], flags: BatchFlags & Record<string, unknown>, cmd: Command) => runBatch(ctx, cmd, args, flags, parse));
  batchOptions(program.command('label').usage('[NODE...] KEY=VALUE... KEY-... [options]').argument('[args...]', 'node names, then label changes').description('set (key=value) and remove (key-) node labels, kubectl label syntax'))
    .option('--overwrite', 'allow replacing a label that already has a different value (kubectl label --overwrite)')
    .addHelpText('after', `\nExamples:\n  knm label -c prod node-1 node-2 tier=web\n  knm label -c prod -l pool=general tier=web team- --overwrite\n${EXIT_HELP}`)
    .action(run(label));
  batchOptions(program.command('taint').usage('[NODE...] KEY[=VALUE]:EFFECT... KEY[:EFFECT]-... [options]').argument('[args...]', 'node names, then taint changes').description('add and remove node taints, kubectl taint syntax'))
    .option('--overwrite', 'allow replacing a taint with the same key and effect (kubectl taint --overwrite)')
    .addHelpText('after', `\nExamples:\n  knm taint -c prod node-1 dedicated=gpu:NoSchedule\n  knm taint -c prod -l pool=gpu dedicated:NoSchedule- maintenance-\n${EXIT_HELP}`)
    .action(run(taint));
  batchOptions(program.command('cordon').argument('[nodes...]', 'node names').description('mark nodes unschedulable'))
    .option('--reason <text>', `why (recorded on the node, at most ${CORDON_REASON_MAX_LENGTH} characters)`)
    .addHelpText('after', EXIT_HELP)
    .action(run(cordon));
  batchOptions(program.command('uncordon').argument('[nodes...]', 'node names').description('mark nodes schedulable')).addHelpText('after', EXIT_HELP).action(run(uncordon));
  batchOptions(program.command('drain').argument('[nodes...]', 'node names').description('cordon nodes and evict their pods, kubectl drain flags'))
    .option('--ignore-daemonsets', 'ignore DaemonSet-managed pods')
    .option('--delete-emptydir-data', 'continue even if there are pods using emptyDir (their data is lost)')
    .option('--force', 'continue even if there are pods not managed by a controller')
    .option('--grace-period <seconds>', "seconds each pod gets to terminate; -1 = the pod's own")
    .option('--timeout <duration>', 'give up on a node after this long, e.g. 5m (0 = no limit)')
    .option('--pod-selector <selector>', 'only evict pods matching this label selector')
    .option('--disable-eviction', 'delete pods instead of evicting them: bypasses PodDisruptionBudgets')
    .option('--skip-wait-for-delete-timeout <seconds>', 'skip pods whose deletion timestamp is older than this')
    .option('--chunk-size <n>', 'pods listed per request (0 = all at once)')
    .addHelpText('after', EXIT_HELP)
    .action(run(drain));
}
