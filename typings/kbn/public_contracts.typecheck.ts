/**
 * Type-level check of the browser declarations in typings/kbn: a dummy browser plugin registering
 * an app, written the way the real plugin will be. It is compiled (never run) by a tsconfig that
 * includes typings/** and maps `@kbn/*` to typings/kbn/* — see typings/kbn/README.md.
 */
import type {
  AppMountParameters,
  AppUnmount,
  CoreSetup,
  Plugin,
  PluginInitializerContext,
} from '@kbn/core/public';
import { DEFAULT_APP_CATEGORIES } from '@kbn/core/public';

/** The feature id server_contracts.typecheck.ts registers. */
const FEATURE_ID = 'dummyThreatDetection';

interface RuleSummary {
  rule_id: string;
  enabled: boolean;
}

const mountApp = async (core: CoreSetup, params: AppMountParameters): Promise<AppUnmount> => {
  const [coreStart] = await core.getStartServices();
  const rules = await coreStart.http.get<RuleSummary[]>(`/api/${FEATURE_ID}/rules`, {
    query: { page: 1 },
  });
  await coreStart.http.post(`/api/${FEATURE_ID}/rules/_run`, {
    body: JSON.stringify({ rule_ids: rules.map((r) => r.rule_id) }),
  });
  params.element.textContent = `${rules.length} rules (${params.history.location.pathname})`;
  const theme = params.theme$.subscribe((current) =>
    params.element.classList.toggle('dark', current.darkMode)
  );
  const stopListening = params.history.listen((location) => {
    params.element.dataset.path = location.pathname;
  });
  params.history.push('/rules');
  params.element.dataset.href = params.history.createHref({ pathname: '/alerts' });
  return () => {
    theme.unsubscribe();
    stopListening();
    params.element.textContent = '';
  };
};

export class DummyPublicPlugin implements Plugin<void, void> {
  constructor(
    private readonly initializerContext: PluginInitializerContext<{
      ui: { enabled: boolean };
    }>
  ) {}

  public setup(core: CoreSetup): void {
    if (!this.initializerContext.config.get().ui.enabled) return;
    core.application.register({
      id: FEATURE_ID,
      title: 'Dummy threat detection',
      category: DEFAULT_APP_CATEGORIES.security,
      euiIconType: 'logoSecurity',
      order: 9000,
      mount: (params) => mountApp(core, params),
    });
  }

  public start(): void {}
}
