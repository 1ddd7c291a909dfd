import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@knm/common';
import type { FieldViolation } from '@knm/contracts';
import { InvalidKubeconfigError } from './kubeconfig';
import { KUBECONFIG_FILE_MAX_BYTES, KubeconfigFiles } from './kubeconfig-files';

const NOT_ALLOWED = 'must name a readable regular file inside a directory allowed by KNM_KUBECONFIG_DIRS';

describe('KubeconfigFiles', () => {
  let root: string;
  let allowed: string;
  let outside: string;
  let files: KubeconfigFiles;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'knm-kcfiles-'));
    allowed = join(root, 'allowed');
    outside = join(root, 'outside');
    mkdirSync(join(allowed, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(allowed, 'ok.yaml'), 'clusters: []\n');
    writeFileSync(join(allowed, 'sub', 'nested.yaml'), 'nested: true\n');
    writeFileSync(join(outside, 'secret.key'), 'SECRET');
    writeFileSync(join(allowed, 'big.yaml'), 'x'.repeat(KUBECONFIG_FILE_MAX_BYTES + 1));
    symlinkSync(join(outside, 'secret.key'), join(allowed, 'escape.yaml'));
    symlinkSync(join(outside, 'missing.key'), join(allowed, 'dangling.yaml'));
    symlinkSync(join(allowed, 'ok.yaml'), join(allowed, 'inner-link.yaml'));
    execFileSync('mkfifo', [join(allowed, 'fifo.yaml')]);
    files = new KubeconfigFiles({ kubeconfigDirs: [allowed] } as unknown as AppConfig);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function violation(path: string, reader = files): Promise<FieldViolation> {
    try {
      await reader.read(path);
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidKubeconfigError);
      return ((err as InvalidKubeconfigError).details as { violations: FieldViolation[] }).violations[0];
    }
    throw new Error(`${path} was read`);
  }

  it('reads a regular file inside an allowed directory (also in a subdirectory, also through a symlink that stays inside)', async () => {
    await expect(files.read(join(allowed, 'ok.yaml'))).resolves.toBe('clusters: []\n');
    await expect(files.read(join(allowed, 'sub', 'nested.yaml'))).resolves.toBe('nested: true\n');
    await expect(files.read(join(allowed, 'inner-link.yaml'))).resolves.toBe('clusters: []\n');
  });

  it('gives the same answer for an existing and a missing file outside the allowed directories', async () => {
    const existing = await violation(join(outside, 'secret.key'));
    const missing = await violation(join(outside, 'nope.key'));
    expect(existing).toEqual({ field: 'kubeconfigPath', rule: NOT_ALLOWED });
    expect(missing).toEqual(existing);
    expect(await violation('/etc/passwd')).toEqual(existing);
  });

  it('refuses .. escapes and symlink escapes with that same answer', async () => {
    expect((await violation(`${allowed}/../outside/secret.key`)).rule).toBe(NOT_ALLOWED);
    expect((await violation(`${allowed}/sub/../../outside/secret.key`)).rule).toBe(NOT_ALLOWED);
    expect((await violation(join(allowed, 'escape.yaml'))).rule).toBe(NOT_ALLOWED);
    expect((await violation(join(allowed, 'dangling.yaml'))).rule).toBe(NOT_ALLOWED);
    expect((await violation(join(allowed, 'missing.yaml'))).rule).toBe(NOT_ALLOWED);
  });

  it('refuses a FIFO without opening it (the call returns although no writer exists)', async () => {
    expect((await violation(join(allowed, 'fifo.yaml'))).rule).toMatch(/regular file \(not a directory, FIFO/);
  });

  it('refuses a directory and a file over the size limit', async () => {
    expect((await violation(join(allowed, 'sub'))).rule).toMatch(/regular file/);
    expect((await violation(join(allowed, 'big.yaml'))).rule).toMatch(`larger than ${KUBECONFIG_FILE_MAX_BYTES} bytes`);
  });

  it('refuses a relative path', async () => {
    expect((await violation('allowed/ok.yaml')).rule).toBe('must be an absolute path');
  });

  it('refuses every path when no directory is configured', async () => {
    const none = new KubeconfigFiles({ kubeconfigDirs: [] } as unknown as AppConfig);
    expect((await violation(join(allowed, 'ok.yaml'), none)).rule).toMatch(/is disabled/);
  });

  it('does not treat a directory sharing a name prefix as inside (allowed-evil is not allowed)', async () => {
    mkdirSync(`${allowed}-evil`, { recursive: true });
    writeFileSync(`${allowed}-evil/x.yaml`, 'a: 1');
    expect((await violation(`${allowed}-evil/x.yaml`)).rule).toBe(NOT_ALLOWED);
  });
});
