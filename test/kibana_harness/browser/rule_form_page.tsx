/**
 * Stack Management → Rules → create rule, as the harness plays it: the rule type model registered
 * through `triggersActionsUi.ruleTypeRegistry` rendered the way Kibana's rule form renders it
 * (9.x: src/platform/packages/shared/response-ops/rule_form/src/rule_definition/rule_definition.tsx:
 * `ruleParamsExpression` inside Suspense → EuiErrorBoundary → EuiThemeProvider, with ruleParams,
 * ruleInterval, ruleThrottle '', alertNotifyWhen, errors from `validate`, setRuleParams,
 * setRuleProperty, defaultActionGroupId and actionGroups of the server rule type), saving through
 * the alerting API (`POST /api/alerting/rule`, as kbn-alerts-ui-shared's createRule does) unless
 * the params have errors (validate_form.ts hasParamsErrors).
 */
import { Suspense, useEffect, useMemo, useReducer, useState, type ComponentType } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiErrorBoundary,
  EuiFieldText,
  EuiForm,
  EuiFormRow,
  EuiLoadingSpinner,
  EuiPageTemplate,
  EuiSpacer,
  EuiText,
  EuiThemeProvider,
} from '@elastic/eui';
import type { HttpSetup } from '@kbn/core/public';
import type {
  RuleTypeModel,
  RuleTypeParamsExpressionProps,
} from '@kbn/triggers-actions-ui-plugin/public';
import type { StrictRuleTypeRegistry } from '../../../public/rule_type_model/test_support/strict_rule_type_registry';
import {
  hasParamsErrors,
  initialRuleFormState,
  paramsErrorMessages,
  ruleFormReducer,
  savedParams,
  type RuleFormState,
} from './rule_form_state';
import { errorMessage } from '../../../common/error_message';

/** The alerting plugin's public API (Kibana: x-pack/platform/plugins/shared/alerting/common BASE_ALERTING_API_PATH). */
export const RULE_TYPES_API = '/api/alerting/rule_types';
export const CREATE_RULE_API = '/api/alerting/rule';
/** Stack Management creates rules with the `alerts` consumer. */
export const STACK_MANAGEMENT_CONSUMER = 'alerts';
export const DEFAULT_RULE_INTERVAL = '5m';

