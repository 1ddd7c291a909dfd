import type {
  V1ClusterRole, V1ClusterRoleBinding, V1ConfigMap, V1Container, V1Ingress, V1NetworkPolicy, V1PodDisruptionBudget,
  V1PodSpec, V1Probe, V1Service, V1StatefulSet,
} from '@kubernetes/client-node';
import { HealthRoutes } from '@knm/contracts';
import { Manifest } from './k8s-schema';

/**
 * Checks the schema cannot make, on the objects of one render (run them after schema validation,
 * which makes the shapes below safe to read). Each returns violations as lines naming the object
 * and the field; empty when all hold.
 */

/** Settings the process reads, from README's configuration table (`| \`KNM_X\` | default | meaning |`). */
export function settingsFromReadme(readme: string): Set<string> {
  const section = readme.slice(readme.indexOf('## Configuration'));
  const table = section.slice(0, section.indexOf('\n## ') > 0 ? section.indexOf('\n## ') : undefined);
  return new Set([...table.matchAll(/^\| `(KNM_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
}

/** One env var the container gets, with its literal value when it has one. */
export interface EnvSetting {
  name: string;
  value?: string;
  secretKeyRef?: { name: string; key: string; optional?: boolean };
  origin: string;
}

const ofKind = <T>(objects: Manifest[], kind: string) => objects.filter((o) => o.kind === kind) as T[];
const nameOf = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '<no name>';

/** The single StatefulSet of a render, its pod spec and its `api` container. Throws when absent. */
export function workload(objects: Manifest[]): { sts: V1StatefulSet; pod: V1PodSpec; container: V1Container } {
  const all = ofKind<V1StatefulSet>(objects, 'StatefulSet');
  if (all.length !== 1) throw new Error(`expected one StatefulSet, found ${all.length}`);
  const sts = all[0];
  const pod = sts.spec!.template.spec!;
  const container = pod.containers.find((c) => c.name === 'api');
  if (!container) throw new Error(`StatefulSet/${nameOf(sts)} has no container named api`);
  return { sts, pod, container };
}

/**
 * Every env var of the container: `env` entries and the keys of ConfigMaps it takes whole with
 * `envFrom` (looked up in the render). An `envFrom` of an object not in the render is reported,
 * since its names cannot be checked.
 */
export function containerEnv(objects: Manifest[], container: V1Container, violations: string[]): EnvSetting[] {
  const out: EnvSetting[] = [];
  for (const from of container.envFrom ?? []) {
    const cmName = from.configMapRef?.name;
    const cm = ofKind<V1ConfigMap>(objects, 'ConfigMap').find((c) => nameOf(c) === cmName);
    if (!cm) {
      violations.push(`container ${container.name}: envFrom ${cmName ? `ConfigMap/${cmName}` : 'a Secret'} is not in the render, so its settings cannot be checked (use env with secretKeyRef for secrets)`);
      continue;
    }
    for (const [name, value] of Object.entries(cm.data ?? {})) out.push({ name, value, origin: `ConfigMap/${cmName}` });
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef;
    out.push({ name: e.name, value: e.value, secretKeyRef: ref ? { name: ref.name!, key: ref.key, optional: ref.optional } : undefined, origin: `container ${container.name} env` });
  }
  return out;
}

/** Env vars that are not settings of the product. */
export function unknownSettings(env: EnvSetting[], known: Set<string>): string[] {
  return env.filter((e) => !known.has(e.name)).map((e) => `${e.origin}: ${e.name} is not a known setting (README's configuration table)`);
}

function probePortViolations(what: string, probe: V1Probe | undefined, container: V1Container, port: number): string[] {
  const p = probe?.httpGet?.port;
  const resolved = typeof p === 'string' ? container.ports?.find((cp) => cp.name === p)?.containerPort : p;
  return resolved === port ? [] : [`container ${container.name}: ${what} probe port ${String(p)} is not KNM_PORT ${port}`];
}

/** Probes on terminus' routes (libs/contracts HealthRoutes), on the port the process listens on. */
export function probeViolations(container: V1Container, env: EnvSetting[]): string[] {
  const v: string[] = [];
  const port = Number(env.find((e) => e.name === 'KNM_PORT')?.value);
  if (!Number.isInteger(port)) return [`container ${container.name}: KNM_PORT is not set to a number`];
  const http = container.ports?.find((p) => p.name === 'http');
  if (http?.containerPort !== port) v.push(`container ${container.name}: port "http" is ${String(http?.containerPort)}, KNM_PORT is ${port}`);
  const host = env.find((e) => e.name === 'KNM_HOST')?.value;
  if (host !== '0.0.0.0') v.push(`container ${container.name}: KNM_HOST is ${String(host)}; probes and Services need 0.0.0.0`);
  const expect: [string, V1Probe | undefined, string[]][] = [
    ['liveness', container.livenessProbe, [HealthRoutes.live]],
    ['readiness', container.readinessProbe, [HealthRoutes.ready]],
    ['startup', container.startupProbe, [HealthRoutes.live, HealthRoutes.ready]],
  ];
  for (const [what, probe, paths] of expect) {
    const path = probe?.httpGet?.path;
    if (!path || !paths.includes(path)) v.push(`container ${container.name}: ${what} probe path ${String(path)} is not ${paths.join(' or ')}`);
    v.push(...probePortViolations(what, probe, container, port));
  }
  return v;
}

/** Non-root, read-only root, no privilege escalation, no capabilities, RuntimeDefault seccomp. */
export function securityViolations(pod: V1PodSpec, container: V1Container): string[] {
  const v: string[] = [];
  const sc = container.securityContext ?? {};
  const psc = pod.securityContext ?? {};
  if (!(sc.runAsNonRoot ?? psc.runAsNonRoot)) v.push('runAsNonRoot is not true');
  if ((sc.runAsUser ?? psc.runAsUser) === 0) v.push('runAsUser is 0');
  if (sc.readOnlyRootFilesystem !== true) v.push(`container ${container.name}: readOnlyRootFilesystem is not true`);
  if (sc.allowPrivilegeEscalation !== false) v.push(`container ${container.name}: allowPrivilegeEscalation is not false`);
  if (!sc.capabilities?.drop?.includes('ALL') || sc.capabilities?.add?.length) v.push(`container ${container.name}: capabilities do not drop ALL (or add some)`);
  if ((sc.seccompProfile ?? psc.seccompProfile)?.type !== 'RuntimeDefault') v.push('seccompProfile is not RuntimeDefault');
  if (sc.privileged) v.push(`container ${container.name}: privileged`);
  return v;
}

/** Writable mounts only at the data dir and /tmp, each backed by a volume or a claim template. */
export function volumeViolations(sts: V1StatefulSet, container: V1Container, env: EnvSetting[]): string[] {
  const v: string[] = [];
  const dataDir = env.find((e) => e.name === 'KNM_DATA_DIR')?.value;
  const writable = new Set([dataDir, '/tmp']);
  const pod = sts.spec!.template.spec!;
  const sources = new Set([...(pod.volumes ?? []).map((x) => x.name), ...(sts.spec!.volumeClaimTemplates ?? []).map((c) => c.metadata?.name)]);
  for (const m of container.volumeMounts ?? []) {
    if (!m.readOnly && !writable.has(m.mountPath)) v.push(`container ${container.name}: writable mount at ${m.mountPath}, outside KNM_DATA_DIR and /tmp`);
    if (!sources.has(m.name)) v.push(`container ${container.name}: mount ${m.name} has no volume or volumeClaimTemplate`);
  }
  for (const path of writable) {
    if (!container.volumeMounts?.some((m) => m.mountPath === path)) v.push(`container ${container.name}: nothing mounted at ${String(path)}, which the process writes`);
  }
  return v;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, val]) => labels[k] === val);
}

function serviceViolations(services: V1Service[], labels: Record<string, string>, container: V1Container): string[] {
  const v: string[] = [];
  for (const svc of services) {
    if (!selects(svc.spec?.selector, labels)) v.push(`Service/${nameOf(svc)}: selector does not match the pods' labels`);
    for (const p of svc.spec?.ports ?? []) {
      const t = p.targetPort;
      const ok = typeof t === 'string' ? container.ports?.some((cp) => cp.name === t) : container.ports?.some((cp) => cp.containerPort === (t ?? p.port));
      if (!ok) v.push(`Service/${nameOf(svc)}: targetPort ${String(t)} is not a port of container ${container.name}`);
    }
  }
  return v;
}

/** Selectors and references between the StatefulSet, Services, PDB, NetworkPolicies and Ingress. */
export function wiringViolations(objects: Manifest[]): string[] {
  const v: string[] = [];
  const { sts, pod, container } = workload(objects);
  const labels = sts.spec!.template.metadata?.labels ?? {};
  const portNames = new Set((container.ports ?? []).map((p) => p.name));
  if (!selects(sts.spec!.selector.matchLabels, labels) || sts.spec!.selector.matchExpressions) v.push(`StatefulSet/${nameOf(sts)}: selector does not match its pod template's labels`);
  const services = ofKind<V1Service>(objects, 'Service');
  v.push(...serviceViolations(services, labels, container));
  const governing = services.find((s) => nameOf(s) === sts.spec!.serviceName);
  if (governing?.spec?.clusterIP !== 'None') v.push(`StatefulSet/${nameOf(sts)}: serviceName ${sts.spec!.serviceName} is not a headless Service of the render`);
  for (const pdb of ofKind<V1PodDisruptionBudget>(objects, 'PodDisruptionBudget')) {
    if (!selects(pdb.spec?.selector?.matchLabels, labels)) v.push(`PodDisruptionBudget/${nameOf(pdb)}: selector does not match the pods' labels`);
  }
  for (const np of ofKind<V1NetworkPolicy>(objects, 'NetworkPolicy')) {
    if (!selects(np.spec?.podSelector?.matchLabels, labels)) v.push(`NetworkPolicy/${nameOf(np)}: podSelector does not match the pods' labels`);
    for (const p of (np.spec?.ingress ?? []).flatMap((r) => r.ports ?? [])) {
      const known = typeof p.port === 'string' ? portNames.has(p.port) : container.ports?.some((cp) => cp.containerPort === p.port);
      if (!known) v.push(`NetworkPolicy/${nameOf(np)}: ingress port ${p.port} is not a port of container ${container.name}`);
    }
  }
  for (const ing of ofKind<V1Ingress>(objects, 'Ingress')) {
    for (const path of (ing.spec?.rules ?? []).flatMap((r) => r.http?.paths ?? [])) {
      const b = path.backend.service;
      const svc = services.find((s) => nameOf(s) === b?.name);
      const hasPort = svc?.spec?.ports?.some((p) => (b?.port?.name ? p.name === b.port.name : p.port === b?.port?.number));
      if (!svc || !hasPort) v.push(`Ingress/${nameOf(ing)}: backend ${String(b?.name)}:${String(b?.port?.name ?? b?.port?.number)} is not a Service port of the render`);
    }
  }
  const anti = pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  for (const term of anti) {
    if (!selects(term.podAffinityTerm.labelSelector?.matchLabels, labels)) v.push(`StatefulSet/${nameOf(sts)}: podAntiAffinity selector does not match the pods' labels`);
  }
  return v;
}

/** ServiceAccount, its bindings and the ClusterRoles they name are all in the render. */
export function serviceAccountViolations(objects: Manifest[], account: { name: string; namespace: string }): string[] {
  const v: string[] = [];
  const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata?.name === account.name && o.metadata?.namespace === account.namespace);
  if (!sa) v.push(`ServiceAccount ${account.namespace}/${account.name} is not in the render`);
  const roles = new Set(ofKind<V1ClusterRole>(objects, 'ClusterRole').map(nameOf));
  for (const b of ofKind<V1ClusterRoleBinding>(objects, 'ClusterRoleBinding')) {
    if (b.roleRef.kind !== 'ClusterRole' || !roles.has(b.roleRef.name)) v.push(`ClusterRoleBinding/${nameOf(b)}: roleRef ${b.roleRef.kind}/${b.roleRef.name} is not in the render`);
    for (const s of b.subjects ?? []) {
      if (s.kind !== 'ServiceAccount' || s.name !== account.name || s.namespace !== account.namespace) v.push(`ClusterRoleBinding/${nameOf(b)}: subject ${s.kind} ${String(s.namespace)}/${s.name} is not the product's ServiceAccount`);
    }
  }
  return v;
}

