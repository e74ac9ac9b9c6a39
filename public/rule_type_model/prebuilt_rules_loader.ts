/** Lists the prebuilt rules through the plugin's API (GET /api/container_threat_detection/rules) with core's http. */
import type { HttpSetup } from '@kbn/core/public';
import { ApiClient } from '../application/api_client';
import { kibanaTransport } from '../application/kibana_transport';
import type { LoadPrebuiltRules } from './use_prebuilt_rules';

export const prebuiltRulesLoader =
  (http: Pick<HttpSetup, 'fetch'>): LoadPrebuiltRules =>
  async () => {
    const rules = await new ApiClient(kibanaTransport(http)).listRules();
    return rules.map(({ rule_id, name, severity }) => ({ rule_id, name, severity }));
  };
