/**
 * What the server renders into the page for core (Kibana: the `<kbn-injected-metadata data="…">`
 * element core's bootstrap reads, src/core/packages/rendering/server-internal/src/views/template.tsx
 * and src/core/packages/injected-metadata/browser-internal). The harness's subset.
 */
import type { EuiThemeName } from '../kibana_lines';

export const INJECTED_METADATA_TAG = 'kbn-injected-metadata';

export interface UiPluginInfo {
  readonly id: string;
  readonly requiredPlugins: readonly string[];
  readonly optionalPlugins: readonly string[];
}

export interface InjectedMetadata {
  readonly version: string;
  readonly buildNumber: number;
  readonly buildSha: string;
  /** The server base path (`server.basePath`), e.g. `/kbn`. */
  readonly basePath: string;
  readonly kibanaLine: string;
  readonly euiTheme: EuiThemeName;
  readonly theme: { readonly darkMode: boolean; readonly name: string };
  /** Third-party UI plugins, in the order core sets them up. */
  readonly uiPlugins: readonly UiPluginInfo[];
}

export const readInjectedMetadata = (document: Document): InjectedMetadata => {
  const data = document.querySelector(INJECTED_METADATA_TAG)?.getAttribute('data');
  if (data === null || data === undefined)
    throw new Error(`the page has no <${INJECTED_METADATA_TAG} data="…"> element`);
  return JSON.parse(data) as InjectedMetadata;
};
