/**
 * `bootstrap.js`, the first script of Kibana's page (Kibana:
 * src/core/packages/rendering/server-internal/src/bootstrap/render_template.ts): defines
 * `window.__kbnPublicPath__` (bundle id → the URL its lazy chunks load from) and
 * `window.__kbnBundles__` (the loader every bundle defines its entry in; our copy of Kibana's
 * define/get/has, test/kibana_build/kbn_bundles_loader.ts), then adds each script with
 * `document.createElement('script')`, `async = false` (so they run in order), before
 * `<meta name="add-scripts-here">`, and when all have loaded calls core's `__kbnBootstrap__`.
 * The server appends the call with this page's paths (Kibana renders them into the same file).
 */
import { createKbnBundles } from '../../kibana_build/kbn_bundles_loader';
import { ADD_SCRIPTS_HERE } from './page_contract';
import { pageGlobals } from './page_globals';

export interface BootstrapConfig {
  /** Bundle id → public path (Kibana: bootstrap_renderer.ts publicPathMap). */
  readonly publicPathMap: Readonly<Record<string, string>>;
  /** Shared deps, core, then each plugin's bundle (Kibana: get_js_dependency_paths.ts). */
  readonly jsDependencyPaths: readonly string[];
}

const CORE_ENTRY_KEY = 'entry/core/public';
export const LOAD_FAILURE_ID = 'kbn-bootstrap-failure';

interface CoreEntry {
  __kbnBootstrap__(): void;
}

const showFailure = (url: string): void => {
  const message = document.createElement('div');
  message.id = LOAD_FAILURE_ID;
  message.textContent = `Kibana could not load ${url}`;
  document.body.appendChild(message);
};

export const bootstrap = (config: BootstrapConfig): void => {
  const globals = pageGlobals();
  globals.__kbnPublicPath__ = { ...config.publicPathMap };
  const bundles = createKbnBundles();
  globals.__kbnBundles__ = bundles;

  const anchor = document.querySelector(`head meta[name="${ADD_SCRIPTS_HERE}"]`);
  let pending = config.jsDependencyPaths.length;
  const onAllLoaded = () => (bundles.get(CORE_ENTRY_KEY) as CoreEntry).__kbnBootstrap__();
  for (const url of config.jsDependencyPaths) {
    const script = document.createElement('script');
    script.async = false;
    script.src = url;
    script.addEventListener('load', () => {
      pending -= 1;
      if (pending === 0) onAllLoaded();
    });
    script.addEventListener('error', () => showFailure(url));
    if (anchor?.parentNode) anchor.parentNode.insertBefore(script, anchor);
    else document.head.appendChild(script);
  }
};
