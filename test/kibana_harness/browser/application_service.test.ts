import { createMemoryHistory } from 'history';
import { BehaviorSubject } from 'rxjs';
import type { CoreTheme } from '@kbn/core/public';
import { ApplicationRegistry } from './application_service';
import { createBasePath } from './base_path';

const unmount = () => undefined;
const app = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: id,
  mount: () => unmount,
  ...extra,
});

describe('ApplicationRegistry (Kibana application_service.tsx register/validateApp)', () => {
  it('routes an app at /app/<id> by default, its appBasePath with the server base path', () => {
    const registry = new ApplicationRegistry(createBasePath('/kbn'));
    registry.register(app('containerThreatDetection'));
    expect(registry.apps).toEqual([
      expect.objectContaining({
        appId: 'containerThreatDetection',
        appRoute: '/app/containerThreatDetection',
        appBasePath: '/kbn/app/containerThreatDetection',
        exactRoute: false,
      }),
    ]);
  });

  it('refuses what Kibana refuses, with its messages', () => {
    const registry = new ApplicationRegistry(createBasePath('/kbn'));
    registry.register(app('one'));
    expect(() => registry.register(app('bad id'))).toThrow(
      "Invalid application id: it can only be composed of alphanum chars, '-' and '_'"
    );
    expect(() => registry.register(app('one'))).toThrow(
      'An application is already registered with the id "one"'
    );
    expect(() => registry.register(app('two', { appRoute: '/app/one' }))).toThrow(
      'An application is already registered with the appRoute "/app/one"'
    );
    expect(() => registry.register(app('three', { appRoute: '/kbn/app/three' }))).toThrow(
      'Cannot register an application route that includes HTTP base path'
    );
    registry.closeRegistration();
    expect(() => registry.register(app('late'))).toThrow(
      'Applications cannot be registered after "setup" (attempted to register "late")'
    );
  });

  it('resolves the app of a path: its route or below it (not below an exact route), the longest route first', () => {
    const registry = new ApplicationRegistry(createBasePath(''));
    registry.register(app('management'));
    registry.register(app('rules', { appRoute: '/app/management/rules' }));
    registry.register(app('exact', { exactRoute: true }));
    expect(registry.resolve('/app/management/rules/create')?.appId).toBe('rules');
    expect(registry.resolve('/app/management/other')?.appId).toBe('management');
    expect(registry.resolve('/app/managementx')).toBeUndefined();
    expect(registry.resolve('/app/exact')?.appId).toBe('exact');
    expect(registry.resolve('/app/exact/below')).toBeUndefined();
  });

  it('mounts with a history scoped to the app route and callbacks bound to the app', () => {
    const registry = new ApplicationRegistry(createBasePath('/kbn'));
    registry.register(app('ctd'));
    const [mounter] = registry.apps;
    if (mounter === undefined) throw new Error('not registered');
    const leaveHandlers: string[] = [];
    const menus: string[] = [];
    const theme$ = new BehaviorSubject<CoreTheme>({
      darkMode: false,
      name: 'borealis',
    }).asObservable();
    const params = registry.mountParameters(mounter, {
      element: {} as HTMLElement,
      history: createMemoryHistory({ initialEntries: ['/app/ctd/alerts'] }),
      theme$,
      onAppLeave: (appId) => leaveHandlers.push(appId),
      setHeaderActionMenu: (appId, mount) =>
        menus.push(`${appId}:${mount === undefined ? 'none' : 'menu'}`),
    });
    expect(params.appBasePath).toBe('/kbn/app/ctd');
    expect(params.history.location.pathname).toBe('/alerts');
    expect(params.theme$).toBe(theme$);
    params.onAppLeave(() => undefined);
    params.setHeaderActionMenu(undefined);
    expect(leaveHandlers).toEqual(['ctd']);
    expect(menus).toEqual(['ctd:none']);
  });
});
