/**
 * A double of triggersActionsUi's rule type registry, as strict as Kibana's TypeRegistry:
 * Kibana: src/platform/packages/shared/kbn-alerts-ui-shared/src/common/type_registry.ts (9.x;
 * 8.x: packages/kbn-alerts-ui-shared/src/common/type_registry.ts), which the plugin's setup
 * contract exposes as `ruleTypeRegistry` (x-pack/platform/plugins/shared/triggers_actions_ui/public/plugin.ts).
 */
import type {
  RuleTypeModel,
  RuleTypeRegistryContract,
} from '@kbn/triggers-actions-ui-plugin/public';

export class StrictRuleTypeRegistry implements RuleTypeRegistryContract {
  private readonly models = new Map<string, RuleTypeModel>();

  has(id: string): boolean {
    return this.models.has(id);
  }

  /** Kibana: TypeRegistry.register refuses an id registered before, with this message. */
  register(ruleTypeModel: RuleTypeModel): void {
    if (this.has(ruleTypeModel.id))
      throw new Error(`Object type "${ruleTypeModel.id}" is already registered.`);
    this.models.set(ruleTypeModel.id, ruleTypeModel);
  }

  /** Kibana: TypeRegistry.get throws for an unknown id (synchronous in 8.x; 9.x main made it async). */
  get(id: string): RuleTypeModel {
    const model = this.models.get(id);
    if (model === undefined) throw new Error(`Object type "${id}" is not registered.`);
    return model;
  }

  list(): RuleTypeModel[] {
    return [...this.models.values()];
  }

  /**
   * Whether Stack Management → Rules offers create and edit for the type. Kibana:
   * x-pack/platform/plugins/shared/triggers_actions_ui/public/application/sections/rules_list/components/rules_list.tsx
   * (`isRuleTypeEditableInContext`: registered and not `requiresAppContext`; the rule details page's
   * `hasEditButton` checks the same).
   */
  isEditableInStackManagement(id: string): boolean {
    return this.has(id) && this.get(id).requiresAppContext === false;
  }
}
