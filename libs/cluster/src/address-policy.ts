import { BlockList, isIP } from 'node:net';
import { hostOrCidrRule, normalizeHost } from '@knm/common';

/**
 * Which addresses the server may open a connection to for a cluster's API server.
 *
 * A kubeconfig's `server` is chosen by the API caller, so every connection to it is a
 * server-side request to a caller-chosen address (SSRF). By default everything is allowed except
 * link-local networks and the cloud metadata services (addresses and their well-known names):
 * loopback and private ranges stay allowed, since kube-sim and tests run on 127.0.0.1 and
 * on-premises clusters live in 10/8. Admins widen or narrow this with host rules
 * (AppConfig.clusterHostsAllow / clusterHostsDeny): a deny rule wins over everything, an allow
 * rule overrides the defaults. Addresses are judged after DNS resolution, every resolved address
 * must pass, and IPv4 addresses embedded in IPv6 (IPv4-mapped `::ffff:a.b.c.d`, NAT64
 * `64:ff9b::/96`, IPv4-compatible `::a.b.c.d`) are judged as the IPv4 address they reach.
 */
export interface AddressVerdict {
  /** Human rule that refused it, e.g. `link-local 169.254.0.0/16 (default)`. */
  rule: string;
}

/** A refused connection: names the host, the address (when resolved) and the rule. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_KNM_ADDRESS_REFUSED';
  constructor(
    readonly host: string,
    readonly address: string | null,
    readonly rule: string,
  ) {
    super(`${address && address !== host ? `${host} (${address})` : host} is refused: ${rule}`);
    this.name = 'AddressRefusedError';
  }
}

/** One resolved address, as `dns.lookup(..., {all: true})` returns them. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** `dns.promises.lookup(host, {all: true})` or a fake. */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

interface SubnetRule {
  label: string;
  list: BlockList;
}

interface NameRule {
  label: string;
  matches(hostname: string): boolean;
}

/** Refused by default: [network, prefix, why]. Sources: RFC 3927, RFC 4291, the clouds' metadata docs. */
const DEFAULT_SUBNETS: [string, number, string][] = [
  ['169.254.0.0', 16, 'link-local 169.254.0.0/16 (cloud metadata 169.254.169.254, ECS 169.254.170.2)'],
  ['fe80::', 10, 'IPv6 link-local fe80::/10'],
  ['fd00:ec2::254', 128, 'AWS instance metadata fd00:ec2::254'],
  ['100.100.100.200', 32, 'Alibaba Cloud metadata 100.100.100.200'],
  ['168.63.129.16', 32, 'Azure platform endpoint 168.63.129.16'],
];

/** Well-known names of metadata services, refused before any DNS lookup. */
const DEFAULT_NAMES = ['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com'];

