import { createMemoryHistory } from 'history';
import { HarnessScopedHistory } from './scoped_history';

const APP_ROUTE = '/app/ctd';

const scopedAt = (path: string) => {
  const parent = createMemoryHistory({ initialEntries: [path] });
  return { parent, scoped: new HarnessScopedHistory(parent, APP_ROUTE) };
};

describe('HarnessScopedHistory (Kibana CoreScopedHistory rules)', () => {
  it("refuses a browser location outside its base path, with Kibana's message", () => {
    const parent = createMemoryHistory({ initialEntries: ['/app/other'] });
    expect(() => new HarnessScopedHistory(parent, APP_ROUTE)).toThrow(
      'Browser location [/app/other] is not currently in expected basePath [/app/ctd]'
    );
  });

  it('shows locations without the base path and prepends it to pushes and hrefs', () => {
    const { parent, scoped } = scopedAt('/app/ctd/rules/x?tab=1');
    expect(scoped.location).toMatchObject({ pathname: '/rules/x', search: '?tab=1' });
    scoped.push('/alerts?status=open');
    expect(parent.location).toMatchObject({ pathname: '/app/ctd/alerts', search: '?status=open' });
    scoped.push('');
    expect(parent.location.pathname).toBe(APP_ROUTE);
    scoped.replace({ pathname: '//alerts//a1' });
    expect(parent.location.pathname).toBe('/app/ctd/alerts/a1');
    expect(scoped.createHref({ pathname: '/alerts', search: '?x=1' })).toBe('/app/ctd/alerts?x=1');
    expect(scoped.createHref({ search: '?x=1' })).toBe('/app/ctd?x=1');
    expect(scoped.createHref({ pathname: '/elsewhere' }, { prependBasePath: false })).toBe(
      '/elsewhere'
    );
  });

  it('tells listeners of changes inside the scope with the base path stripped, until they stop listening', () => {
    const { scoped } = scopedAt('/app/ctd');
    const heard: string[] = [];
    const stop = scoped.listen((location, action) => heard.push(`${action} ${location.pathname}`));
    scoped.push('/alerts');
    scoped.replace('/rules');
    stop();
    scoped.push('/alerts/a1');
    expect(heard).toEqual(['PUSH /alerts', 'REPLACE /rules']);
  });

  it('goes back only within its own entries', () => {
    const { parent, scoped } = scopedAt('/app/ctd');
    scoped.goBack();
    expect(parent.location.pathname).toBe(APP_ROUTE);
    scoped.push('/alerts');
    expect(scoped.length).toBe(2);
    scoped.goBack();
    expect(parent.location.pathname).toBe(APP_ROUTE);
  });

  it("falls out of scope when the browser leaves the base path: every method then throws Kibana's message", () => {
    const { parent, scoped } = scopedAt('/app/ctd');
    parent.push('/app/management');
    expect(() => scoped.push('/alerts')).toThrow(
      'ScopedHistory instance has fell out of navigation scope for basePath: /app/ctd'
    );
    expect(() => scoped.createHref({ pathname: '/x' })).toThrow('fell out of navigation scope');
  });
});
