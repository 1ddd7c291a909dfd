import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What a route handler answers. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

export type FakeRoute = (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * A real HTTP server on 127.0.0.1 answering from `routes` (`"METHOD /path"` without query),
 * 404 `{code: NOT_FOUND}` otherwise; records every request. The I/O boundary fake of the CLI's unit tests.
 */
export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  url = '';

  constructor(readonly routes: Record<string, FakeRoute>) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests to `path` (query excluded). */
  to(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.split('?')[0] === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    const recorded: RecordedRequest = { method: req.method!, path: req.url!, headers: req.headers, body };
    this.requests.push(recorded);
    const route = this.routes[`${req.method} ${req.url!.split('?')[0]}`];
    const answer = route ? await route(recorded) : { status: 404, body: { code: 'NOT_FOUND', message: `Cannot ${req.method} ${req.url}` } };
    for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
    if (answer.body !== undefined && typeof answer.body !== 'string') res.setHeader('content-type', 'application/json');
    res.statusCode = answer.status;
    res.end(answer.body === undefined ? undefined : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  }
}