function hexPairToIpv4(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/**
 * The address a connection to `address` reaches, canonical: IPv6 in WHATWG URL form, and an IPv4
 * address embedded in IPv6 (mapped, NAT64, compatible) as that IPv4 address.
 */
export function effectiveAddress(address: string): { address: string; family: 4 | 6 } {
  const a = normalizeHost(address);
  if (isIP(a) === 4) return { address: a, family: 4 };
  const canonical = new URL(`http://[${a}]/`).hostname.slice(1, -1);
  const embedded = /^(?:::ffff:|64:ff9b::|::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (embedded) return { address: hexPairToIpv4(embedded[1], embedded[2]), family: 4 };
  return { address: canonical, family: 6 };
}

function subnet(network: string, prefix: number, label: string): SubnetRule {
  const list = new BlockList();
  const { address, family } = effectiveAddress(network);
  const embeddedV4 = family === 4 && isIP(normalizeHost(network)) === 6;
  list.addSubnet(address, embeddedV4 ? Math.max(0, prefix - 96) : prefix, family === 4 ? 'ipv4' : 'ipv6');
  return { label, list };
}

function nameRule(rule: string, label: string): NameRule {
  const h = normalizeHost(rule);
  if (h.startsWith('*.')) {
    const suffix = h.slice(1);
    return { label, matches: (name) => name.endsWith(suffix) && name.length > suffix.length };
  }
  return { label, matches: (name) => name === h };
}

function parseRules(rules: string[], setting: string): { names: NameRule[]; subnets: SubnetRule[] } {
  const names: NameRule[] = [];
  const subnets: SubnetRule[] = [];
  for (const raw of rules) {
    const problem = hostOrCidrRule(raw.trim());
    if (problem) throw new Error(`${setting} entry "${raw}" ${problem}`);
    const label = `${setting} entry ${raw.trim()}`;
    const slash = raw.indexOf('/');
    const ip = normalizeHost(slash >= 0 ? raw.slice(0, slash) : raw);
    if (isIP(ip)) subnets.push(subnet(ip, slash >= 0 ? Number(raw.slice(slash + 1)) : isIP(ip) === 4 ? 32 : 128, label));
    else names.push(nameRule(raw, label));
  }
  return { names, subnets };
}

const inSubnets = (rules: SubnetRule[], a: { address: string; family: 4 | 6 }): SubnetRule | undefined =>
  rules.find((r) => r.list.check(a.address, a.family === 4 ? 'ipv4' : 'ipv6'));

/** The configured and default host rules; see the module comment for the order. */
export class AddressPolicy {
  private readonly allow: { names: NameRule[]; subnets: SubnetRule[] };
  private readonly deny: { names: NameRule[]; subnets: SubnetRule[] };
  private readonly defaults = {
    names: DEFAULT_NAMES.map((n) => nameRule(n, `cloud metadata host ${n}`)),
    subnets: DEFAULT_SUBNETS.map(([n, p, label]) => subnet(n, p, label)),
  };

  /** @throws Error naming the first invalid rule (config validation catches these first). */
  constructor(rules: { allow: string[]; deny: string[] }) {
    this.allow = parseRules(rules.allow, 'KNM_CLUSTER_HOSTS_ALLOW');
    this.deny = parseRules(rules.deny, 'KNM_CLUSTER_HOSTS_DENY');
  }

  /**
   * Judges a hostname before resolution. Returns `allowed` when an allow rule names it (its
   * addresses then skip the default rules), `refused` with the rule, or `undecided`.
   */
  judgeName(host: string): { verdict: 'allowed' | 'undecided' } | { verdict: 'refused'; rule: string } {
    const name = normalizeHost(host);
    const denied = this.deny.names.find((r) => r.matches(name));
    if (denied) return { verdict: 'refused', rule: denied.label };
    if (this.allow.names.some((r) => r.matches(name))) return { verdict: 'allowed' };
    const dflt = this.defaults.names.find((r) => r.matches(name));
    if (dflt) return { verdict: 'refused', rule: `${dflt.label} (default; allow it with KNM_CLUSTER_HOSTS_ALLOW)` };
    return { verdict: 'undecided' };
  }

  /** The rule refusing a connection to `address` (reached through `host`), or null when allowed. */
  refusal(host: string, address: string): AddressVerdict | null {
    const name = normalizeHost(host);
    const byName = isIP(name) ? { verdict: 'undecided' as const } : this.judgeName(name);
    if (byName.verdict === 'refused') return { rule: byName.rule };
    const a = effectiveAddress(address);
    const denied = inSubnets(this.deny.subnets, a);
    if (denied) return { rule: denied.label };
    if (byName.verdict === 'allowed' || inSubnets(this.allow.subnets, a)) return null;
    const dflt = inSubnets(this.defaults.subnets, a);
    return dflt ? { rule: `${dflt.label} (default; allow it with KNM_CLUSTER_HOSTS_ALLOW)` } : null;
  }

  /**
   * Resolves `host` (an IP literal resolves to itself) and judges every address.
   * @throws AddressRefusedError naming the host, address and rule; lookup errors (ENOTFOUND) as they are.
   */
  async resolve(host: string, lookup: HostLookup): Promise<ResolvedAddress[]> {
    const name = normalizeHost(host);
    const family = isIP(name);
    if (family) {
      const refused = this.refusal(name, name);
      if (refused) throw new AddressRefusedError(name, name, refused.rule);
      return [{ address: name, family }];
    }
    const byName = this.judgeName(name);
    if (byName.verdict === 'refused') throw new AddressRefusedError(name, null, byName.rule);
    const addresses = await lookup(name);
    for (const { address } of addresses) {
      const refused = this.refusal(name, address);
      if (refused) throw new AddressRefusedError(name, address, refused.rule);
    }
    return addresses;
  }
}
