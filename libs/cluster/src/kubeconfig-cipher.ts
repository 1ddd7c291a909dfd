import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@knm/common';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a stored ciphertext is malformed, was encrypted with another key, or was tampered with. */
export class KubeconfigDecryptError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt stored kubeconfig: ${reason}`);
    this.name = 'KubeconfigDecryptError';
  }
}

/**
 * AES-256-GCM for kubeconfigs at rest, keyed by AppConfig.encryptionKey (32 bytes). Output is
 * `v1:<base64(iv 12 bytes | auth tag 16 bytes | ciphertext)>` with a fresh random IV per call
 * (NIST SP 800-38D: 96-bit IV, never reused with a key).
 */
@Injectable()
export class KubeconfigCipher {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    if (config.encryptionKey.length !== 32) throw new Error('encryption key must be 32 bytes for AES-256-GCM');
    this.key = config.encryptionKey;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** @throws KubeconfigDecryptError on a wrong key, a modified ciphertext or an unknown format. */
  decrypt(stored: string): string {
    const [version, payload] = stored.split(':', 2);
    if (version !== VERSION || !payload) throw new KubeconfigDecryptError(`unknown format "${version}"`);
    const raw = Buffer.from(payload, 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new KubeconfigDecryptError('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new KubeconfigDecryptError('authentication failed (wrong key or tampered data)');
    }
  }
}
