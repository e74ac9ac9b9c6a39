/** The Kibana version the test host plays (browser `kbn-version` header, alerts' `kibana.version`). */
export const HOST_KIBANA_VERSION = '9.2.0';
