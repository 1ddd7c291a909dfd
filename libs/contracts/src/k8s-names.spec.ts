import {
  dns1123LabelViolations,
  dns1123SubdomainViolations,
  labelKeyViolations,
  labelValueViolations,
  qualifiedNameViolations,
} from './k8s-names';

describe('labelKeyViolations (apimachinery IsQualifiedName)', () => {
  it.each(['app', 'app.kubernetes.io/name', 'node-role.kubernetes.io/control-plane', 'A_b.c-D', 'x'])(
    'accepts %s',
    (key) => expect(labelKeyViolations(key)).toEqual([]),
  );

  it('rejects an empty key', () => expect(labelKeyViolations('')).toEqual(['name part must not be empty']));

  it('rejects a name part longer than 63 characters', () =>
    expect(labelKeyViolations('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']));

  it('rejects a name part that starts with a dash', () =>
    expect(labelKeyViolations('-app')[0]).toMatch(/must start and end with an alphanumeric/));

  it('rejects an uppercase prefix', () =>
    expect(labelKeyViolations('Example.com/app')[0]).toMatch(/^prefix part must be a lowercase RFC 1123 subdomain/));

  it('rejects an empty prefix', () => expect(labelKeyViolations('/app')).toEqual(['prefix part must not be empty']));

  it('rejects a prefix longer than 253 characters', () =>
    expect(labelKeyViolations(`${'a'.repeat(254)}/app`)).toContain('prefix part must be no more than 253 characters'));

  it('rejects two slashes', () => expect(labelKeyViolations('a/b/c')[0]).toMatch(/more than one '\/'/));

  it('rejects spaces instead of rewriting them', () =>
    expect(labelKeyViolations('my app')[0]).toMatch(/alphanumeric characters, '-', '_' or '.'/));
});

describe('labelValueViolations (apimachinery IsValidLabelValue)', () => {
  it('accepts the empty value', () => expect(labelValueViolations('')).toEqual([]));
  it('accepts 63 characters', () => expect(labelValueViolations('v'.repeat(63))).toEqual([]));
  it('rejects 64 characters', () => expect(labelValueViolations('v'.repeat(64))).toEqual(['must be no more than 63 characters']));
  it('rejects a trailing dot', () => expect(labelValueViolations('v1.')).toHaveLength(1));
  it('rejects a slash', () => expect(labelValueViolations('a/b')).toHaveLength(1));
});

describe('DNS-1123 names', () => {
  it('accepts a dotted subdomain', () => expect(dns1123SubdomainViolations('node-1.zone-a.example')).toEqual([]));
  it('rejects uppercase in a subdomain', () => expect(dns1123SubdomainViolations('Node-1')).toHaveLength(1));
  it('accepts a label', () => expect(dns1123LabelViolations('prod-eu-1')).toEqual([]));
  it('rejects a dot in a label', () => expect(dns1123LabelViolations('prod.eu')).toHaveLength(1));
  it('rejects a label of 64 characters', () =>
    expect(dns1123LabelViolations('a'.repeat(64))).toEqual(['must be no more than 63 characters']));
  it('qualifiedNameViolations is the label key rule', () => expect(qualifiedNameViolations('a/b/c')).toEqual(labelKeyViolations('a/b/c')));
});
