import { TestBed } from '@angular/core/testing';
import { ApiRoutes, type NodeFacets, type NodeListResponse, type NodeSummary } from '@knm/contracts';
import { ApiClient } from '../../core/api/api-client.service';
import { ApiReachability } from '../../core/api/api-reachability';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { FakeApi, FakeRealtime, flushPromises } from '../../testing/fakes';
import { NodeListStore, type NodeListFilter } from './node-list.store';

const node = (name: string, over: Partial<NodeSummary> = {}): NodeSummary =>
  ({ name, labels: {}, taints: [], roles: ['worker'], readiness: 'Ready', unschedulable: false, nodeInfo: { kubeletVersion: 'v1' }, ...over }) as unknown as NodeSummary;

const facets = (cordoned: number): NodeFacets => ({
  readiness: { Ready: 3, NotReady: 0, Unknown: 0 }, cordoned, roles: { worker: 3 }, zones: {}, kubeletVersions: { v1: 3 },
});

const filter = (cluster: string): NodeListFilter => ({
  cluster, selector: '', q: '', readiness: null, cordoned: null, role: '', taint: '', sort: null, order: null, page: 1, limit: 50,
});

const answer = (items: NodeSummary[], seq: number, cordoned = 0): NodeListResponse => ({
  items, total: items.length, page: 1, limit: 50, seq, facets: facets(cordoned),
});

describe('NodeListStore', () => {
  let api: FakeApi;
  let realtime: FakeRealtime;
  let store: NodeListStore;

  beforeEach(() => {
    api = new FakeApi();
    realtime = new FakeRealtime();
    TestBed.configureTestingModule({
      providers: [NodeListStore, { provide: ApiClient, useValue: api }, { provide: RealtimeService, useValue: realtime }],
    });
    store = TestBed.inject(NodeListStore);
  });

  afterEach(() => TestBed.resetTestingModule());

  async function open(cluster = 'c1'): Promise<void> {
    void store.show(filter(cluster));
    realtime.ack(cluster);
    await flushPromises();
  }

  it('reads a cluster\'s node list once per load: after the subscription ack, not before it too', async () => {
    api.on(ApiRoutes.nodes('c1'), answer([node('a')], 5));
    void store.show(filter('c1'));
    await flushPromises();
    const beforeAck = api.count('GET', ApiRoutes.nodes('c1'));
    realtime.ack('c1');
    await flushPromises();
    expect({ beforeAck, afterAck: api.count('GET', ApiRoutes.nodes('c1')), live: store.live() }).toEqual({ beforeAck: 0, afterAck: 1, live: true });
  });

  it('reads the list at once when the socket is down (there is no ack to wait for)', async () => {
    realtime.state.set('disconnected');
    api.on(ApiRoutes.nodes('c1'), answer([node('a')], 5));
    void store.show(filter('c1'));
    await flushPromises();
    expect({ gets: api.count('GET', ApiRoutes.nodes('c1')), state: store.liveState() }).toEqual({ gets: 1, state: 'offline' });
  });

  it('moves the Cordoned facet count when a node on the page is cordoned (kubectl cordon)', async () => {
    api.on(ApiRoutes.nodes('c1'), answer([node('a'), node('b'), node('c')], 5, 0));
    await open();
    realtime.nodeChanged({ cluster: 'c1', seq: 6, type: 'modified', name: 'b', node: node('b', { unschedulable: true }) });
    expect({ cordoned: store.facets()?.cordoned, row: store.items()[1].unschedulable, gets: api.count('GET', ApiRoutes.nodes('c1')) }).toEqual({
      cordoned: 1, row: true, gets: 1,
    });
  });

  it('re-reads the facets when a node on another page changes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      api.on(ApiRoutes.nodes('c1'), answer([node('a')], 5, 0));
      void store.show(filter('c1'));
      realtime.ack('c1');
      await jest.advanceTimersByTimeAsync(0);
      api.on(ApiRoutes.nodes('c1'), answer([node('a')], 6, 1));
      realtime.nodeChanged({ cluster: 'c1', seq: 6, type: 'modified', name: 'z', node: node('z', { unschedulable: true }) });
      await jest.advanceTimersByTimeAsync(1_000);
      expect({ cordoned: store.facets()?.cordoned, gets: api.count('GET', ApiRoutes.nodes('c1')) }).toEqual({ cordoned: 1, gets: 2 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('is not live for a cluster that does not exist, although the server acked the subscription', async () => {
    api.fail(ApiRoutes.nodes('ghost'), 404, 'CLUSTER_NOT_FOUND');
    await open('ghost');
    expect({ state: store.liveState(), live: store.live(), error: store.error()?.code, gets: api.count('GET', ApiRoutes.nodes('ghost')) }).toEqual({
      state: 'unavailable', live: false, error: 'CLUSTER_NOT_FOUND', gets: 1,
    });
  });

  it('says offline as soon as the socket drops, and live again after the re-subscribe', async () => {
    api.on(ApiRoutes.nodes('c1'), answer([node('a')], 5));
    await open();
    const before = store.liveState();
    realtime.drop();
    const dropped = store.liveState();
    realtime.state.set('connected');
    const reconnected = store.liveState();
    realtime.ack('c1');
    await flushPromises();
    expect([before, dropped, reconnected, store.liveState()]).toEqual(['live', 'offline', 'connecting', 'live']);
  });

  it('says offline when an API request got no answer, whatever the socket says', async () => {
    api.on(ApiRoutes.nodes('c1'), answer([node('a')], 5));
    await open();
    TestBed.inject(ApiReachability).reachable.set(false);
    expect(store.liveState()).toBe('offline');
  });
});