/** The server rule type as `GET /api/alerting/rule_types` lists it (the fields the form reads). */
export interface ServerRuleType {
  readonly id: string;
  readonly name: string;
  readonly default_action_group_id: string;
  readonly action_groups: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

type SaveOutcome =
  | { readonly status: 'idle' }
  | { readonly status: 'refused'; readonly messages: readonly string[] }
  | { readonly status: 'saving' }
  | { readonly status: 'saved'; readonly id: string; readonly name: string }
  | { readonly status: 'failed'; readonly message: string };

/** Kibana's HTTP errors carry the server's message in their body. */
const responseMessage = (error: unknown): string => {
  const body = (error as { body?: { message?: unknown } } | undefined)?.body;
  if (typeof body?.message === 'string') return body.message;
  return errorMessage(error);
};

const useServerRuleType = (http: HttpSetup, ruleTypeId: string) => {
  const [state, setState] = useState<{ type?: ServerRuleType; error?: string }>({});
  useEffect(() => {
    http.get<ServerRuleType[]>(RULE_TYPES_API).then(
      (types) => {
        const type = types.find((candidate) => candidate.id === ruleTypeId);
        setState(
          type ? { type } : { error: `Rule type "${ruleTypeId}" is not registered on the server.` }
        );
      },
      (error: unknown) => setState({ error: responseMessage(error) })
    );
  }, [http, ruleTypeId]);
  return state;
};

/** Told the form's state after every change (the harness exposes it to the test; Kibana has no such hook). */
export type RuleFormObserver = (state: RuleFormState) => void;

interface RuleFormProps {
  readonly model: RuleTypeModel;
  readonly serverType: ServerRuleType;
  readonly http: HttpSetup;
  readonly observe: RuleFormObserver;
}

const RuleForm = ({ model, serverType, http, observe }: RuleFormProps) => {
  const reducer = useMemo(() => ruleFormReducer(model), [model]);
  const [state, dispatch] = useReducer(reducer, model, (initialModel) =>
    initialRuleFormState(initialModel)
  );
  useEffect(() => {
    observe(state);
  }, [observe, state]);
  const [outcome, setOutcome] = useState<SaveOutcome>({ status: 'idle' });
  const Expression = model.ruleParamsExpression as ComponentType<RuleTypeParamsExpressionProps>;

  const save = async () => {
    const messages = [
      ...(state.name.trim() === '' ? ['name: Name is required.'] : []),
      ...paramsErrorMessages(state.paramsErrors),
    ];
    if (messages.length > 0 || hasParamsErrors(state.paramsErrors)) {
      setOutcome({ status: 'refused', messages });
      return;
    }
    setOutcome({ status: 'saving' });
    try {
      const rule = await http.post<{ id: string; name: string }>(CREATE_RULE_API, {
        body: JSON.stringify({
          name: state.name,
          rule_type_id: model.id,
          consumer: STACK_MANAGEMENT_CONSUMER,
          schedule: { interval: DEFAULT_RULE_INTERVAL },
          params: savedParams(state.params),
          actions: [],
          enabled: true,
          tags: [],
        }),
      });
      setOutcome({ status: 'saved', id: rule.id, name: rule.name });
    } catch (error) {
      setOutcome({ status: 'failed', message: responseMessage(error) });
    }
  };

  return (
    <EuiForm component="div">
      <EuiText size="s">
        <h3 data-test-subj="ruleTypeName">{serverType.name}</h3>
        <p data-test-subj="ruleTypeDescription">{model.description}</p>
      </EuiText>
      <EuiSpacer />
      <EuiFormRow label="Name" fullWidth>
        <EuiFieldText
          fullWidth
          data-test-subj="ruleDetailsNameInput"
          value={state.name}
          onChange={(event) => dispatch({ type: 'setName', name: event.target.value })}
        />
      </EuiFormRow>
      <EuiSpacer />
      <Suspense
        fallback={
          <EuiEmptyPrompt
            icon={<EuiLoadingSpinner size="xl" />}
            title={<h2>Loading rule type params</h2>}
          />
        }
      >
        <EuiErrorBoundary>
          <EuiThemeProvider>
            <Expression
              ruleParams={state.params}
              ruleInterval={DEFAULT_RULE_INTERVAL}
              ruleThrottle=""
              alertNotifyWhen="onActionGroupChange"
              errors={state.paramsErrors as RuleTypeParamsExpressionProps['errors']}
              setRuleParams={(property, value) =>
                dispatch({ type: 'setParamsProperty', property: String(property), value })
              }
              onChangeMetaData={() => undefined}
              defaultActionGroupId={serverType.default_action_group_id}
              actionGroups={serverType.action_groups.map((group) => ({ ...group }))}
            />
          </EuiThemeProvider>
        </EuiErrorBoundary>
      </Suspense>
      <EuiSpacer />
      {outcome.status === 'refused' && (
        <EuiCallOut
          color="danger"
          title="The rule has errors and was not saved"
          data-test-subj="ruleFormRefused"
        >
          <ul>
            {outcome.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </EuiCallOut>
      )}
      {outcome.status === 'failed' && (
        <EuiCallOut
          color="danger"
          title="Could not save the rule"
          data-test-subj="ruleFormSaveError"
        >
          <p>{outcome.message}</p>
        </EuiCallOut>
      )}
      {outcome.status === 'saved' && (
        <EuiCallOut
          color="success"
          title={`Created rule "${outcome.name}"`}
          data-test-subj="ruleFormSaved"
        >
          <p data-test-subj="ruleFormSavedId">{outcome.id}</p>
        </EuiCallOut>
      )}
      <EuiSpacer />
      <EuiButton
        fill
        data-test-subj="rulePageFooterSaveButton"
        isLoading={outcome.status === 'saving'}
        onClick={() => void save()}
      >
        Create rule
      </EuiButton>
    </EuiForm>
  );
};

export interface RuleFormPageProps {
  readonly ruleTypeId: string;
  readonly ruleTypeRegistry: StrictRuleTypeRegistry;
  readonly http: HttpSetup;
  readonly observe: RuleFormObserver;
}

export const RuleFormPage = ({
  ruleTypeId,
  ruleTypeRegistry,
  http,
  observe,
}: RuleFormPageProps) => {
  const server = useServerRuleType(http, ruleTypeId);
  const model = ruleTypeRegistry.has(ruleTypeId) ? ruleTypeRegistry.get(ruleTypeId) : undefined;
  const body = () => {
    if (model === undefined)
      return (
        <EuiCallOut
          color="danger"
          title={`Object type "${ruleTypeId}" is not registered.`}
          data-test-subj="ruleFormNoModel"
        />
      );
    if (model.requiresAppContext)
      return (
        <EuiCallOut
          color="warning"
          title="This rule type can only be created in its app."
          data-test-subj="ruleFormAppContext"
        />
      );
    if (server.error !== undefined)
      return (
        <EuiCallOut color="danger" title={server.error} data-test-subj="ruleFormServerTypeError" />
      );
    if (server.type === undefined) return <EuiLoadingSpinner size="xl" />;
    return <RuleForm model={model} serverType={server.type} http={http} observe={observe} />;
  };
  return (
    <EuiPageTemplate restrictWidth={960} panelled data-test-subj="ruleFormPage">
      <EuiPageTemplate.Header
        pageTitle="Create rule"
        description="Stack Management → Rules (harness)"
      />
      <EuiPageTemplate.Section>{body()}</EuiPageTemplate.Section>
    </EuiPageTemplate>
  );
};
