import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import { DISPATCHER_MAX_AGE_MS, reuseDispatcher } from './reused-dispatcher';

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

function request(dispatcher: object | undefined): RequestContext {
  const ctx = new RequestContext('https://k8s.example:6443/api/v1/nodes', HttpMethod.GET);
  if (dispatcher) ctx.setDispatcher(dispatcher as Dispatcher);
  return ctx;
}

describe('reuseDispatcher', () => {
  it('puts the first request’s dispatcher on the following requests', async () => {
    const mw = reuseDispatcher(() => 0);
    const first = { id: 1 };
    await mw.pre(request(first)).toPromise();
    const second = await mw.pre(request({ id: 2 })).toPromise();
    expect(second.getDispatcher()).toBe(first);
  });

  it('replaces the shared dispatcher once it is older than the maximum age', async () => {
    let now = 0;
    const mw = reuseDispatcher(() => now);
    await mw.pre(request({ id: 1 })).toPromise();
    now = DISPATCHER_MAX_AGE_MS + 1;
    const fresh = { id: 2 };
    expect((await mw.pre(request(fresh)).toPromise()).getDispatcher()).toBe(fresh);
    expect((await mw.pre(request({ id: 3 })).toPromise()).getDispatcher()).toBe(fresh);
  });

  it('leaves a request without a dispatcher (plain fetch defaults) alone', async () => {
    const mw = reuseDispatcher(() => 0);
    expect((await mw.pre(request(undefined)).toPromise()).getDispatcher()).toBeUndefined();
  });
});
