/** The standalone UI: the same app as in Kibana, over the standalone server's API at /app. */
// Kibana loads the chart theme itself; standalone, the bundle carries it (esbuild emits app.css).
import '@elastic/charts/dist/theme_only_light.css';
import { fetchTransport } from '../application/api_client';
import { renderApp } from '../application/render_app';
import { browserDocumentTitle } from '../application/document_title';
import { xhrEventUploader } from '../application/xhr_event_uploader';
import { createBrowserHistory } from './browser_history';

export const APP_BASE_PATH = '/app';

const element = document.getElementById('root');
if (element === null) throw new Error('index.html has no #root element');
renderApp({
  element,
  history: createBrowserHistory({ basePath: APP_BASE_PATH }),
  transport: fetchTransport((input, init) => window.fetch(input, init)),
  ruleEditing: true,
  documentTitle: browserDocumentTitle(document),
  eventUploader: xhrEventUploader(),
});
