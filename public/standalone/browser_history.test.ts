/** @jest-environment jsdom */
import { createBrowserHistory, stripBasePath } from './browser_history';

describe('createBrowserHistory', () => {
  beforeEach(() => window.history.replaceState(null, '', '/app/rules/r1?x=1'));

  it('reads app-relative locations under the base path', () => {
    const history = createBrowserHistory({ basePath: '/app' });
    expect(history.location).toEqual({ pathname: '/rules/r1', search: '?x=1' });
    expect(history.location).toBe(history.location); // stable between changes
    expect(stripBasePath('/app', '/app')).toBe('/');
    expect(stripBasePath('/app', '/application')).toBe('/application');
  });

  it('pushes under the base path, notifies listeners, and follows back navigation', async () => {
    const history = createBrowserHistory({ basePath: '/app' });
    let changes = 0;
    const stop = history.listen(() => changes++);
    history.push('/alerts?rule_id=r1');
    expect(window.location.pathname).toBe('/app/alerts');
    expect(history.location).toEqual({ pathname: '/alerts', search: '?rule_id=r1' });
    history.push('/');
    expect(window.location.pathname).toBe('/app');
    expect(changes).toBe(2);

    const popped = new Promise<void>((resolve) =>
      window.addEventListener('popstate', () => resolve(), { once: true })
    );
    window.history.back();
    await popped;
    expect(history.location.pathname).toBe('/alerts');
    expect(changes).toBe(3);
    stop();
    history.push('/');
    expect(changes).toBe(3);
  });

  it('builds hrefs with the base path', () => {
    const history = createBrowserHistory({ basePath: '/app/' });
    expect(history.createHref({ pathname: '/' })).toBe('/app');
    expect(history.createHref({ pathname: '/alerts', search: '?status=open' })).toBe(
      '/app/alerts?status=open'
    );
  });
});
