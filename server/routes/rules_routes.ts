/** Routes of the rule catalog: list with install/enable state, install, enable/disable, run now, run history. */
import { z } from 'zod';
import {
  DEFAULT_EXECUTIONS_PER_PAGE,
  EXECUTION_STATUSES,
  MAX_EXECUTIONS_PAGE,
  MAX_EXECUTIONS_PER_PAGE,
} from '../../common/api/executions_api';
import {
  API_BASE_PATH,
  conflict,
  defineRoute,
  notFound,
  ok,
  RuleDisabledError,
  type ApiRoute,
} from './api_types';
import { commaList, ruleId as ruleIdText, wholeNumber } from './request_values';

export const ruleIdParams = z.strictObject({ rule_id: ruleIdText('rule_id') });

const installBody = z
  .strictObject({
    rule_ids: z.array(ruleIdText('rule_ids[]')).optional(),
    enable: z.boolean({ error: 'enable must be a boolean' }).optional(),
  })
  .default({});

const executionsQuery = z.strictObject({
  page: wholeNumber('page', 0, MAX_EXECUTIONS_PAGE).default(0),
  per_page: wholeNumber('per_page', 1, MAX_EXECUTIONS_PER_PAGE).default(
    DEFAULT_EXECUTIONS_PER_PAGE
  ),
  status: commaList(EXECUTION_STATUSES, 'status').optional(),
});

export const notInstalled = (ruleId: string) =>
  notFound(`Rule ${ruleId} is not installed; install it first`);

export const RULES_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/rules`,
    privilege: 'read',
    description:
      'every rule, prebuilt and user, with its source, installed and enabled state, last run and alert count',
    validate: {},
    handler: async (services) => ok({ rules: await services.rules.list() }),
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/rules/{rule_id}`,
    privilege: 'read',
    description: 'one rule with its whole definition, prebuilt or user',
    validate: { params: ruleIdParams },
    handler: async (services, request) => {
      const details = await services.rules.get(request.params.rule_id);
      return details ? ok(details) : notFound(`No rule has rule_id ${request.params.rule_id}`);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/_install`,
    privilege: 'all',
    description: 'install prebuilt rules (all, or rule_ids), disabled unless enable is true',
    validate: { body: installBody },
    handler: async (services, request) => {
      const { rule_ids: ruleIds, enable } = request.body;
      return ok({ rules: await services.rules.install(ruleIds, enable === true) });
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/_enable`,
    privilege: 'all',
    description: 'enable an installed rule',
    validate: { params: ruleIdParams },
    handler: async (services, request) => {
      const rule = await services.rules.setEnabled(request.params.rule_id, true);
      return rule ? ok({ rule }) : notInstalled(request.params.rule_id);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/_disable`,
    privilege: 'all',
    description: 'disable an installed rule',
    validate: { params: ruleIdParams },
    handler: async (services, request) => {
      const rule = await services.rules.setEnabled(request.params.rule_id, false);
      return rule ? ok({ rule }) : notInstalled(request.params.rule_id);
    },
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/_run`,
    privilege: 'all',
    description: 'run an installed, enabled rule now',
    validate: { params: ruleIdParams },
    handler: async (services, request) => {
      const ruleId = request.params.rule_id;
      try {
        const rule = await services.rules.runNow(ruleId);
        return rule ? ok({ rule }) : notInstalled(ruleId);
      } catch (error) {
        // Kibana's runSoon refuses a disabled rule ("Error running rule: rule is disabled"); so does the standalone service.
        if (error instanceof RuleDisabledError) return conflict(error.message);
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/rules/{rule_id}/_executions`,
    privilege: 'read',
    description:
      "an installed rule's executions, newest first and paged (page is 0-based), optionally of some statuses, with the gaps its history holds",
    validate: { params: ruleIdParams, query: executionsQuery },
    handler: async (services, request) => {
      const ruleId = request.params.rule_id;
      const { page, per_page: perPage, status } = request.query;
      const executions = await services.rules.executions(ruleId, {
        page,
        perPage,
        ...(status === undefined || status.length === 0 ? {} : { statuses: status }),
      });
      return executions ? ok(executions) : notInstalled(ruleId);
    },
  }),
];
