import { OriginPolicy } from './origin-policy';

describe('OriginPolicy', () => {
  const policy = new OriginPolicy(['https://console.example.com']);

  it('allows same origin, configured origins and non-browser clients', () => {
    expect(policy.allows({ host: 'knm:8080', origin: 'http://knm:8080' })).toBe(true);
    expect(policy.allows({ host: 'knm:8080', origin: 'https://console.example.com' })).toBe(true);
    expect(policy.allows({ host: 'knm:8080' })).toBe(true);
  });

  it('refuses a foreign origin, a look-alike and the opaque origin null', () => {
    expect(policy.allows({ host: 'knm:8080', origin: 'https://evil.example' })).toBe(false);
    expect(policy.allows({ host: 'knm:8080', origin: 'http://knm:8080.evil.example' })).toBe(false);
    expect(policy.allows({ host: 'knm:8080', origin: 'null' })).toBe(false);
    expect(policy.allows({ host: 'knm:8080', origin: 'https://console.example.com.evil.example' })).toBe(false);
  });

  it('sends CORS headers only to the configured origins', () => {
    expect(policy.corsAllows('https://console.example.com')).toBe(true);
    expect(policy.corsAllows('http://knm:8080')).toBe(false);
    expect(policy.corsAllows(undefined)).toBe(false);
  });
});
