import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@knm/common';
import { KubeconfigCipher, KubeconfigDecryptError } from './kubeconfig-cipher';

const cipherWith = (key: Buffer) => new KubeconfigCipher({ encryptionKey: key } as AppConfig);

describe('KubeconfigCipher', () => {
  const key = randomBytes(32);

  it('decrypts what it encrypted', () => {
    const c = cipherWith(key);
    expect(c.decrypt(c.encrypt('apiVersion: v1\nkind: Config\n'))).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('uses a fresh IV, so the same plaintext encrypts differently', () => {
    const c = cipherWith(key);
    expect(c.encrypt('same')).not.toBe(c.encrypt('same'));
  });

  it('does not contain the plaintext', () => {
    expect(cipherWith(key).encrypt('token: secret-token')).not.toContain('secret');
  });

  it('detects a modified ciphertext byte', () => {
    const c = cipherWith(key);
    const [v, b64] = c.encrypt('hello kubeconfig').split(':');
    const raw = Buffer.from(b64, 'base64');
    raw[raw.length - 1] ^= 0x01;
    expect(() => c.decrypt(`${v}:${raw.toString('base64')}`)).toThrow(KubeconfigDecryptError);
  });

  it('detects a modified auth tag', () => {
    const c = cipherWith(key);
    const [v, b64] = c.encrypt('hello').split(':');
    const raw = Buffer.from(b64, 'base64');
    raw[12] ^= 0x80;
    expect(() => c.decrypt(`${v}:${raw.toString('base64')}`)).toThrow(/authentication failed/);
  });

  it('refuses to decrypt with another key', () => {
    const stored = cipherWith(key).encrypt('hello');
    expect(() => cipherWith(randomBytes(32)).decrypt(stored)).toThrow(KubeconfigDecryptError);
  });

  it('rejects an unknown format', () => {
    expect(() => cipherWith(key).decrypt('plain text')).toThrow(/unknown format/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => cipherWith(randomBytes(16))).toThrow(/32 bytes/);
  });
});
