import { startKubeSim, type KubeSimOptions } from './sim';
import { parseFaultSettings, type FaultSettings } from './faults/faults';

const USAGE = `usage: kube-sim [--nodes N] [--seed S] [--port P] [--host H] [--kubeconfig PATH]
  [--pods-per-node N] [--time-factor F] [--heartbeat-ms MS] [--bookmark-ms MS]
  fault flags: [--latency-ms MS] [--latency-jitter-ms MS] [--error-rate-500 P] [--error-rate-429 P]
  [--retry-after-seconds S] [--max-rps N] [--watch-history N] [--drop-watches-every S]
  [--drop-watch-mode close|reset] [--force-gone N]`;

const FAULT_FLAGS: Record<string, keyof FaultSettings> = {
  'latency-ms': 'latencyMs',
  'latency-jitter-ms': 'latencyJitterMs',
  'error-rate-500': 'errorRate500',
  'error-rate-429': 'errorRate429',
  'retry-after-seconds': 'retryAfterSeconds',
  'max-rps': 'maxRequestsPerSecond',
  'watch-history': 'watchHistorySize',
  'drop-watches-every': 'dropWatchesEverySeconds',
  'drop-watch-mode': 'dropWatchMode',
  'force-gone': 'forceGoneOnNextWatches',
};

/**
 * Parses CLI arguments (`--flag value` or `--flag=value`) into KubeSimOptions.
 * @throws Error naming an unknown flag or a bad value.
 */
export function parseArgs(argv: string[]): KubeSimOptions {
  const options: KubeSimOptions = {};
  const faults: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${flag} needs a value`);
    const num = (): number => {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number, got ${value}`);
      return n;
    };
    if (flag in FAULT_FLAGS) faults[FAULT_FLAGS[flag]] = flag === 'drop-watch-mode' ? value : num();
    else if (flag === 'nodes') options.nodes = num();
    else if (flag === 'seed') options.seed = value;
    else if (flag === 'port') options.port = num();
    else if (flag === 'host') options.host = value;
    else if (flag === 'kubeconfig') options.kubeconfigPath = value;
    else if (flag === 'pods-per-node') options.podsPerNode = num();
    else if (flag === 'time-factor') options.timeFactor = num();
    else if (flag === 'heartbeat-ms') options.heartbeatIntervalMs = num();
    else if (flag === 'bookmark-ms') options.bookmarkIntervalMs = num();
    else throw new Error(`unknown flag --${flag}`);
  }
  options.faults = parseFaultSettings(faults);
  return options;
}

async function main(): Promise<void> {
  let options: KubeSimOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  const sim = await startKubeSim(options);
  process.stdout.write(`kube-sim: ${sim.nodes.list().length} nodes, kubeconfig ${sim.kubeconfigPath}\n`);
  process.stdout.write(`KUBE_SIM_LISTENING ${sim.url}\n`);
  const shutdown = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`kube-sim failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
