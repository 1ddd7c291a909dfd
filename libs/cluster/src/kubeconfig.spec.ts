import { ErrorCode } from '@knm/contracts';
import { InvalidKubeconfigError, resolveKubeconfig } from './kubeconfig';

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://dev.example.com:6443/
    certificate-authority: ca.crt
- name: prod-cluster
  cluster:
    server: https://prod.example.com
users:
- name: dev-user
  user:
    token: dev-token
- name: prod-user
  user:
    token: prod-token
contexts:
- name: dev
  context: {cluster: dev-cluster, user: dev-user}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
`;

const files: Record<string, string> = { '/etc/kube/ca.crt': 'CA-PEM' };
const readFile = (p: string): Buffer => {
  if (!(p in files)) throw new Error(`ENOENT: no such file, open '${p}'`);
  return Buffer.from(files[p]);
};
const resolve = (text: string, context?: string) => resolveKubeconfig(text, { context, baseDir: '/etc/kube', readFile });

function problemOf(text: string, context?: string): string {
  try {
    resolve(text, context);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidKubeconfigError);
    expect((err as InvalidKubeconfigError).code).toBe(ErrorCode.InvalidKubeconfig);
    return (err as Error).message;
  }
  throw new Error('kubeconfig was accepted');
}

describe('resolveKubeconfig', () => {
  it('uses current-context by default and strips the trailing slash of the server', () => {
    expect(resolve(KUBECONFIG)).toMatchObject({ context: 'dev', server: 'https://dev.example.com:6443' });
  });

  it('keeps only the chosen context, its cluster and its user', () => {
    const narrowed = JSON.parse(resolve(KUBECONFIG, 'prod').text);
    expect(narrowed.contexts.map((c: { name: string }) => c.name)).toEqual(['prod']);
    expect(narrowed.clusters.map((c: { name: string }) => c.name)).toEqual(['prod-cluster']);
    expect(narrowed.users).toEqual([{ name: 'prod-user', user: { token: 'prod-token' } }]);
    expect(narrowed['current-context']).toBe('prod');
    expect(resolve(KUBECONFIG, 'prod').text).not.toContain('dev-token');
  });

  it('inlines a relative certificate-authority file as certificate-authority-data', () => {
    const narrowed = JSON.parse(resolve(KUBECONFIG).text);
    expect(narrowed.clusters[0].cluster).toEqual({
      server: 'https://dev.example.com:6443/',
      'certificate-authority-data': Buffer.from('CA-PEM').toString('base64'),
    });
  });

  it('rejects empty text', () => {
    expect(problemOf('  \n')).toMatch(/is empty/);
  });

  it('rejects YAML syntax errors with line and column', () => {
    expect(problemOf('clusters:\n  - name: a\n   bad: [')).toMatch(/not valid YAML \(line \d+, column \d+\)/);
  });

  it('rejects a document that is not a mapping', () => {
    expect(problemOf('- a\n- b')).toMatch(/must be a YAML mapping/);
  });

  it('rejects an unknown context, naming the available ones', () => {
    expect(problemOf(KUBECONFIG, 'staging')).toMatch(/context "staging" not found \(available contexts: dev, prod\)/);
  });

  it('rejects a kubeconfig without current-context when no context is given', () => {
    expect(problemOf(KUBECONFIG.replace('current-context: dev', ''))).toMatch(/no current-context is set.*available contexts: dev, prod/);
  });

  it('rejects a cluster without a server', () => {
    expect(problemOf(KUBECONFIG.replace('server: https://prod.example.com', 'insecure-skip-tls-verify: true'), 'prod')).toMatch(
      /cluster "prod-cluster" has no server/,
    );
  });

  it('rejects a server that is not a URL', () => {
    expect(problemOf(KUBECONFIG.replace('https://prod.example.com', 'prod:443'), 'prod')).toMatch(/must use https/);
  });

  it('accepts a plain http server, as kubectl does', () => {
    expect(resolve(KUBECONFIG.replace('https://prod.example.com', 'http://prod.example.com'), 'prod').server).toBe('http://prod.example.com');
  });

  it('rejects a context that refers to a missing cluster', () => {
    expect(problemOf(KUBECONFIG.replace('{cluster: prod-cluster', '{cluster: nope'), 'prod')).toMatch(/refers to cluster "nope"/);
  });

  it('rejects a context that refers to a missing user', () => {
    expect(problemOf(KUBECONFIG.replace('user: prod-user}', 'user: ghost}'), 'prod')).toMatch(/refers to user "ghost"/);
  });

  it('rejects a list entry without a name', () => {
    expect(problemOf(KUBECONFIG.replace('- name: prod-cluster', '- nom: prod-cluster'))).toMatch(/clusters\[1\]\.name is missing/);
  });

  it('rejects a section that is not a list', () => {
    expect(problemOf('clusters: {}\ncontexts: []')).toMatch(/clusters must be a list/);
  });

  it('rejects an unreadable certificate file, naming it', () => {
    expect(problemOf(KUBECONFIG.replace('ca.crt', 'missing.crt'))).toMatch(/certificate-authority file \/etc\/kube\/missing.crt cannot be read/);
  });
});
