/**
 * Kibana build only: imported first by any part of the bundle that contains zod
 * (scripts/build_kibana_bundle.js). Zod 4 probes `new Function('')` before compiling a fast
 * object parser unless `jitless` is set. Kibana's CSP has no 'unsafe-eval'
 * (src/core/packages/http/server-internal/src/csp/config.ts: `disableUnsafeEval` defaults to
 * true), so the probe fails anyway, but the browser still reports it as a CSP violation. Zod keeps
 * this setting on `globalThis`, shared by every zod 4 copy on the page; an explicit choice made
 * before us is kept.
 */
import { config } from 'zod';

if (config().jitless === undefined) config({ jitless: true });
