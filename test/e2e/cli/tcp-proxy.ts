import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between the CLI and the API that a test can cut: `cutAll()` destroys every open
 * connection (REST keep-alive and the WebSocket alike), as a network drop would; new connections
 * are accepted again at once. With `refuseSocketIo` set, connections whose first request is for
 * `/socket.io/` are closed, so the realtime socket cannot come back while REST still works.
 */
export class TcpProxy {
  /** Connections accepted so far, and of those the Socket.IO (WebSocket upgrade) ones. */
  connections = 0;
  socketIoConnections = 0;
  cuts = 0;
  refuseSocketIo = false;
  private readonly open = new Set<Socket>();
  private server: Server | undefined;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    const target = new URL(this.target);
    this.server = createServer((client) => {
      this.connections++;
      this.track(client);
      client.once('data', (first: Buffer) => {
        const isSocketIo = first.toString('latin1', 0, 200).includes('/socket.io/');
        if (isSocketIo) this.socketIoConnections++;
        if (isSocketIo && this.refuseSocketIo) return void client.destroy();
        const upstream = connect(Number(target.port), target.hostname, () => upstream.write(first));
        this.track(upstream);
        client.pipe(upstream).pipe(client);
        const close = () => (client.destroy(), upstream.destroy());
        upstream.on('error', close).on('close', close);
        client.on('close', close);
      });
      client.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  /** Destroys every open connection now; returns how many. */
  cutAll(): number {
    this.cuts++;
    const n = this.open.size;
    for (const s of this.open) s.destroy();
    return n;
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private track(s: Socket): void {
    this.open.add(s);
    s.on('close', () => this.open.delete(s));
  }
}
