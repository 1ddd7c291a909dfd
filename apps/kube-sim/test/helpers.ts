import { execFile } from 'node:child_process';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether kubectl is on PATH. */
export function kubectlAvailable(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'kubectl')));
}

/** Result of one kubectl run. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl against `kubeconfig`; never rejects on a non-zero exit. */
export function kubectl(kubeconfig: string, args: string[], timeoutMs = 110_000): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** One decoded watch line. */
export interface WatchLine {
  type: string;
  object: { kind?: string; code?: number; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; [k: string]: unknown };
}

/** A raw HTTP watch: collected events, a promise for the end of the stream, and close(). */
export interface RawWatch {
  status: Promise<number>;
  events: WatchLine[];
  ended: Promise<void>;
  close(): void;
}

/** Opens `GET <url>` and collects newline-delimited watch events. */
export function openWatch(url: string): RawWatch {
  const events: WatchLine[] = [];
  let req: ClientRequest | undefined;
  let resolveStatus: (n: number) => void = () => undefined;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((resolve) => {
    req = get(url, (res: IncomingMessage) => {
      resolveStatus(res.statusCode ?? 0);
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) events.push(JSON.parse(line) as WatchLine);
        }
      });
      res.on('end', () => resolve());
      res.on('error', () => resolve());
      res.on('close', () => resolve());
    });
    req.on('error', () => resolve());
  });
  return { status, events, ended, close: () => req?.destroy() };
}

/** JSON request helper: returns status, headers and parsed body. */
export async function request(url: string, init: { method?: string; body?: unknown; contentType?: string; accept?: string } = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': init.contentType ?? 'application/json', ...(init.accept ? { Accept: init.accept } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
