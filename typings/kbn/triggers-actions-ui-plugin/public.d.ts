/**
 * Our own declarations of the Kibana 9.x `@kbn/triggers-actions-ui-plugin/public` surface this plugin
 * uses (a subset, not a copy): the rule type registry's setup contract and the rule type model it
 * holds. Follows x-pack/platform/plugins/shared/triggers_actions_ui/public/{plugin.ts,types.ts} and
 * src/platform/packages/shared/kbn-alerts-ui-shared/src/common/{type_registry.ts,types/rule_types.ts}.
 * triggersActionsUi is an optional dependency; only types are imported (no requiredBundles entry).
 */
import type { ComponentType, LazyExoticComponent } from 'react';

/** A rule's params as the rule form holds them: a black box of keys (Kibana's `RuleTypeParams`). */
export type RuleTypeParams = Record<string, unknown>;

/** Errors keyed by param (nested objects allowed); any non-blank string blocks saving. */
export interface RuleFormParamsErrors {
  /** Messages for one param, or nested errors. */
  [key: string]: string | string[] | RuleFormParamsErrors;
}

/** Kibana's older name for the same error shape (`IErrorObject`). */
export type IErrorObject = RuleFormParamsErrors;

/** What `validate` returns (Kibana types `errors` as `Record<string, any>`). */
export interface ValidationResult {
  /** Errors keyed by param. */
  errors: Record<string, unknown>;
}

/** When actions run (`RuleNotifyWhenType` from @kbn/alerting-types). */
export type RuleNotifyWhenType = 'onActionGroupChange' | 'onActiveAlert' | 'onThrottleInterval';

/** An action group of the server rule type (subset of `ActionGroup`). */
export interface ActionGroup<ActionGroupIds extends string = string> {
  /** Group id. */
  id: ActionGroupIds;
  /** Display name. */
  name: string;
}

/**
 * Props the rule form passes to a rule type's params editor (subset: Kibana also passes the charts,
 * data, dataViews and unifiedSearch start contracts, and `setRuleProperty`).
 */
export interface RuleTypeParamsExpressionProps<
  Params extends RuleTypeParams = RuleTypeParams,
  MetaData = Record<string, unknown>,
  ActionGroupIds extends string = string,
> {
  /** The rule's id when editing (9.x rule form only). */
  id?: string;
  /** The params being edited. */
  ruleParams: Params;
  /** The rule's schedule, e.g. `5m`. */
  ruleInterval: string;
  /** Always `''` in current forms. */
  ruleThrottle: string;
  /** The rule's notify-when setting. */
  alertNotifyWhen: RuleNotifyWhenType;
  /** Sets one param: the form merges `{ ...params, [property]: value }` (keys are never deleted). */
  setRuleParams: <Key extends keyof Params>(property: Key, value: Params[Key] | undefined) => void;
  /** Stores form metadata that survives re-renders. */
  onChangeMetaData: (metadata: MetaData) => void;
  /** What `validate` returned for the current params (in the older flyout, merged with the form's own errors). */
  errors: RuleFormParamsErrors;
  /** The server rule type's default action group. */
  defaultActionGroupId: string;
  /** The server rule type's action groups. */
  actionGroups: Array<ActionGroup<ActionGroupIds>>;
  /** Metadata stored with `onChangeMetaData`. */
  metadata?: MetaData;
}

/** The browser half of a rule type: how the rule form edits and checks its params. */
export interface RuleTypeModel<Params extends RuleTypeParams = RuleTypeParams> {
  /** The server rule type's id. */
  id: string;
  /** One line under the rule type's name in the form. */
  description: string;
  /** EUI icon type. */
  iconClass: string;
  /** "Learn more" link, or null for none (Kibana also accepts `(docLinks) => string`). */
  documentationUrl: string | null;
  /** Checks params on every change; any error blocks saving. `isServerless` is passed by 9.x only. */
  validate: (ruleParams: Params, isServerless?: boolean) => ValidationResult;
  /** The params editor (rendered inside Suspense, so a `React.lazy` component is fine). */
  ruleParamsExpression:
    | ComponentType<RuleTypeParamsExpressionProps<Params>>
    | LazyExoticComponent<ComponentType<RuleTypeParamsExpressionProps<Params>>>;
  /** True hides create/edit in Stack Management → Rules; must be false to be editable there. */
  requiresAppContext: boolean;
  /** Default message of an action on the default action group (mustache). */
  defaultActionMessage?: string;
  /** Default message of an action on the recovery group. */
  defaultRecoveryMessage?: string;
  /** Default message of a summary action. */
  defaultSummaryMessage?: string;
}

/**
 * The rule type model registry (subset of `PublicMethodsOf<TypeRegistry<RuleTypeModel>>`; `get` and
 * `list` are synchronous in 8.x and asynchronous in newer 9.x, so they are left out).
 */
export interface RuleTypeRegistryContract {
  /** Whether a model with this id is registered. */
  has(id: string): boolean;
  /** Registers a model; throws `Object type "<id>" is already registered.` for a duplicate id. */
  register(ruleTypeModel: RuleTypeModel): void;
}

/** The plugin's setup contract (subset; Kibana also exposes `actionTypeRegistry`). */
export interface TriggersAndActionsUIPublicPluginSetup {
  /** Where rule type models are registered. */
  ruleTypeRegistry: RuleTypeRegistryContract;
}

export {};
