/**
 * The model's synchronous `validate`, backed by checks loaded on demand. Kibana calls `validate`
 * when the rule form opens and on every change; the checks (zod schemas, KQL parser) are loaded
 * with the params editor, so Kibana's start-up bundle stays small. Until they are loaded,
 * `validate` reports a pending error, which keeps the form from saving unchecked params; the editor
 * re-runs validation once it has mounted (params_expression.tsx).
 */
import type { RuleTypeParams, ValidationResult } from '@kbn/triggers-actions-ui-plugin/public';
import type { ParamCheckOptions, ParamErrors } from './validate_params';

export const PARAMS_ROOT_KEY = '(root)';
export const VALIDATION_PENDING_MESSAGE = 'The rule definition is still being checked.';

type CheckParams = (params: unknown, options?: ParamCheckOptions) => ParamErrors;
type ImportChecks = () => Promise<{ readonly checkNewTermsParams: CheckParams }>;

const importChecks: ImportChecks = () => import('./validate_params');

export class NewTermsParamsValidator {
  private check: CheckParams | undefined;
  private loading: Promise<void> | undefined;
  private knownRuleIds: ReadonlySet<string> | undefined;

  constructor(private readonly importer: ImportChecks = importChecks) {}

  get isLoaded(): boolean {
    return this.check !== undefined;
  }

  /** Loads the checks once; a failed load may be retried. */
  load(): Promise<void> {
    this.loading ??= this.importer().then(
      (checks) => {
        this.check = checks.checkNewTermsParams;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      }
    );
    return this.loading;
  }

  /** The prebuilt rule ids the API listed, so an unknown rule_id is refused before the server does. */
  setKnownRuleIds(ruleIds: Iterable<string>): void {
    this.knownRuleIds = new Set(ruleIds);
  }

  /** Errors keyed by param. */
  errorsOf(params: RuleTypeParams): ParamErrors {
    if (this.check === undefined) return { [PARAMS_ROOT_KEY]: [VALIDATION_PENDING_MESSAGE] };
    return this.check(params, { knownRuleIds: this.knownRuleIds });
  }

  /** `RuleTypeModel.validate` (bound, so Kibana may call it detached). */
  readonly validate = (params: RuleTypeParams): ValidationResult => ({
    errors: this.errorsOf(params),
  });
}
