import { z } from 'zod';
import { clusterNameSchema } from './k8s';

/** Longest kubeconfig text accepted, characters (UTF-16 code units); exec plugins and inlined CAs fit easily. */
export const KUBECONFIG_MAX_LENGTH = 1_000_000;
/** Longest `kubeconfigPath`, characters. */
export const KUBECONFIG_PATH_MAX_LENGTH = 4096;
/** Longest context name, characters. */
export const CONTEXT_MAX_LENGTH = 253;

const connectionFields = {
  kubeconfig: z
    .string()
    .min(1)
    .max(KUBECONFIG_MAX_LENGTH)
    .optional()
    .meta({ description: 'Kubeconfig YAML text (exactly one of kubeconfig, kubeconfigPath)' }),
  kubeconfigPath: z
    .string()
    .min(1)
    .max(KUBECONFIG_PATH_MAX_LENGTH)
    .optional()
    .meta({ description: 'Path of a kubeconfig file on the API server, inside a directory listed in KNM_KUBECONFIG_DIRS' }),
  context: z
    .string()
    .min(1)
    .max(CONTEXT_MAX_LENGTH)
    .optional()
    .meta({ description: "Context to use; default: the kubeconfig's current-context" }),
};

function exactlyOneSource(value: { kubeconfig?: string; kubeconfigPath?: string }, ctx: z.RefinementCtx): void {
  const given = (value.kubeconfig !== undefined ? 1 : 0) + (value.kubeconfigPath !== undefined ? 1 : 0);
  if (given === 0) ctx.addIssue({ code: 'custom', message: 'exactly one of kubeconfig or kubeconfigPath is required', path: ['kubeconfig'] });
  if (given === 2) ctx.addIssue({ code: 'custom', message: 'must not be given together with kubeconfig (exactly one of them)', path: ['kubeconfigPath'] });
}

/** `POST /clusters/test` body: how to reach a cluster. */
export const clusterConnectionSchema = z.strictObject(connectionFields).superRefine(exactlyOneSource).meta({ title: 'ClusterConnectionRequest' });
export type ClusterConnectionRequest = z.input<typeof clusterConnectionSchema>;

/** `POST /clusters` body: a name plus how to reach the cluster. */
export const createClusterSchema = z
  .strictObject({ name: clusterNameSchema, ...connectionFields })
  .superRefine(exactlyOneSource)
  .meta({ title: 'CreateClusterRequest' });
export type CreateClusterRequest = z.input<typeof createClusterSchema>;

/** Path parameters `:cluster`. */
export const clusterParamsSchema = z.strictObject({ cluster: clusterNameSchema });
