/**
 * Routes that write rules of the standalone engine: create a custom rule, import rule objects or a
 * rule file, update, export every installed rule, delete one. Inside Kibana, rules are Security's (created, imported
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
  type ApiResponse,
  type ApiRoute,
  type RuleImportResult,
} from './api_types';
import { ruleId as ruleIdText } from './request_values';
import { notInstalled, ruleIdParams } from './rules_routes';

/** Rule objects one import request may carry (Kibana's import takes up to 10,000 a file). */
export const MAX_IMPORTED_RULES = 1_000;

/** The longest file name an import names (for messages; the content is what is read). */
const MAX_FILE_NAME_LENGTH = 255;

const importedFile = z.strictObject(
  {
    name: z
      .string({ error: 'file.name must be the file name' })
      .min(1, { error: 'file.name must be the file name' })
      .max(MAX_FILE_NAME_LENGTH, {
        error: `file.name holds at most ${MAX_FILE_NAME_LENGTH} characters`,
      }),
    content: z.string({ error: 'file.content must be the text of the file' }),
  },
  { error: 'file must be { name, content }' }
);

const importBody = z
  .strictObject({
    rules: z
      .array(z.unknown(), { error: 'rules must be an array of rule objects' })
      .min(1, { error: 'rules must hold at least 1 rule' })
      .max(MAX_IMPORTED_RULES, { error: `rules holds at most ${MAX_IMPORTED_RULES} rules` })
      .optional(),
    file: importedFile.optional(),
    overwrite: z.boolean({ error: 'overwrite must be a boolean' }).optional(),
    enable: z.boolean({ error: 'enable must be a boolean' }).optional(),
  })
  .refine((body) => (body.rules === undefined) !== (body.file === undefined), {
    error: 'give either rules (rule objects) or file (a rule file read as text), not both',
    path: ['rules'],
  });

const updateBody = z.strictObject({
  rule: z.record(z.string(), z.unknown(), { error: 'rule must be a rule object' }),
});

const previewBody = z.strictObject({
  rule: z.record(z.string(), z.unknown(), { error: 'rule must be a rule object' }),
  rule_id: ruleIdText('rule_id').optional(),
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

const STORED: ReadonlySet<RuleImportResult['status']> = new Set(['created', 'updated']);
const FAILED: ReadonlySet<RuleImportResult['status']> = new Set(['invalid', 'conflict']);

const invalidRule = (messages: readonly string[]): ApiResponse =>
  badRequest(
    messages.join(', '),
    messages.map((message) => ({ path: pathOf(message), message }))
  );

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
      if (result.status === 'invalid') return invalidRule(result.messages);
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
      const { rules, file, overwrite, enable } = request.body;
      const options = { overwrite: overwrite === true, enable: enable === true };
      const results =
        file === undefined
          ? await editing.importRules(rules ?? [], options)
          : await editing.importFile(file, options);
      const ruleResults = results.filter((result) => result.kind === 'rule');
      const exceptionResults = results.filter((result) => result.kind !== 'rule');
      return ok({
        success: results.every((result) => !FAILED.has(result.status)),
        success_count: ruleResults.filter((result) => STORED.has(result.status)).length,
        errors_count: ruleResults.filter((result) => FAILED.has(result.status)).length,
        exceptions_success_count: exceptionResults.filter((result) => STORED.has(result.status))
          .length,
        exceptions_errors_count: exceptionResults.filter((result) => FAILED.has(result.status))
          .length,
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
    path: `${API_BASE_PATH}/rules/_preview`,
    privilege: 'read',
    description:
      'replay the stored history with a rule object (and, with rule_id, with the installed rule it would replace): alerts per day and the terms that change',
    validate: { body: previewBody },
    handler: async (services, request) => {
      const editing = services.ruleEditing;
      if (editing === undefined) return RULES_NOT_EDITABLE;
      const { rule, rule_id: ruleId } = request.body;
      if (ruleId !== undefined && (await services.rules.get(ruleId))?.rule.installed !== true)
        return notInstalled(ruleId);
      const preview = await editing.previewRule(rule, ruleId);
      return 'invalid' in preview ? invalidRule(preview.invalid) : ok(preview);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/_update`,
    privilege: 'all',
    description:
      "replace an installed rule with a whole rule object, as Kibana's PUT /api/detection_engine/rules does",
    validate: { params: ruleIdParams, body: updateBody },
    handler: async (services, request) => {
      const editing = services.ruleEditing;
      if (editing === undefined) return RULES_NOT_EDITABLE;
      const ruleId = request.params.rule_id;
      const result = await editing.updateRule(ruleId, request.body.rule);
      if (result === undefined) return notInstalled(ruleId);
      if (result.status === 'invalid') return invalidRule(result.messages);
      const details = await services.rules.get(ruleId);
      return ok({ result, rule: details?.rule ?? null });
    },
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
