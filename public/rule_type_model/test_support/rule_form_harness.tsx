/**
 * Renders a rule type model's params editor the way Kibana's rule form does (9.x:
 * src/platform/packages/shared/response-ops/rule_form/src/rule_definition/rule_definition.tsx and
 * rule_form_state/rule_form_state_reducer.ts; 8.x flyout: triggers_actions_ui/.../rule_form/rule_form.tsx):
 * inside Suspense, with `setRuleParams` merging `{ ...params, [key]: value }` (never deleting a key),
 * `validate` run on the initial params and after every change, and — like the older flyout — a new
 * `setRuleParams` function on every render.
 */
import { Suspense, useReducer, type ComponentType } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { EuiProvider } from '@elastic/eui';
import type { HttpFetchOptions, HttpStart } from '@kbn/core/public';
import type {
  RuleTypeModel,
  RuleTypeParams,
  RuleTypeParamsExpressionProps,
} from '@kbn/triggers-actions-ui-plugin/public';
import type { HttpTransport } from '../../application/api_client';

// `*ByTestId` queries read EUI's `data-test-subj`.
configure({ testIdAttribute: 'data-test-subj' });

/** Kibana's server default action group of our rule type (server/kibana/kibana_alert_sink.ts). */
const DEFAULT_ACTION_GROUP = 'default';

interface FormState {
  readonly params: RuleTypeParams;
  readonly errors: Record<string, unknown>;
  /** How many times `validate` ran (the initial run included). */
  readonly validations: number;
}

export interface RuleFormHarness extends RenderResult {
  /** The params as the form holds them (keys set to undefined included). */
  params(): RuleTypeParams;
  /** The params as Kibana would save them (JSON drops undefined keys). */
  savedParams(): RuleTypeParams;
  /** What `validate` returned last. */
  errors(): Record<string, unknown>;
  /** Kibana's `hasParamsErrors`: any non-blank message anywhere blocks saving. */
  hasErrors(): boolean;
  validations(): number;
}

/** Kibana: rule_form/src/validation/validate_form.ts `hasParamsErrors`. */
export const hasParamsErrors = (errors: unknown): boolean => {
  if (typeof errors === 'string') return errors.trim() !== '';
  if (Array.isArray(errors)) return errors.some(hasParamsErrors);
  if (typeof errors === 'object' && errors !== null)
    return Object.values(errors).some(hasParamsErrors);
  return false;
};

export const renderRuleForm = (
  model: RuleTypeModel,
  initialParams: RuleTypeParams = {},
  ruleInterval = '5m'
): RuleFormHarness => {
  const validated = (params: RuleTypeParams, validations: number): FormState => ({
    params,
    errors: model.validate(params).errors,
    validations: validations + 1,
  });
  let current: FormState = validated(initialParams, 0);
  const Expression = model.ruleParamsExpression as ComponentType<RuleTypeParamsExpressionProps>;

  const Form = () => {
    const [state, setParam] = useReducer(
      (previous: FormState, [key, value]: readonly [string, unknown]) =>
        validated({ ...previous.params, [key]: value }, previous.validations),
      current
    );
    current = state;
    return (
      <Suspense fallback={<div data-test-subj="ruleParamsLoading" />}>
        <Expression
          ruleParams={state.params}
          ruleInterval={ruleInterval}
          ruleThrottle=""
          alertNotifyWhen="onActionGroupChange"
          setRuleParams={(key, value) => setParam([String(key), value])}
          onChangeMetaData={() => undefined}
          errors={{}}
          defaultActionGroupId={DEFAULT_ACTION_GROUP}
          actionGroups={[{ id: DEFAULT_ACTION_GROUP, name: 'New term detected' }]}
        />
      </Suspense>
    );
  };

  const result = render(
    <EuiProvider colorMode="light">
      <Form />
    </EuiProvider>
  );
  return {
    ...result,
    params: () => current.params,
    savedParams: () => JSON.parse(JSON.stringify(current.params)) as RuleTypeParams,
    errors: () => current.errors,
    hasErrors: () => hasParamsErrors(current.errors),
    validations: () => current.validations,
  };
};

/** Core's `http` answering from a transport (the in-process API), as plugin.test.tsx does. */
export const kibanaHttpOver = (transport: HttpTransport): HttpStart => {
  const fetch = async <T,>(path: string, options?: HttpFetchOptions): Promise<T> => {
    const query = Object.fromEntries(
      Object.entries(options?.query ?? {}).map(([key, value]) => [key, String(value)])
    );
    const body: unknown = typeof options?.body === 'string' ? JSON.parse(options.body) : undefined;
    const method = options?.method === 'POST' ? 'POST' : 'GET';
    return (await transport({ method, path, query, body })) as T;
  };
  return { fetch, get: fetch, post: fetch, put: fetch, patch: fetch, delete: fetch };
};
