import { startKubeSim, type KubeSimOptions } from './sim';
import { parseFaultSettings, type FaultSettings } from './faults/faults';

const USAGE = `usage: kube-sim [--nodes N] [--seed S] [--port P] [--host H] [--kubeconfig PATH]
  [--pods-per-node N] [--time-factor F] [--grace-scale F] [--replacement-delay-seconds S]
  [--pod-startup-seconds S] [--heartbeat-ms MS] [--bookmark-ms MS] [--reference-time ISO]
  [--kubernetes-version vX.Y.Z] [--older-kubelet-share P] [--zones N] [--event-limit N]
  [--churn-per-hour N] [--churn-min-seconds S] [--churn-max-seconds S]
  fault flags: [--latency-ms MS] [--latency-jitter-ms MS] [--error-rate-500 P] [--error-rate-429 P]
  [--retry-after-seconds S] [--max-rps N] [--watch-history N] [--drop-watches-every S]
  [--drop-watch-mode close|reset] [--force-gone N]`;

const NUMBER_FLAGS: Record<string, keyof KubeSimOptions> = {
  nodes: 'nodes',
  port: 'port',
  'pods-per-node': 'podsPerNode',
  'time-factor': 'timeFactor',
  'grace-scale': 'graceScale',
  'replacement-delay-seconds': 'replacementDelaySeconds',
  'pod-startup-seconds': 'podStartupSeconds',
  'heartbeat-ms': 'heartbeatIntervalMs',
  'bookmark-ms': 'bookmarkIntervalMs',
  'older-kubelet-share': 'olderKubeletShare',
  zones: 'zones',
  'event-limit': 'eventLimit',
};
const STRING_FLAGS: Record<string, keyof KubeSimOptions> = {
  seed: 'seed',
  host: 'host',
  kubeconfig: 'kubeconfigPath',
  'reference-time': 'referenceTime',
  'kubernetes-version': 'kubernetesVersion',
};
const CHURN_FLAGS: Record<string, 'perHour' | 'minSeconds' | 'maxSeconds'> = {
  'churn-per-hour': 'perHour',
  'churn-min-seconds': 'minSeconds',
  'churn-max-seconds': 'maxSeconds',
};

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
  const options: Record<string, unknown> = {};
  const faults: Record<string, unknown> = {};
  const churn: Record<string, number> = {};
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
    else if (flag in NUMBER_FLAGS) options[NUMBER_FLAGS[flag]] = num();
    else if (flag in STRING_FLAGS) options[STRING_FLAGS[flag]] = value;
    else if (flag in CHURN_FLAGS) churn[CHURN_FLAGS[flag]] = num();
    else throw new Error(`unknown flag --${flag}`);
  }
  if (Object.keys(churn).length) {
    if (churn.perHour === undefined) throw new Error('--churn-min-seconds and --churn-max-seconds need --churn-per-hour');
    options.churn = churn;
  }
  options.faults = parseFaultSettings(faults);
  return options as KubeSimOptions;
}

async function main(): Promise<void> {
  let options: KubeSimOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  let sim;
  try {
    sim = await startKubeSim(options);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exit(2);
  }
  process.stdout.write(`kube-sim: ${sim.nodes.list().length} nodes, ${sim.pods.list().length} pods, kubeconfig ${sim.kubeconfigPath}\n`);
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
