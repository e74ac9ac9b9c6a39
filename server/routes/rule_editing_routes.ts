/**
 * Routes that write rules of the standalone engine: create a custom rule, import rule objects,
 * export every installed rule, delete one. Inside Kibana, rules are Security's (created, imported
 * and exported there, with this plugin's rule type), so only the standalone server mounts these.
 */
import { z } from 'zod';
import {
  API_BASE_PATH,
  badRequest,
  conflict,
  defineRoute,
  notFound,
  ok,
  type ApiRoute,
} from './api_types';
import { notInstalled, ruleIdParams } from './rules_routes';

/** Rule objects one import request may carry (Kibana's import takes up to 10,000 a file). */
export const MAX_IMPORTED_RULES = 1_000;

const importBody = z.strictObject({
  rules: z
    .array(z.unknown(), { error: 'rules must be an array of rule objects' })
    .min(1, { error: 'rules must hold at least 1 rule' })
    .max(MAX_IMPORTED_RULES, { error: `rules holds at most ${MAX_IMPORTED_RULES} rules` }),
  overwrite: z.boolean({ error: 'overwrite must be a boolean' }).optional(),
  enable: z.boolean({ error: 'enable must be a boolean' }).optional(),
});

const createBody = z.strictObject({
  rule: z.record(z.string(), z.unknown(), { error: 'rule must be a rule object' }),
  enable: z.boolean({ error: 'enable must be a boolean' }).optional(),
});

/** The request parameter a Kibana message is about: `body.rule.<field>` when it names one (`field: …`). */
const pathOf = (message: string): string => {
  const colon = message.indexOf(': ');
  const field = message.slice(0, colon);
  return colon > 0 && !field.includes(' ') ? `body.rule.${field}` : 'body.rule';
};

/** A host without rule editing (not mounted there; kept for the type's sake). */
const RULES_NOT_EDITABLE = notFound('This host does not write rules through this API');

export const RULE_EDITING_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules`,
    privilege: 'all',
    description:
      "create a custom rule from a new_terms rule as Kibana's POST /api/detection_engine/rules takes it",
    validate: { body: createBody },
    handler: async (services, request) => {
      const editing = services.ruleEditing;
      if (editing === undefined) return RULES_NOT_EDITABLE;
      const result = await editing.createRule(request.body.rule, request.body.enable === true);
      if (result.status === 'invalid')
        return badRequest(
          result.messages.join(', '),
          result.messages.map((message) => ({ path: pathOf(message), message }))
        );
      if (result.status === 'conflict')
        return conflict(`rule_id: "${result.rule_id ?? ''}" already exists`);
      const details = await services.rules.get(result.rule_id ?? '');
      return ok({ result, rule: details?.rule ?? null });
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/_import`,
    privilege: 'all',
    description:
      "import rule objects as Kibana's rule import reads a file: every new_terms rule, a result for each object",
    validate: { body: importBody },
    handler: async (services, request) => {
      const editing = services.ruleEditing;
      if (editing === undefined) return RULES_NOT_EDITABLE;
      const { rules, overwrite, enable } = request.body;
      const results = await editing.importRules(rules, {
        overwrite: overwrite === true,
        enable: enable === true,
      });
      const imported = results.filter((r) => r.status === 'created' || r.status === 'updated');
      const failed = results.filter((r) => r.status === 'invalid' || r.status === 'conflict');
      return ok({
        success: failed.length === 0,
        success_count: imported.length,
        errors_count: failed.length,
        results,
      });
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/_export`,
    privilege: 'all',
    description: "every installed rule as Kibana's rule export (NDJSON, in the ndjson field)",
    validate: {},
    handler: async (services) =>
      services.ruleEditing === undefined
        ? RULES_NOT_EDITABLE
        : ok({ ndjson: await services.ruleEditing.exportRules() }),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/_delete`,
    privilege: 'all',
    description:
      'uninstall a rule: a custom rule is deleted, a prebuilt one can be installed again',
    validate: { params: ruleIdParams },
    handler: async (services, request) =>
      services.ruleEditing === undefined
        ? RULES_NOT_EDITABLE
        : (await services.ruleEditing.remove(request.params.rule_id))
          ? ok({ rule_id: request.params.rule_id, deleted: true })
          : notInstalled(request.params.rule_id),
  }),
];
