/**
 * `core.entry.js`: core's bundle. Like every bundle Kibana's optimizer writes, running it only
 * defines its entry in `__kbnBundles__` (key `entry/core/public`); the bootstrap script then calls
 * `__kbnBundles__.get('entry/core/public').__kbnBootstrap__()` (Kibana:
 * packages/kbn-optimizer/src/worker/entry_point_creator.ts; render_template.ts).
 */
import { startKibanaCore } from './kibana_core';
import { kbnBundles } from './page_globals';

export const CORE_ENTRY_KEY = 'entry/core/public';
const CORE_MODULE_KEY = 'core/public';

const coreModule = { __kbnBootstrap__: () => startKibanaCore(document, kbnBundles()) };

kbnBundles().define(
  CORE_ENTRY_KEY,
  (moduleKey) => {
    if (moduleKey !== CORE_MODULE_KEY)
      throw new Error(`Cannot find module "${String(moduleKey)}" in core.entry.js`);
    return coreModule;
  },
  CORE_MODULE_KEY
);
