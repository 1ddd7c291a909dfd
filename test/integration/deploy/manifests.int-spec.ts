import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { V1NetworkPolicy, V1NetworkPolicyPeer, V1PodDisruptionBudget, V1Secret } from '@kubernetes/client-node';
import { KubernetesSchemaValidator, Manifest, readManifests, SourcedManifest } from './k8s-schema';
import { checkKustomizationTree, kubectlAvailable, kustomize, kustomizeComposition, Render } from './kustomize';
import {
  containerEnv, grantedRights, probeViolations, securityViolations, serviceAccountViolations, settingsFromReadme,
  unknownSettings, volumeViolations, wiringViolations, workload,
} from './manifest-checks';

const root = join(__dirname, '..', '..', '..');
const deploy = join(root, 'deploy');
const fixtures = join(__dirname, 'fixtures');
const rel = (p: string) => relative(root, p);

/** Settings the auth module (issue 10) reads; they join README's table when it lands. */
const AUTH_SETTINGS = ['KNM_JWT_SIGNING_KEY', 'KNM_ADMIN_PASSWORD'];
const KNOWN_SETTINGS = new Set([...settingsFromReadme(readFileSync(join(root, 'README.md'), 'utf8')), ...AUTH_SETTINGS]);
const ACCOUNT = { name: 'kube-node-manager', namespace: 'kube-node-manager' };

/** The least rights of the product (deploy/rbac/clusterrole.yaml says where each comes from). */
const LEAST_RIGHTS = [
  'core/nodes:get', 'core/nodes:list', 'core/nodes:watch', 'core/nodes:patch',
  'core/pods:get', 'core/pods:list', 'core/pods/eviction:create', 'core/events:get', 'core/events:list',
];

const KUSTOMIZATIONS = ['base', 'overlays/single', 'overlays/production', 'managed-cluster', 'components/disable-eviction-drain', 'rbac'];
const WORKLOADS = ['base', 'overlays/single', 'overlays/production'];

const validator = new KubernetesSchemaValidator();
const validateAll = (manifests: SourcedManifest[]) => manifests.flatMap((m) => validator.validate(m));

