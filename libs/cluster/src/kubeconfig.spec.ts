import { ErrorCode, FieldViolation } from '@knm/contracts';
import { InvalidKubeconfigError, resolveKubeconfig } from './kubeconfig';
import { KUBECONFIG_MAX_CHARS } from './kubeconfig-yaml';

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster:
    server: https://dev.example.com:6443/
    certificate-authority-data: Q0EtUEVN
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
  context: {cluster: dev-cluster, user: dev-user, namespace: team-a}
- name: prod
  context: {cluster: prod-cluster, user: prod-user}
`;

/** A one-context kubeconfig whose user (users[0].user) and cluster (clusters[0].cluster) are given as YAML flow mappings. */
const withEntries = (user: string, cluster = '{server: "https://k.example.com"}', extra = ''): string => `${extra}
clusters: [{name: c, cluster: ${cluster}}]
users: [{name: u, user: ${user}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;

const EXEC_ALLOWED = ['/usr/local/bin/kubelogin'];
const resolve = (text: string, context?: string, execCommands: string[] = []) =>
  resolveKubeconfig(text, { context, source: 'kubeconfig', execCommands });

function violationsOf(text: string, context?: string, execCommands: string[] = []): FieldViolation[] {
  try {
    resolve(text, context, execCommands);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidKubeconfigError);
    expect((err as InvalidKubeconfigError).code).toBe(ErrorCode.InvalidKubeconfig);
    return ((err as InvalidKubeconfigError).details as { violations: FieldViolation[] }).violations;
  }
  throw new Error('kubeconfig was accepted');
}

const oneViolation = (text: string, execCommands: string[] = []): FieldViolation => {
  const v = violationsOf(text, undefined, execCommands);
  expect(v).toHaveLength(1);
  return v[0];
};

describe('resolveKubeconfig: structure', () => {
  it('uses current-context by default and strips the trailing slash of the server', () => {
    expect(resolve(KUBECONFIG)).toMatchObject({ context: 'dev', server: 'https://dev.example.com:6443', serverField: 'kubeconfig.clusters[0].cluster.server' });
  });

  it('keeps only the chosen context, its cluster and its user', () => {
    const narrowed = JSON.parse(resolve(KUBECONFIG, 'prod').text);
    expect(narrowed.contexts).toEqual([{ name: 'prod', context: { cluster: 'prod-cluster', user: 'prod-user' } }]);
    expect(narrowed.clusters).toEqual([{ name: 'prod-cluster', cluster: { server: 'https://prod.example.com' } }]);
    expect(narrowed.users).toEqual([{ name: 'prod-user', user: { token: 'prod-token' } }]);
    expect(resolve(KUBECONFIG, 'prod').text).not.toContain('dev-token');
  });

  it('keeps inline certificate data, the namespace and the TLS settings', () => {
    const narrowed = JSON.parse(resolve(KUBECONFIG).text);
    expect(narrowed.clusters[0].cluster).toEqual({ server: 'https://dev.example.com:6443', 'certificate-authority-data': 'Q0EtUEVN' });
    expect(narrowed.contexts[0].context.namespace).toBe('team-a');
  });

  it.each([
    ['empty text', '  \n', { field: 'kubeconfig', rule: 'is empty' }],
    ['a document that is not a mapping', '- a\n- b', { field: 'kubeconfig', rule: expect.stringMatching(/must be a YAML mapping/) }],
    ['a section that is not a list', 'clusters: {}\ncontexts: []', { field: 'kubeconfig.clusters', rule: 'must be a list' }],
    ['a list entry without a name', KUBECONFIG.replace('- name: prod-cluster', '- nom: prod-cluster'), { field: 'kubeconfig.clusters[1].name', rule: 'is missing' }],
  ])('refuses %s', (_what, text, violation) => {
    expect(oneViolation(text)).toEqual(violation);
  });

  it('refuses YAML syntax errors with line and column', () => {
    expect(oneViolation('clusters:\n  - name: a\n   bad: [').rule).toMatch(/not valid YAML \(line \d+, column \d+\)/);
  });

  it('refuses an unknown context, naming the available ones', () => {
    expect(violationsOf(KUBECONFIG, 'staging')).toEqual([{ field: 'context', rule: 'context "staging" not found (available contexts: dev, prod)' }]);
  });

  it('refuses a kubeconfig without current-context when no context is given', () => {
    expect(oneViolation(KUBECONFIG.replace('current-context: dev', ''))).toMatchObject({ field: 'kubeconfig.current-context', rule: expect.stringMatching(/available contexts: dev, prod/) });
  });

  it.each([
    ['no server', 'insecure-skip-tls-verify: true', /is required/],
    ['a server that is not a URL', 'server: prod:443', /must use https/],
    ['credentials in the server URL', 'server: https://u:p@prod.example.com', /must not carry credentials/],
  ])('refuses a cluster with %s', (_what, replacement, rule) => {
    const v = violationsOf(KUBECONFIG.replace('server: https://prod.example.com', replacement), 'prod');
    expect(v).toEqual([{ field: 'kubeconfig.clusters[1].cluster.server', rule: expect.stringMatching(rule) }]);
  });

  it('accepts a plain http server, as kubectl does', () => {
    expect(resolve(KUBECONFIG.replace('https://prod.example.com', 'http://prod.example.com'), 'prod').server).toBe('http://prod.example.com');
  });

  it('refuses a context that refers to a missing cluster or user', () => {
    expect(violationsOf(KUBECONFIG.replace('{cluster: prod-cluster', '{cluster: nope'), 'prod')[0]).toEqual({
      field: 'kubeconfig.contexts[1].context.cluster',
      rule: 'refers to cluster "nope", which is not in clusters',
    });
    expect(violationsOf(KUBECONFIG.replace('user: prod-user}', 'user: ghost}'), 'prod')[0].field).toBe('kubeconfig.contexts[1].context.user');
  });

  it('does not examine entries of other contexts, and never keeps them', () => {
    const text = KUBECONFIG.replace('    token: prod-token', '    exec: {command: /bin/sh}');
    expect(resolve(text, 'dev').text).not.toContain('/bin/sh');
  });
});

describe('resolveKubeconfig: fields that would run a program, read a file or reach elsewhere', () => {
  it.each([
    ['exec', '{exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh, args: [-c, "touch /tmp/pwned"]}}', 'exec', /runs a program on the server.*KNM_KUBECONFIG_EXEC_COMMANDS/],
    ['auth-provider gcp with cmd-path', '{auth-provider: {name: gcp, config: {cmd-path: /bin/sh, cmd-args: "-c id"}}}', 'auth-provider', /never supported.*cmd-path/],
    ['auth-provider azure', '{auth-provider: {name: azure, config: {environment: AzurePublicCloud}}}', 'auth-provider', /never supported/],
    ['auth-provider oidc', '{auth-provider: {name: oidc, config: {idp-issuer-url: "http://169.254.169.254", refresh-token: r}}}', 'auth-provider', /never supported/],
    ['auth-provider with a token file', '{auth-provider: {name: x, config: {tokenFile: /etc/passwd}}}', 'auth-provider', /never supported/],
    ['token-file', '{token-file: data/encryption.key}', 'token-file', /names a file on the server.*inline it as token/],
    ['tokenFile (client-go spelling)', '{tokenFile: /etc/passwd}', 'tokenFile', /names a file on the server/],
    ['client-certificate', '{client-certificate: /etc/ssl/cert.pem, client-key-data: a2V5}', 'client-certificate', /inline it as client-certificate-data/],
    ['client-key', '{client-key: ../../data/encryption.key, client-certificate-data: Y2VydA==}', 'client-key', /inline it as client-key-data/],
    ['as-groups', '{token: t, as: jane, as-groups: [system:masters]}', 'as-groups', /not supported/],
    ['an unknown field', '{token: t, Exec: {command: /bin/sh}}', 'Exec', /is not a kubeconfig user field/],
    ['__proto__ carrying exec', '{__proto__: {exec: {command: /bin/sh}}}', '__proto__', /is not a kubeconfig user field/],
    ['a merge key', '{<<: {exec: {command: /bin/sh}}}', '<<', /is not a kubeconfig user field/],
  ])('refuses a user with %s, naming the field', (_what, user, field, rule) => {
    expect(oneViolation(withEntries(user))).toEqual({ field: `kubeconfig.users[0].user.${field}`, rule: expect.stringMatching(rule) });
  });

  it.each([
    ['certificate-authority', '{server: "https://k.example.com", certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt}', /inline it as certificate-authority-data/],
    ['proxy-url', '{server: "https://k.example.com", proxy-url: "socks5://169.254.169.254:1080"}', /proxy the caller chooses/],
    ['certificateAuthority', '{server: "https://k.example.com", certificateAuthority: /etc/passwd}', /is not a kubeconfig cluster field/],
  ])('refuses a cluster with %s, naming the field', (field, cluster, rule) => {
    const v = oneViolation(withEntries('{token: t}', cluster));
    expect(v.field).toBe(`kubeconfig.clusters[0].cluster.${field}`);
    expect(v.rule).toMatch(rule);
  });

  it('refuses exec given through an alias, naming the field where it is used', () => {
    const text = withEntries('*u', undefined, 'hidden: &u {exec: {command: /bin/sh, args: [-c, id]}}');
    expect(oneViolation(text).field).toBe('kubeconfig.users[0].user.exec');
  });

  it('refuses a whole user entry given through an alias of a mapping holding a token file', () => {
    const text = `
anchors: {u: &u {tokenFile: /etc/passwd}}
clusters: [{name: c, cluster: {server: "https://k.example.com"}}]
users: [{name: u, user: *u}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`;
    expect(oneViolation(text).field).toBe('kubeconfig.users[0].user.tokenFile');
  });

  it('reports every refused field of the chosen user and cluster at once', () => {
    const v = violationsOf(withEntries('{exec: {command: /bin/sh}, token-file: /x}', '{server: "https://k.example.com", proxy-url: "http://p"}'));
    expect(v.map((x) => x.field).sort()).toEqual([
      'kubeconfig.clusters[0].cluster.proxy-url',
      'kubeconfig.users[0].user.exec',
      'kubeconfig.users[0].user.token-file',
    ]);
  });

  it('keeps data fields: token, certificate data, basic auth, impersonation, TLS server name, skip-verify', () => {
    const r = resolve(withEntries('{token: t, client-certificate-data: Yw==, client-key-data: aw==, username: a, password: b, as: jane}', '{server: "https://k.example.com", tls-server-name: api.internal, insecure-skip-tls-verify: true, extensions: [{name: e}]}'));
    expect(r.user).toEqual({ token: 't', certData: 'Yw==', keyData: 'aw==', username: 'a', password: 'b', impersonate: 'jane' });
    expect(r.cluster).toEqual({ server: 'https://k.example.com', skipTLSVerify: true, tlsServerName: 'api.internal' });
    expect(r.text).not.toContain('extensions');
  });

  it('refuses a field of the wrong type', () => {
    expect(oneViolation(withEntries('{token: [a]}'))).toEqual({ field: 'kubeconfig.users[0].user.token', rule: 'must be a string' });
  });
});

describe('resolveKubeconfig: exec plugins an admin allowed', () => {
  const exec = (fields: string) => withEntries(`{exec: {apiVersion: client.authentication.k8s.io/v1, command: /usr/local/bin/kubelogin${fields}}}`);

  it('keeps an allowed exec plugin with its args and env', () => {
    const r = resolve(exec(', args: [get-token, --server-id, x], env: [{name: AZURE_TENANT, value: t1}]'), undefined, EXEC_ALLOWED);
    expect(r.user?.exec).toEqual({
      command: '/usr/local/bin/kubelogin',
      args: ['get-token', '--server-id', 'x'],
      env: [{ name: 'AZURE_TENANT', value: 't1' }],
      apiVersion: 'client.authentication.k8s.io/v1',
      provideClusterInfo: false,
    });
    expect(resolve(r.text, undefined, EXEC_ALLOWED).user?.exec?.command).toBe('/usr/local/bin/kubelogin');
  });

  it.each([
    ['a command not on the list', withEntries('{exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/sh}}'), 'exec.command', /allowed by KNM_KUBECONFIG_EXEC_COMMANDS/],
    ['a relative command (PATH lookup)', withEntries('{exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin}}'), 'exec.command', /allowed by/],
    ['LD_PRELOAD in env', exec(', env: [{name: LD_PRELOAD, value: /tmp/x.so}]'), 'exec.env[0].name', /changes which code/],
    ['PATH in env', exec(', env: [{name: PATH, value: /tmp}]'), 'exec.env[0].name', /changes which code/],
    ['NODE_OPTIONS in env', exec(', env: [{name: NODE_OPTIONS, value: "--require /tmp/x"}]'), 'exec.env[0].name', /changes which code/],
    ['interactiveMode Always', exec(', interactiveMode: Always'), 'exec.interactiveMode', /terminal/],
    ['an unknown apiVersion', withEntries('{exec: {apiVersion: v9, command: /usr/local/bin/kubelogin}}'), 'exec.apiVersion', /must be one of/],
    ['args that are not strings', exec(', args: [{a: b}]'), 'exec.args', /list of strings/],
  ])('refuses %s', (_what, text, field, rule) => {
    const v = violationsOf(text, undefined, EXEC_ALLOWED);
    expect(v).toContainEqual({ field: `kubeconfig.users[0].user.${field}`, rule: expect.stringMatching(rule) });
  });
});

describe('resolveKubeconfig: bounded YAML', () => {
  it.each([
    ['an alias to a missing anchor', 'users: *nope\n', /alias to an anchor that is not defined/],
    ['an alias bomb', ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n'), /alias bomb/],
    ['an alias used as a key', 'a: &k name\n*k : 1\n', /not valid YAML.*keys must be strings/],
    ['a duplicate key', 'clusters: []\nclusters: []\n', /not valid YAML.*unique/],
    ['two documents', 'a: 1\n---\nb: 2\n', /not valid YAML/],
    ['nesting deeper than the limit', `x: ${'['.repeat(40)}${']'.repeat(40)}`, /nests deeper than 32 levels/],
    ['very deep nesting', `x: ${'['.repeat(20000)}${']'.repeat(20000)}`, /nests deeper than 32 levels/],
    ['a custom tag', 'a: !custom x\n', /not valid YAML/],
    ['text over the size limit', `a: "${'x'.repeat(KUBECONFIG_MAX_CHARS)}"`, /at most 1000000 characters/],
  ])('refuses %s with a violation of the kubeconfig field', (_what, text, rule) => {
    expect(oneViolation(text)).toEqual({ field: 'kubeconfig', rule: expect.stringMatching(rule) });
  });
});