/**
 * The rights the render grants the ServiceAccount, as `apiGroup/resource:verb` strings (core group
 * written `core`), from every ClusterRole bound to it. Wildcards, resourceNames and
 * nonResourceURLs are returned as violations, never widened.
 */
export function grantedRights(objects: Manifest[], account: { name: string; namespace: string }): { rights: Set<string>; violations: string[] } {
  const rights = new Set<string>();
  const violations: string[] = [];
  const bound = ofKind<V1ClusterRoleBinding>(objects, 'ClusterRoleBinding')
    .filter((b) => b.subjects?.some((s) => s.kind === 'ServiceAccount' && s.name === account.name && s.namespace === account.namespace))
    .map((b) => b.roleRef.name);
  for (const role of ofKind<V1ClusterRole>(objects, 'ClusterRole').filter((r) => bound.includes(nameOf(r)))) {
    for (const rule of role.rules ?? []) {
      const all = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...rule.verbs];
      if (all.includes('*') || rule.resourceNames?.length || rule.nonResourceURLs?.length) violations.push(`ClusterRole/${nameOf(role)}: a rule uses a wildcard, resourceNames or nonResourceURLs`);
      for (const g of rule.apiGroups ?? []) for (const r of rule.resources ?? []) for (const verb of rule.verbs) rights.add(`${g || 'core'}/${r}:${verb}`);
    }
  }
  if (ofKind<Manifest>(objects, 'Role').length || ofKind<Manifest>(objects, 'RoleBinding').length) violations.push('the render has Roles or RoleBindings, which this check does not read');
  return { rights, violations };
}
