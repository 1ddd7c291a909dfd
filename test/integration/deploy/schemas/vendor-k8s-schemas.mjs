#!/usr/bin/env node
// Development-time tool (never run by the tests): cuts the Kubernetes JSON schemas the deploy
// manifests need out of a kubeconform-style "standalone-strict" `_definitions.json` and writes
// them, compacted, to kubernetes-<version>-strict.json beside this script. See README.md here for
// where the input came from.
//
//   node test/integration/deploy/schemas/vendor-k8s-schemas.mjs <path/to/_definitions.json> <version>
//
// Kept from each definition: type, properties, required, additionalProperties (false on every
// object with properties: the "strict" flavour), items, $ref, enum, format, oneOf (int-or-string,
// quantity). Dropped: descriptions and the x-kubernetes-* / discriminator annotations, which no
// JSON Schema validator reads. Only the definitions reachable from the kinds below are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The kinds deploy/ uses, as `apiVersion kind` -> definition name in the Kubernetes OpenAPI. */
const KINDS = {
  'v1 Namespace': 'io.k8s.api.core.v1.Namespace',
  'v1 ServiceAccount': 'io.k8s.api.core.v1.ServiceAccount',
  'v1 Secret': 'io.k8s.api.core.v1.Secret',
  'v1 ConfigMap': 'io.k8s.api.core.v1.ConfigMap',
  'v1 Service': 'io.k8s.api.core.v1.Service',
  'apps/v1 StatefulSet': 'io.k8s.api.apps.v1.StatefulSet',
  'networking.k8s.io/v1 Ingress': 'io.k8s.api.networking.v1.Ingress',
  'networking.k8s.io/v1 NetworkPolicy': 'io.k8s.api.networking.v1.NetworkPolicy',
  'policy/v1 PodDisruptionBudget': 'io.k8s.api.policy.v1.PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1 ClusterRole': 'io.k8s.api.rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1 Role': 'io.k8s.api.rbac.v1.Role',
  'rbac.authorization.k8s.io/v1 RoleBinding': 'io.k8s.api.rbac.v1.RoleBinding',
};

const KEEP = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', '$ref', 'enum', 'format', 'oneOf']);
const REF = '#/definitions/';

function compact(schema, refs) {
  if (Array.isArray(schema)) return schema.map((s) => compact(s, refs));
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEEP.has(key)) continue;
    if (key === '$ref') refs.push(value.slice(REF.length));
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, compact(s, refs)]));
    else out[key] = compact(value, refs);
  }
  return out;
}

const [input, version] = process.argv.slice(2);
if (!input || !/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  console.error('usage: vendor-k8s-schemas.mjs <_definitions.json> <kubernetes version, e.g. 1.32.2>');
  process.exit(2);
}
const all = JSON.parse(readFileSync(input, 'utf8')).definitions;
const kept = {};
const queue = Object.values(KINDS);
while (queue.length) {
  const name = queue.shift();
  if (kept[name]) continue;
  if (!all[name]) throw new Error(`definition ${name} not in ${input}`);
  const refs = [];
  kept[name] = compact(all[name], refs);
  queue.push(...refs);
}
const names = Object.keys(kept).sort();
const lines = names.map((n, i) => `    ${JSON.stringify(n)}: ${JSON.stringify(kept[n])}${i < names.length - 1 ? ',' : ''}`);
const out = join(dirname(fileURLToPath(import.meta.url)), `kubernetes-${version}-strict.json`);
writeFileSync(
  out,
  `{\n  "kubernetesVersion": ${JSON.stringify(version)},\n  "kinds": ${JSON.stringify(KINDS, null, 4).replace(/\n}/, '\n  }')},\n  "definitions": {\n${lines.join('\n')}\n  }\n}\n`,
);
console.log(`wrote ${out}: ${names.length} definitions for ${Object.keys(KINDS).length} kinds`);
