import { harnessUrls } from './harness_urls';

describe('the Kibana page URLs', () => {
  const urls = harnessUrls('/kbn', 'b05a85503d45');
  const plugin = { id: 'containerThreatDetection', version: '0.1.0' };

  it("serves bundles under <basePath>/<buildShaShort>/bundles, a plugin's under plugin/<id>/<version>/", () => {
    expect(urls.bundlesHref).toBe('/kbn/b05a85503d45/bundles');
    expect(urls.pluginPublicPath(plugin)).toBe(
      '/kbn/b05a85503d45/bundles/plugin/containerThreatDetection/0.1.0/'
    );
    expect(urls.pluginBundle(plugin)).toBe(
      '/kbn/b05a85503d45/bundles/plugin/containerThreatDetection/0.1.0/containerThreatDetection.plugin.js'
    );
    expect(urls.chartsStylesheet).toBe('/kbn/b05a85503d45/ui/charts/theme_only_light.css');
    expect(urls.app('/containerThreatDetection')).toBe('/kbn/app/containerThreatDetection');
  });

  it('loads shared deps, then core, then each plugin, with a public path per bundle', () => {
    expect(urls.jsDependencyPaths([plugin])).toEqual([
      '/kbn/b05a85503d45/bundles/kbn-ui-shared-deps-src/kbn-ui-shared-deps-src.js',
      '/kbn/b05a85503d45/bundles/core/core.entry.js',
      '/kbn/b05a85503d45/bundles/plugin/containerThreatDetection/0.1.0/containerThreatDetection.plugin.js',
    ]);
    expect(urls.publicPathMap([plugin])).toEqual({
      core: '/kbn/b05a85503d45/bundles/core/',
      'kbn-ui-shared-deps-src': '/kbn/b05a85503d45/bundles/kbn-ui-shared-deps-src/',
      'kbn-ui-shared-deps-npm': '/kbn/b05a85503d45/bundles/kbn-ui-shared-deps-npm/',
      containerThreatDetection: '/kbn/b05a85503d45/bundles/plugin/containerThreatDetection/0.1.0/',
    });
  });
});
