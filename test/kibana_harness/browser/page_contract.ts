/**
 * Element ids and meta names the server-rendered page and core's browser side agree on (no
 * browser-only imports, so the Node server can use them too).
 */

/** Where core renders its root. */
export const CORE_ROOT_ID = 'kibana-body';
/** Meta names of Kibana's emotion insertion points (@kbn/core-base-common EUI_STYLES_GLOBAL / EUI_STYLES_UTILS; values recalled). */
export const EMOTION_META = 'emotion';
export const EUI_STYLES_GLOBAL = 'eui-global';
export const EUI_STYLES_UTILS = 'eui-utilities';
/** Where bootstrap inserts the bundles' script tags (render_template.ts). */
export const ADD_SCRIPTS_HERE = 'add-scripts-here';
/** The global the server-appended call of bootstrap.js goes through. */
export const BOOTSTRAP_GLOBAL = '__kbnHarnessBootstrap__';
