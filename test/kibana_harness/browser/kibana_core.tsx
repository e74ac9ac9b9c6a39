/**
 * Core's browser side as the harness plays it, run by `__kbnBootstrap__`: reads the injected
 * metadata, creates the services (http, application, theme), reads every UI plugin from
 * `__kbnBundles__`, runs `setup` then `start`, and renders the root (Kibana:
 * src/core/packages/root/browser-internal/src/kbn_bootstrap.ts and core_system.ts, the same order).
 */
import { render } from 'react-dom';
import { createBrowserHistory } from 'history';
import { BehaviorSubject } from 'rxjs';
import type { CoreSetup, CoreStart, CoreTheme, MountPoint } from '@kbn/core/public';
import type { KbnBundles } from '../../kibana_build/kbn_bundles_loader';
import { ApplicationRegistry, type AppLeaveHandler } from './application_service';
import { createBasePath } from './base_path';
import { docTitle } from './doc_title';
import { CoreRoot, type AppContainerDeps } from './core_root';
import { createHttp } from './http_fetch';
import { readInjectedMetadata } from './injected_metadata';
import { CORE_ROOT_ID } from './page_contract';
import { savedParams } from './rule_form_state';
import { loadPlugins, setupPlugins, startPlugins, type ProvidedPlugins } from './plugins_service';
import {
  createTriggersActionsUi,
  registerRulesManagementApp,
  TRIGGERS_ACTIONS_UI_ID,
} from './triggers_actions_ui';

/** What the harness exposes on `window` for the test to inspect (never read by the plugin). */
export interface HarnessInspection {
  readonly registeredApps: readonly string[];
  readonly registeredRuleTypes: readonly string[];
  readonly appLeaveHandlers: readonly string[];
  /** The rule form's params as it holds them (keys set to undefined dropped, as JSON does). */
  readonly ruleFormParams: Record<string, unknown> | undefined;
}

/** The header action menu: one app's MountPoint at a time (Kibana: application_service setAppActionMenu). */
const headerActionMenu = () => {
  let element: HTMLDivElement | null = null;
  let unmount: (() => void) | undefined;
  return {
    ref: (next: HTMLDivElement | null) => {
      element = next;
    },
    set: (_appId: string, mount: MountPoint | undefined) => {
      unmount?.();
      unmount = mount && element ? mount(element) : undefined;
    },
  };
};

export const startKibanaCore = (document: Document, bundles: KbnBundles): void => {
  const metadata = readInjectedMetadata(document);
  const basePath = createBasePath(metadata.basePath);
  const http = createHttp({
    basePath,
    kibanaVersion: metadata.version,
    buildNumber: metadata.buildNumber,
    fetch: (request) => window.fetch(request),
  });
  // application_service.tsx: one browser history for the page, with the base path as basename.
  const history = createBrowserHistory({ basename: metadata.basePath });
  // Kibana: core's theme service exposes `theme$` as an Observable of CoreTheme.
  const theme$ = new BehaviorSubject<CoreTheme>(metadata.theme).asObservable();
  const applications = new ApplicationRegistry(basePath);
  const appLeaveHandlers = new Map<string, AppLeaveHandler>();
  const menu = headerActionMenu();

  const triggersActionsUi = createTriggersActionsUi();
  const provided: ProvidedPlugins = {
    [TRIGGERS_ACTIONS_UI_ID]: {
      setup: triggersActionsUi.contract,
      start: triggersActionsUi.contract,
    },
  };
  registerRulesManagementApp(applications, triggersActionsUi, http);

  const plugins = loadPlugins(bundles, metadata.uiPlugins, {
    version: metadata.version,
    buildNumber: metadata.buildNumber,
    buildSha: metadata.buildSha,
  });
  let resolveStartServices: (services: [CoreStart, object, unknown]) => void = () => undefined;
  const startServices = new Promise<[CoreStart, object, unknown]>((resolve) => {
    resolveStartServices = resolve;
  });
  const coreSetupFor = (pluginId: string): CoreSetup => ({
    application: { register: (app) => applications.register(app) },
    http,
    getStartServices: () =>
      startServices.then(([coreStart, pluginsStart, contracts]) => [
        coreStart,
        pluginsStart,
        (contracts as Map<string, unknown>).get(pluginId),
      ]),
  });
  setupPlugins(plugins, coreSetupFor, provided);
  applications.closeRegistration();

  const coreStart: CoreStart = { http, chrome: { docTitle: docTitle(document) } };
  const contracts = startPlugins(plugins, coreStart, provided);
  resolveStartServices([
    coreStart,
    { [TRIGGERS_ACTIONS_UI_ID]: triggersActionsUi.contract },
    contracts,
  ]);

  const inspection: HarnessInspection = {
    get registeredApps() {
      return applications.apps.map((app) => app.appId);
    },
    get registeredRuleTypes() {
      return triggersActionsUi.ruleTypeRegistry.list().map((model) => model.id);
    },
    get appLeaveHandlers() {
      return [...appLeaveHandlers.keys()];
    },
    get ruleFormParams() {
      const state = triggersActionsUi.ruleForm.current;
      return state === undefined ? undefined : savedParams(state.params);
    },
  };
  (window as unknown as { __kbnHarness__: HarnessInspection }).__kbnHarness__ = inspection;

  const deps: AppContainerDeps = {
    registry: applications,
    history,
    theme$,
    onAppLeave: (appId, handler) => appLeaveHandlers.set(appId, handler),
    setHeaderActionMenu: menu.set,
  };
  const root = document.getElementById(CORE_ROOT_ID);
  if (root === null) throw new Error(`the page has no #${CORE_ROOT_ID} element`);
  render(
    <CoreRoot
      euiTheme={metadata.euiTheme}
      darkMode={metadata.theme.darkMode}
      deps={deps}
      headerMenuRef={menu.ref}
    />,
    root
  );
};
