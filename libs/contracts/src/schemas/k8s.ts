import { z } from 'zod';
import {
  dns1123LabelViolations,
  dns1123SubdomainViolations,
  labelKeyViolations,
  labelValueViolations,
} from '../k8s-names';

/** A string schema that reports every rule `violations` finds (the rules of ../k8s-names, unchanged). */
function k8sString(violations: (value: string) => string[], description: string, maxLength: number) {
  return z
    .string()
    .superRefine((value, ctx) => {
      for (const rule of violations(value)) ctx.addIssue({ code: 'custom', message: rule, input: value });
    })
    .meta({ description, maxLength });
}

/** Cluster name: DNS-1123 label (apimachinery IsDNS1123Label). */
export const clusterNameSchema = k8sString(dns1123LabelViolations, 'Cluster name: DNS-1123 label (lowercase alphanumerics and -, at most 63)', 63);

/** Node name: DNS-1123 subdomain (apimachinery IsDNS1123Subdomain). */
export const nodeNameSchema = k8sString(dns1123SubdomainViolations, 'Node name: DNS-1123 subdomain (at most 253)', 253);

/** Label or taint key: qualified name `[DNS-subdomain prefix/]name` (apimachinery IsQualifiedName). */
export const labelKeySchema = k8sString(labelKeyViolations, 'Qualified name: [DNS-1123 subdomain prefix/]name, name at most 63 characters', 317);

/** Label or taint value: empty or at most 63 name characters (apimachinery IsValidLabelValue). */
export const labelValueSchema = k8sString(labelValueViolations, 'Label value: empty, or at most 63 alphanumerics, -, _ or . starting and ending alphanumeric', 63);

/** Task id: the UUID the API assigned (RandomSource.uuid). */
export const taskIdSchema = z.uuid().meta({ description: 'Task id (UUID)' });
