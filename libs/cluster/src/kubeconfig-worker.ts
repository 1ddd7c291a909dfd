import { parentPort } from 'node:worker_threads';
import { ResolveOptions, ResolveOutcome, resolveKubeconfigText } from './kubeconfig-resolve';

/**
 * Worker thread entry of {@link WorkerKubeconfigParser}: resolves kubeconfig text off the API's
 * event loop. It imports only the pure resolution modules (and the yaml library).
 */
parentPort?.on('message', (msg: { id: number; input: { text: string; opts: ResolveOptions } }) => {
  let output: ResolveOutcome;
  try {
    output = resolveKubeconfigText(msg.input.text, msg.input.opts);
  } catch {
    output = { ok: false, violations: [{ field: msg.input.opts.source, rule: 'cannot be read as a kubeconfig' }] };
  }
  parentPort!.postMessage({ id: msg.id, output });
});
