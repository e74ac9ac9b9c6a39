/** The page globals Kibana's bootstrap defines for bundles (render_template.ts), typed for the harness's own code. */
import type { KbnBundles } from '../../kibana_build/kbn_bundles_loader';

export interface KibanaPageGlobals {
  __kbnBundles__?: KbnBundles;
  __kbnPublicPath__?: Record<string, string>;
}

export const pageGlobals = (): KibanaPageGlobals => window as unknown as KibanaPageGlobals;

export const kbnBundles = (): KbnBundles => {
  const bundles = pageGlobals().__kbnBundles__;
  if (bundles === undefined)
    throw new Error('__kbnBundles__ is not defined: bootstrap.js must run first');
  return bundles;
};
