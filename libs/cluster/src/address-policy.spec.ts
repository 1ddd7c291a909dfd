import { hostOrCidrRule } from '@knm/common';
import { AddressPolicy, AddressRefusedError, effectiveAddress, HostLookup } from './address-policy';

const defaults = () => new AddressPolicy({ allow: [], deny: [] });
const resolvesTo = (...addresses: string[]): HostLookup => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const noDns: HostLookup = async (h) => {
  throw new Error(`unexpected lookup of ${h}`);
};

async function refusal(policy: AddressPolicy, host: string, lookup: HostLookup = noDns): Promise<AddressRefusedError> {
  try {
    await policy.resolve(host, lookup);
  } catch (err) {
    if (err instanceof AddressRefusedError) return err;
    throw err;
  }
  throw new Error(`${host} was allowed`);
}

describe('AddressPolicy defaults', () => {
  it.each([
    ['169.254.169.254', /link-local 169\.254\.0\.0\/16/],
    ['169.254.170.2', /link-local/],
    ['169.254.0.1', /link-local/],
    ['[fd00:ec2::254]', /AWS instance metadata/],
    ['fe80::1', /IPv6 link-local/],
    ['[fe80::1%25eth0]', /IPv6 link-local/],
    ['100.100.100.200', /Alibaba/],
    ['168.63.129.16', /Azure/],
    ['::ffff:169.254.169.254', /link-local/],
    ['[::ffff:a9fe:a9fe]', /link-local/],
    ['64:ff9b::169.254.169.254', /link-local/],
    ['::169.254.169.254', /link-local/],
  ])('refuses the address %s', async (host, rule) => {
    const err = await refusal(defaults(), host);
    expect(err.rule).toMatch(rule);
    expect(err.rule).toMatch(/default; allow it with KNM_CLUSTER_HOSTS_ALLOW/);
  });

  it.each(['127.0.0.1', '::1', '10.1.2.3', '192.168.0.10', '172.16.5.5', '8.8.8.8', '::ffff:10.0.0.1', '2001:db8::1'])(
    'allows the address %s',
    async (host) => {
      await expect(defaults().resolve(host, noDns)).resolves.toHaveLength(1);
    },
  );

  it.each(['metadata.google.internal', 'METADATA.GOOGLE.INTERNAL.', 'metadata.goog', 'metadata', 'instance-data'])(
    'refuses the metadata name %s before any DNS lookup',
    async (host) => {
      const err = await refusal(defaults(), host);
      expect(err.rule).toMatch(/cloud metadata host/);
      expect(err.address).toBeNull();
    },
  );

  it('refuses a hostname that resolves to the metadata address, naming host, address and rule', async () => {
    const err = await refusal(defaults(), 'innocent.example.com', resolvesTo('169.254.169.254'));
    expect(err).toMatchObject({ host: 'innocent.example.com', address: '169.254.169.254' });
    expect(err.message).toMatch(/innocent\.example\.com \(169\.254\.169\.254\) is refused: link-local/);
  });

  it('refuses a hostname when any one of its addresses is refused (IPv6 metadata among public ones)', async () => {
    const err = await refusal(defaults(), 'dual.example.com', resolvesTo('203.0.113.7', 'fd00:ec2::254'));
    expect(err.address).toBe('fd00:ec2::254');
  });

  it('refuses a hostname resolving to an IPv4-mapped link-local address', async () => {
    expect((await refusal(defaults(), 'mapped.example.com', resolvesTo('::ffff:169.254.169.254'))).rule).toMatch(/link-local/);
  });

  it('allows a hostname whose addresses are all allowed, returning them', async () => {
    await expect(defaults().resolve('k8s.example.com', resolvesTo('10.0.0.5', '10.0.0.6'))).resolves.toHaveLength(2);
  });

  it('passes lookup errors through (ENOTFOUND is unreachable, not refused)', async () => {
    const err = Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' });
    await expect(defaults().resolve('nope.invalid', async () => Promise.reject(err))).rejects.toBe(err);
  });
});

