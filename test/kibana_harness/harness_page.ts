/**
 * The HTML Kibana's rendering service answers for `<basePath>/app/*`, reduced to what the browser
 * side reads: the injected metadata element, the style insertion points EUI's emotion caches use,
 * the charts theme stylesheet, `<meta name="add-scripts-here">` (where bootstrap inserts the
 * bundles) and the bootstrap script. Kibana: src/core/packages/rendering/server-internal/src/views/
 * template.tsx (page), render_utils.ts getThemeStylesheetPaths (`<baseHref>/ui/charts/theme_only_light.css`,
 * "Elastic Charts' CSS"); older Kibana bundled the same file into the shared-deps CSS
 * (`kbn-ui-shared-deps.v8.light` = EUI theme CSS + @elastic/charts/dist/theme_only_light.css).
 */
import { INJECTED_METADATA_TAG, type InjectedMetadata } from './browser/injected_metadata';
import {
  ADD_SCRIPTS_HERE,
  CORE_ROOT_ID,
  EMOTION_META,
  EUI_STYLES_GLOBAL,
  EUI_STYLES_UTILS,
} from './browser/page_contract';

export interface PageUrls {
  readonly bootstrapScript: string;
  readonly stylesheets: readonly string[];
  readonly favicon: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const renderPage = (metadata: InjectedMetadata, urls: PageUrls): string => `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />
    <meta name="viewport" content="width=device-width" />
    <title>Elastic</title>
    <link rel="icon" type="image/svg+xml" href="${escapeHtml(urls.favicon)}" />
    <meta name="${EUI_STYLES_GLOBAL}" />
    <meta name="${EMOTION_META}" />
    <meta name="${EUI_STYLES_UTILS}" />
${urls.stylesheets.map((href) => `    <link rel="stylesheet" type="text/css" href="${escapeHtml(href)}" />`).join('\n')}
    <meta name="${ADD_SCRIPTS_HERE}" />
  </head>
  <body>
    <${INJECTED_METADATA_TAG} data="${escapeHtml(JSON.stringify(metadata))}"></${INJECTED_METADATA_TAG}>
    <div id="${CORE_ROOT_ID}"></div>
    <script src="${escapeHtml(urls.bootstrapScript)}"></script>
  </body>
</html>
`;
