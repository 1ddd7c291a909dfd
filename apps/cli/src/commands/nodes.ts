import { Option, type Command } from 'commander';
import { ApiRoutes, NODE_LIST_MAX_LIMIT, type NodeListQuery, type NodeListResponse, type NodeSummary } from '@knm/contracts';
import { ExitCode } from '../exit-codes';
import type { ApiClient, QueryValue } from '../http/api-client';
import { NODE_HEADERS, NODE_WIDE_HEADERS, nodeRow } from '../format/node-columns';
import { structured } from '../format/printers';
import { formatTable } from '../format/table';
import { action, clusterFor, connectFor, type CliContext, type ExitHolder } from './context';

/** Query string values from a typed NodeListQuery, so parameter names follow libs/contracts. */
const nodeQuery = (q: NodeListQuery): Record<string, QueryValue> => ({ ...q });

/**
 * Every node of `cluster` matching `selector` (all when undefined), sorted by name: pages through
 * `GET /clusters/:cluster/nodes` at the largest page size until `total` is reached (a node seen
 * twice while the set changes between pages is kept once).
 */
export async function listAllNodes(api: ApiClient, cluster: string, selector?: string): Promise<NodeSummary[]> {
  const byName = new Map<string, NodeSummary>();
  for (let page = 1; ; page++) {
    const res = await api.get<NodeListResponse>(ApiRoutes.nodes(cluster), nodeQuery({ selector, sort: 'name', order: 'asc', page, limit: NODE_LIST_MAX_LIMIT }));
    for (const n of res.items) byName.set(n.name, n);
    if (res.items.length === 0 || page * res.limit >= res.total) break;
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type NodesOutput = 'wide' | 'json' | 'yaml' | 'name';

/** `knm nodes ls`: kubectl's `get nodes` table (or -o wide|json|yaml|name). */
async function listNodes(ctx: CliContext, cmd: Command, flags: { cluster?: string; selector?: string; output?: NodesOutput }): Promise<ExitCode> {
  const cluster = clusterFor(ctx, flags.cluster);
  const nodes = await listAllNodes(connectFor(ctx, cmd).api, cluster, flags.selector);
  if (flags.output === 'json' || flags.output === 'yaml') {
    ctx.out.write(structured(flags.output, { items: nodes }));
    return ExitCode.Ok;
  }
  if (nodes.length === 0) {
    ctx.out.stderr.write('No resources found\n');
    return ExitCode.Ok;
  }
  if (flags.output === 'name') {
    for (const n of nodes) ctx.out.print(`node/${n.name}`);
    return ExitCode.Ok;
  }
  const wide = flags.output === 'wide';
  const now = ctx.clock.now();
  for (const line of formatTable(wide ? NODE_WIDE_HEADERS : NODE_HEADERS, nodes.map((n) => nodeRow(n, now, wide)))) ctx.out.print(line);
  return ExitCode.Ok;
}

/** Registers `nodes ls`. */
export function registerNodeCommands(program: Command, ctx: CliContext, exit: ExitHolder): void {
  const nodes = program.command('nodes').alias('node').description("list a cluster's nodes");
  nodes
    .command('ls')
    .alias('list')
    .description("list nodes in kubectl's table style, every page")
    .option('-c, --cluster <name>', 'cluster (default: KNM_CLUSTER or knm config use-cluster)')
    .option('-l, --selector <selector>', 'label selector, kubectl syntax (e.g. env=prod,tier in (web,api),!spot)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['wide', 'json', 'yaml', 'name']))
    .action(action(exit, (flags: { cluster?: string; selector?: string; output?: NodesOutput }, cmd: Command) => listNodes(ctx, cmd, flags)));
}
