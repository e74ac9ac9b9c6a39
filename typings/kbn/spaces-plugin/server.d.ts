/**
 * Our own declarations of the Kibana 9.x `@kbn/spaces-plugin/server` surface this plugin uses
 * (a subset). Follows x-pack/platform/plugins/shared/spaces/server/{plugin.ts,
 * spaces_service/spaces_service.ts}. Spaces is an optional dependency.
 */
import type { KibanaRequest } from '@kbn/core/server';

/** Space helpers bound to requests. */
export interface SpacesServiceStart {
  /** Returns the id of the space the request targets (`default` when none). */
  getSpaceId(request: KibanaRequest): string;
}

/** The spaces plugin's start contract (subset). */
export interface SpacesPluginStart {
  /** Space helpers. */
  spacesService: SpacesServiceStart;
}

export {};
