import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { AppConfig, RandomSource } from '@knm/common';
import { ManualClock, settle } from '@knm/common/testing';
import { ListenClient, PgListenClientFactory } from './pg-listen-client';
import { LISTEN_PROBE_INTERVAL_MS, PgNotificationListener } from './pg-notification-listener';

/** A `pg` Client stand-in: the test decides whether connect and queries succeed, and ends it. */
class FakeClient extends EventEmitter implements ListenClient {
  readonly queries: string[] = [];
  ended = false;
  constructor(
    private readonly failConnect: boolean,
    private readonly failProbe: () => boolean,
  ) {
    super();
  }
  async connect(): Promise<void> {
    if (this.failConnect) throw new Error('connection refused');
  }
  async query(sql: string): Promise<unknown> {
    this.queries.push(sql);
    if (sql === 'SELECT 1' && this.failProbe()) throw new Error('timeout');
    return {};
  }
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.emit('end');
  }
  notify(channel: string, payload: string): void {
    this.emit('notification', { channel, payload });
  }
}

class FakeClients extends PgListenClientFactory {
  readonly created: FakeClient[] = [];
  refuse = false;
  probeFails = false;
  override create(): ListenClient {
    const client = new FakeClient(this.refuse, () => this.probeFails);
    this.created.push(client);
    return client;
  }
  get last(): FakeClient {
    return this.created[this.created.length - 1];
  }
}

const TOP = { next: () => 0.999999 } as RandomSource;

function setup() {
  const clock = new ManualClock();
  const clients = new FakeClients();
  const listener = new PgNotificationListener({ databaseUrl: 'postgres://db/knm' } as AppConfig, clock, TOP, clients);
  const got: string[] = [];
  let listening = 0;
  const subscription = listener.listen('knm_node_changes', { onNotification: (p) => got.push(p), onListening: () => listening++ });
  return { clock, clients, listener, got, listenings: () => listening, subscription };
}

/** Listening once, then the connection drops and the database refuses new ones. */
async function refusedAfterFirst() {
  const env = setup();
  env.clients.refuse = true;
  await settle();
  await env.clients.last.end();
  await settle();
  return env;
}

describe('PgNotificationListener', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('LISTENs on its own connection, reports it, and passes on the payloads of its channel only', async () => {
    const { clients, got, listenings, subscription } = setup();
    await settle();
    clients.last.notify('knm_node_changes', '{"cluster":"a","seq":3}');
    clients.last.notify('other', 'x');
    expect([clients.last.queries, listenings(), got]).toEqual([['LISTEN "knm_node_changes"'], 1, ['{"cluster":"a","seq":3}']]);
    await subscription.stop();
  });

  it('reconnects after the connection ends, and reports LISTEN again so the caller re-reads', async () => {
    const { clock, clients, listenings, subscription } = setup();
    await settle();
    await clients.last.end();
    await settle();
    expect(clock.pendingDelays()).toEqual([500]);
    await clock.advance(500);
    expect([clients.created.length, listenings()]).toEqual([2, 2]);
    await subscription.stop();
  });

  it('backs off with growing delays while the database refuses connections, up to 5 s', async () => {
    const { clock, subscription } = await refusedAfterFirst();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(clock.pendingDelays()[0]);
      await clock.advance(delays[i]);
      await settle();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    await subscription.stop();
  });

  it('starts the delays over after a connection that listened', async () => {
    const { clock, clients, subscription } = await refusedAfterFirst();
    await clock.advance(500); // refused
    await clock.advance(1000); // refused
    clients.refuse = false;
    await clock.advance(2000); // listens
    await clients.last.end();
    await settle();
    expect(clock.pendingDelays()).toEqual([500]);
    await subscription.stop();
  });

  it('reconnects when the liveness probe fails on a silent connection', async () => {
    const { clock, clients, subscription } = setup();
    await settle();
    clients.probeFails = true;
    await clock.advance(LISTEN_PROBE_INTERVAL_MS);
    expect(clients.created[0].ended).toBe(true);
    clients.probeFails = false;
    await clock.advance(500);
    expect(clients.created.length).toBe(2);
    await subscription.stop();
  });

  it('closes its connection on stop and never reconnects', async () => {
    const { clock, clients, subscription } = setup();
    await settle();
    await subscription.stop();
    await clock.advance(60_000);
    expect([clients.created.length, clients.last.ended, clock.pendingSleeps]).toEqual([1, true, 0]);
  });

  it('refuses a channel name that is not a plain identifier (it is written into SQL)', () => {
    const { listener, subscription } = setup();
    expect(() => listener.listen('x"; DROP TABLE leases; --', { onNotification: () => undefined, onListening: () => undefined })).toThrow(/lowercase SQL identifier/);
    return subscription.stop();
  });
});