if (!kubectlAvailable) process.stderr.write('kubectl is not on PATH: skipping the kubectl kustomize renders of deploy/\n');
const itWithKubectl = kubectlAvailable ? it : it.skip;

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFilesUnder(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe('deploy/ kustomizations, file by file', () => {
  it.each(KUSTOMIZATIONS)('every path deploy/%s names exists and is of the right sort', (dir) => {
    expect(checkKustomizationTree(join(deploy, dir), root).violations).toEqual([]);
  });

  it('every YAML file under deploy/ is used by a kustomization or is an example', () => {
    const used = new Set(KUSTOMIZATIONS.flatMap((d) => {
      const tree = checkKustomizationTree(join(deploy, d), root);
      return [...tree.referencedFiles, ...tree.dirs.map((x) => join(x, 'kustomization.yaml'))];
    }));
    const orphans = yamlFilesUnder(deploy).filter((f) => !used.has(f) && !f.endsWith('.example.yaml'));
    expect(orphans.map(rel)).toEqual([]);
  });

  it.each(KUSTOMIZATIONS)(`the resource files of deploy/%s pass the Kubernetes ${validator.kubernetesVersion} schemas`, (dir) => {
    const files = [...new Set(checkKustomizationTree(join(deploy, dir), root).resourceFiles)];
    expect(files.length).toBeGreaterThan(0);
    expect(validateAll(files.flatMap((f) => readManifests(f, rel(f))))).toEqual([]);
  });

  it('the example Secret passes the schemas and names every key the production overlay reads', () => {
    const file = join(deploy, 'overlays/production/secret.example.yaml');
    const manifests = readManifests(file, rel(file));
    expect(validateAll(manifests)).toEqual([]);
    const keys = Object.keys((manifests[0].object as V1Secret).stringData ?? {});
    expect(keys.sort()).toEqual(['KNM_ADMIN_PASSWORD', 'KNM_DATABASE_URL', 'KNM_ENCRYPTION_KEY', 'KNM_JWT_SIGNING_KEY']);
  });
});

describe('deploy/ rendered with kubectl kustomize', () => {
  const renders = new Map<string, Render>();
  const objects = (label: string): Manifest[] => renders.get(label)!.manifests.map((m) => m.object);

  beforeAll(() => {
    if (!kubectlAvailable) return;
    for (const dir of [...WORKLOADS, 'managed-cluster']) renders.set(dir, kustomize(join(deploy, dir), `deploy/${dir}`));
    renders.set(
      'production + disable-eviction-drain',
      kustomizeComposition([join(deploy, 'overlays/production')], [join(deploy, 'components/disable-eviction-drain')], 'production + components/disable-eviction-drain'),
    );
  });

  itWithKubectl('every render succeeds and every rendered object passes the schemas', () => {
    for (const [label, r] of renders) {
      expect({ label, stderr: r.stderr, ok: r.ok }).toEqual({ label, stderr: '', ok: true });
      expect(r.manifests.length).toBeGreaterThan(0);
      expect(validateAll(r.manifests)).toEqual([]);
    }
  });

  itWithKubectl.each(WORKLOADS)('deploy/%s: probes on the health routes, on KNM_PORT; every setting known', (dir) => {
    const { container } = workload(objects(dir));
    const violations: string[] = [];
    const env = containerEnv(objects(dir), container, violations);
    expect([...violations, ...unknownSettings(env, KNOWN_SETTINGS), ...probeViolations(container, env)]).toEqual([]);
  });

  itWithKubectl.each(WORKLOADS)('deploy/%s: labels and selectors match across StatefulSet, Services, PDB, NetworkPolicies, Ingress', (dir) => {
    expect([...wiringViolations(objects(dir)), ...serviceAccountViolations(objects(dir), ACCOUNT)]).toEqual([]);
  });

  itWithKubectl.each(WORKLOADS)('deploy/%s: non-root, read-only root, writable only the data dir and /tmp', (dir) => {
    const { sts, pod, container } = workload(objects(dir));
    const env = containerEnv(objects(dir), container, []);
    expect([...securityViolations(pod, container), ...volumeViolations(sts, container, env)]).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  itWithKubectl.each([
    ['base', LEAST_RIGHTS],
    ['overlays/single', LEAST_RIGHTS],
    ['overlays/production', LEAST_RIGHTS],
    ['managed-cluster', LEAST_RIGHTS],
    ['production + disable-eviction-drain', [...LEAST_RIGHTS, 'core/pods:delete']],
  ])('%s grants the ServiceAccount exactly the least rights', (label, expected) => {
    const { rights, violations } = grantedRights(objects(label), ACCOUNT);
    expect(violations).toEqual([]);
    expect(serviceAccountViolations(objects(label), ACCOUNT)).toEqual([]);
    expect([...rights].sort()).toEqual([...expected].sort());
  });

  itWithKubectl('the grace period covers preStop plus the worst case of every shutdown stage', () => {
    // Stages: the executor's in-flight wait (libs/batch), the lease hand-over's wait (the lease renew
    // deadline, README), then database round trips and socket close (2 s).
    const executorMs = Number(/SHUTDOWN_GRACE_MS = ([\d_]+)/.exec(readFileSync(join(root, 'libs/batch/src/task-executor.ts'), 'utf8'))![1].replace(/_/g, ''));
    const renewMs = Number(/`KNM_LEASE_RENEW_DEADLINE_MS` \| `(\d+)`/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![1]);
    for (const dir of WORKLOADS) {
      const { pod, container } = workload(objects(dir));
      const preStop = container.lifecycle?.preStop?.sleep?.seconds ?? 0;
      expect(preStop).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + executorMs / 1000 + renewMs / 1000 + 2);
    }
  });

  itWithKubectl('NetworkPolicies admit only the ingress controller and Prometheus, and reach only DNS, API servers and PostgreSQL', () => {
    const policies = objects('overlays/production').filter((o) => o.kind === 'NetworkPolicy') as V1NetworkPolicy[];
    // client-node's type names the field `_from`; the manifest's JSON field is `from`.
    const peers = policies.flatMap((p) => (p.spec?.ingress ?? []).flatMap((r) => (r as { from?: V1NetworkPolicyPeer[] }).from ?? [null]));
    expect(peers.map((p) => p?.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']).sort()).toEqual(['ingress-nginx', 'monitoring']);
    expect(peers.every((p) => p?.podSelector?.matchLabels && Object.keys(p.podSelector.matchLabels).length > 0)).toBe(true);
    const egress = policies.flatMap((p) => p.spec?.egress ?? []);
    expect(egress.every((r) => (r.to ?? []).length > 0 && (r.ports ?? []).length > 0)).toBe(true);
    expect([...new Set(egress.flatMap((r) => r.ports!.map((p) => p.port)))].sort()).toEqual([443, 53, 5432, 6443]);
    expect(policies.every((p) => p.spec?.policyTypes?.includes('Egress'))).toBe(true);
  });

  itWithKubectl('single: one replica, the data dir on a PersistentVolumeClaim, SQLite', () => {
    const { sts, pod, container } = workload(objects('overlays/single'));
    expect(sts.spec!.replicas).toBe(1);
    expect(sts.spec!.volumeClaimTemplates?.map((c) => c.metadata?.name)).toEqual(['data']);
    expect(pod.volumes?.map((v) => v.name)).toEqual(['tmp']);
    expect(containerEnv(objects('overlays/single'), container, []).map((e) => e.name)).not.toContain('KNM_DATABASE_URL');
  });

  itWithKubectl('production: 3 replicas spread by anti-affinity, PDB minAvailable 2, secrets only from the Secret', () => {
    const prod = objects('overlays/production');
    const { sts, pod, container } = workload(prod);
    expect(sts.spec!.replicas).toBe(3);
    expect(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    const pdb = prod.find((o) => o.kind === 'PodDisruptionBudget') as V1PodDisruptionBudget;
    expect(pdb.spec).toMatchObject({ minAvailable: 2 });
    expect(pdb.spec?.maxUnavailable).toBeUndefined();
    const env = new Map(containerEnv(prod, container, []).map((e) => [e.name, e]));
    for (const name of ['KNM_DATABASE_URL', 'KNM_ENCRYPTION_KEY', 'KNM_JWT_SIGNING_KEY', 'KNM_ADMIN_PASSWORD']) {
      expect({ name, value: env.get(name)?.value, ref: env.get(name)?.secretKeyRef }).toEqual({
        name, value: undefined, ref: { name: 'kube-node-manager', key: name, optional: name === 'KNM_ADMIN_PASSWORD' ? true : undefined },
      });
    }
  });
});

describe('broken manifests fail validation, naming the object and the path', () => {
  const violationsOf = (file: string) => validateAll(readManifests(join(fixtures, file), `fixtures/${file}`));

  it('an unknown field', () => {
    expect(violationsOf('unknown-field.yaml')).toEqual([
      'StatefulSet/broken-unknown-field (fixtures/unknown-field.yaml): /spec/template/spec/containers/0 has the unknown field "readinessprobe"',
    ]);
  });

  it('a wrong type, including an int-or-string field', () => {
    expect(violationsOf('wrong-type.yaml')).toEqual([
      'Service/broken-wrong-type (fixtures/wrong-type.yaml): /spec/ports/0/port must be integer',
      'Service/broken-wrong-type (fixtures/wrong-type.yaml): /spec/ports/0/targetPort must be one of the types string or integer',
    ]);
  });

  it('a missing required field', () => {
    expect(violationsOf('missing-required.yaml')).toEqual([
      'StatefulSet/broken-missing-required (fixtures/missing-required.yaml): /spec lacks the required field "selector"',
      'StatefulSet/broken-missing-required (fixtures/missing-required.yaml): /spec/template/spec/containers/0 lacks the required field "name"',
    ]);
  });

  it('an apiVersion and kind with no Kubernetes 1.32 schema', () => {
    expect(violationsOf('unknown-kind.yaml')).toEqual([
      'StatefulSet/broken-unknown-kind (fixtures/unknown-kind.yaml): no Kubernetes 1.32.2 schema for apiVersion "apps/v1beta1" kind "StatefulSet"',
    ]);
  });

  it('int-or-string fields accept a number or a name (the fixture is valid)', () => {
    expect(violationsOf('int-or-string.yaml')).toEqual([]);
  });

  it('a kustomization referring to a missing file', () => {
    const tree = checkKustomizationTree(join(fixtures, 'missing-file'), root);
    expect(tree.violations).toEqual([
      'test/integration/deploy/fixtures/missing-file/kustomization.yaml: resources[1] refers to statefulset.yaml, which does not exist',
    ]);
  });

  itWithKubectl('kubectl kustomize refuses the kustomization referring to a missing file', () => {
    const r = kustomize(join(fixtures, 'missing-file'), 'fixtures/missing-file');
    expect(r.ok).toBe(false);
    expect(r.stderr).toContain('statefulset.yaml');
  });
});
