/**
 * The host discovers and configures the plugin as Kibana's core does before setup: kibana.json
 * through the manifest parser, kibana.yml settings through the plugin's exported config schema.
 */
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../../server/stores/elasticsearch/es_client';
import { KibanaTestHost } from './kibana_test_host';
import { PluginDisabledError } from './plugin_disabled_error';

/** Starting the plugin never calls Elasticsearch; a client pointed at nothing proves it. */
const UNREACHABLE_ES = 'http://127.0.0.1:1';

describe('starting the plugin in the Kibana test host', () => {
  let client: Client;

  beforeAll(() => {
    client = createEsClient({ url: UNREACHABLE_ES });
  });

  afterAll(async () => {
    await client.close();
  });

  it('starts with no settings and registers its feature through the strict registry', async () => {
    const host = await KibanaTestHost.start(client, 'default');
    expect(host.features.getAllKibanaFeatures().map((feature) => feature.id)).toEqual([
      'containerThreatDetection',
    ]);
  });

  it('refuses a setting its config schema does not declare, with Kibana messages', async () => {
    await expect(
      KibanaTestHost.start(client, 'default', { 'container_threat_detection.max_alerts': 5 })
    ).rejects.toThrow(
      '[config validation of [container_threat_detection].max_alerts]: definition for this key is missing'
    );
    await expect(
      KibanaTestHost.start(client, 'default', { 'some_other_plugin.enabled': true })
    ).rejects.toThrow('Unknown configuration key(s): "some_other_plugin.enabled".');
  });

  it('is not loaded when kibana.yml disables it', async () => {
    await expect(
      KibanaTestHost.start(client, 'default', { 'container_threat_detection.enabled': false })
    ).rejects.toThrow(PluginDisabledError);
    await expect(
      KibanaTestHost.start(client, 'default', { container_threat_detection: { enabled: true } })
    ).resolves.toBeInstanceOf(KibanaTestHost);
  });
});
