import { API_PREFIX, ApiRoutes, buildUrl, RoutePaths } from './routes';

describe('routes', () => {
  it('builds every client URL from the one path of the route', () => {
    expect(ApiRoutes.node('prod eu', 'n/1')).toBe(`${API_PREFIX}/clusters/prod%20eu/nodes/n%2F1`);
    expect(ApiRoutes.clusters()).toBe(`${API_PREFIX}/${RoutePaths.clusters}`);
    for (const [name, path] of Object.entries(RoutePaths)) {
      const params = path.split('/').filter((s) => s.startsWith(':'));
      const build = ApiRoutes[name as keyof typeof ApiRoutes] as (...v: string[]) => string;
      expect(build(...params.map((p) => p.slice(1)))).toBe(`${API_PREFIX}/${path.replace(/:/g, '')}`);
    }
  });

  it('refuses a wrong number of path values', () => {
    expect(() => buildUrl(RoutePaths.node, ['only-cluster'])).toThrow(/takes 2 path parameter/);
  });
});