describe('AddressPolicy configured rules', () => {
  it('an allow CIDR overrides the default link-local refusal', async () => {
    const policy = new AddressPolicy({ allow: ['169.254.10.0/24'], deny: [] });
    await expect(policy.resolve('169.254.10.7', noDns)).resolves.toHaveLength(1);
    expect((await refusal(policy, '169.254.169.254')).rule).toMatch(/link-local/);
  });

  it('an allowed hostname skips the default rules for its addresses', async () => {
    const policy = new AddressPolicy({ allow: ['*.lab.internal'], deny: [] });
    await expect(policy.resolve('k8s.lab.internal', resolvesTo('169.254.3.3'))).resolves.toHaveLength(1);
  });

  it('a deny CIDR refuses private and loopback addresses the defaults allow, naming the entry', async () => {
    const policy = new AddressPolicy({ allow: [], deny: ['10.0.0.0/8', '127.0.0.1'] });
    expect((await refusal(policy, '10.9.9.9')).rule).toBe('KNM_CLUSTER_HOSTS_DENY entry 10.0.0.0/8');
    expect((await refusal(policy, 'k.example.com', resolvesTo('127.0.0.1'))).rule).toBe('KNM_CLUSTER_HOSTS_DENY entry 127.0.0.1');
    expect((await refusal(policy, '::ffff:10.1.1.1')).rule).toBe('KNM_CLUSTER_HOSTS_DENY entry 10.0.0.0/8');
  });

  it('deny wins over allow for the same host', async () => {
    const policy = new AddressPolicy({ allow: ['*.example.com', '10.0.0.0/8'], deny: ['bad.example.com', '10.6.6.0/24'] });
    expect((await refusal(policy, 'bad.example.com')).rule).toBe('KNM_CLUSTER_HOSTS_DENY entry bad.example.com');
    expect((await refusal(policy, 'ok.example.com', resolvesTo('10.6.6.6'))).rule).toBe('KNM_CLUSTER_HOSTS_DENY entry 10.6.6.0/24');
  });

  it('a wildcard matches subdomains only, not the domain itself', async () => {
    const policy = new AddressPolicy({ allow: [], deny: ['*.corp.example'] });
    expect((await refusal(policy, 'a.b.corp.example')).rule).toMatch(/corp\.example/);
    await expect(policy.resolve('corp.example', resolvesTo('10.0.0.1'))).resolves.toHaveLength(1);
  });

  it('IPv6 deny rules match the canonical address whatever its spelling', async () => {
    const policy = new AddressPolicy({ allow: [], deny: ['2001:db8::/32'] });
    expect((await refusal(policy, '[2001:0DB8:0000::0001]')).rule).toMatch(/2001:db8::\/32/);
  });
});

describe('hostOrCidrRule (KNM_CLUSTER_HOSTS_* rule syntax, shared with the config schema)', () => {
  it.each(['10.0.0.0/8', 'fd00::/8', '127.0.0.1', '::1', 'k8s.example.com', '*.example.com', 'localhost'])('accepts %s', (r) => {
    expect(hostOrCidrRule(r)).toBeNull();
  });

  it.each(['10.0.0.0/33', 'x/8', '10.0.0.0/', 'bad host', 'a..b', '*', 'http://x'])('refuses %s', (r) => {
    expect(hostOrCidrRule(r)).toMatch(/must be/);
  });
});

describe('effectiveAddress', () => {
  it('reads IPv4 embedded in IPv6 as IPv4 and canonicalises IPv6', () => {
    expect(effectiveAddress('::ffff:169.254.169.254')).toEqual({ address: '169.254.169.254', family: 4 });
    expect(effectiveAddress('FD00:EC2:0::254')).toEqual({ address: 'fd00:ec2::254', family: 6 });
    expect(effectiveAddress('::1')).toEqual({ address: '::1', family: 6 });
  });
});
