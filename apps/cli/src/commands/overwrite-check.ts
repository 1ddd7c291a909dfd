import type { LabelParams, NodeSummary, TaintParams } from '@knm/contracts';
import { CliError, ExitCode } from '../exit-codes';
import type { ApiClient } from '../http/api-client';
import { listAllNodes } from './nodes';

const SHOWN = 20;

/** Target nodes the CLI can see (names missing from the cache are left for the server to report). */
async function targetNodes(api: ApiClient, cluster: string, targets: { nodes?: string[]; selector?: string }): Promise<NodeSummary[]> {
  if (targets.selector !== undefined) return listAllNodes(api, cluster, targets.selector);
  const wanted = new Set(targets.nodes);
  return (await listAllNodes(api, cluster)).filter((n) => wanted.has(n.name));
}

function refuse(problems: string[], first: string): never {
  const more = problems.length - 1 - (SHOWN - 1);
  throw new CliError(first, ExitCode.Failed, [...problems.slice(1, SHOWN), ...(more > 0 ? [`... and ${more} more nodes`] : []), 'Nothing was changed. Add --overwrite to replace them.']);
}

/**
 * kubectl label's rule without --overwrite (kubectl pkg/cmd/label validateNoOverwrites): refused
 * when a target node already has a label being set with a different value; the same value is
 * fine. Checked against the server's node cache before the task is created.
 * @throws CliError exit 1 listing the nodes, nothing changed.
 */
export async function refuseLabelOverwrites(api: ApiClient, cluster: string, targets: { nodes?: string[]; selector?: string }, params: LabelParams): Promise<void> {
  const set = Object.entries(params.set ?? {});
  if (set.length === 0) return;
  const problems: string[] = [];
  for (const node of await targetNodes(api, cluster, targets)) {
    for (const [key, value] of set) {
      const current = node.labels[key];
      if (current !== undefined && current !== value) problems.push(`node/${node.name}: '${key}' already has a value (${current})`);
    }
  }
  if (problems.length > 0) refuse(problems, `${problems[0]}, and --overwrite is false`);
}

/**
 * kubectl taint's rule without --overwrite (kubectl pkg/cmd/taint): refused when a target node
 * already has a taint with the same key and effect (whatever its value).
 * @throws CliError exit 1 listing the nodes, nothing changed.
 */
export async function refuseTaintOverwrites(api: ApiClient, cluster: string, targets: { nodes?: string[]; selector?: string }, params: TaintParams): Promise<void> {
  const add = params.add ?? [];
  if (add.length === 0) return;
  const problems: string[] = [];
  for (const node of await targetNodes(api, cluster, targets)) {
    const clash = add.filter((a) => node.taints.some((t) => t.key === a.key && t.effect === a.effect));
    if (clash.length > 0) problems.push(`node ${node.name} already has ${clash.map((c) => `${c.key}:${c.effect}`).join(', ')} taint(s) with same effect(s)`);
  }
  if (problems.length > 0) refuse(problems, `${problems[0]} and --overwrite is false`);
}
