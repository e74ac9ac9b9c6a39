/**
 * The two alerting plugin HTTP APIs Kibana's rule form uses, as the harness serves them over the
 * strict host's alerting double, registered on a strict RecordingRouter (so Kibana's router and
 * request-lifecycle rules apply to them too):
 * - `GET /api/alerting/rule_types`: the registered rule types (Kibana:
 *   x-pack/platform/plugins/shared/alerting/server/routes/rule_types.ts; the fields the form reads);
 * - `POST /api/alerting/rule`: `rulesClient.create`, which authorises the consumer and validates
 *   the params with the rule type's validator; a refused validation is a 400 whose message is the
 *   rules client's `params invalid: …` (Kibana: routes/rule/apis/create/create_rule_route.ts, Boom
 *   errors turned into responses by `router.handleLegacyErrors`).
 * Body wording of the harness's own schema errors is the harness's (Kibana's is config-schema's).
 */
import { z } from 'zod';
import type {
  KibanaRequest,
  KibanaResponseFactory,
  RequestHandlerContext,
  RouteValidationFunction,
} from '@kbn/core/server';
import type { FakeAlerting } from '../kibana_host/fake_alerting';
import { RuleParamsInvalidError } from '../kibana_host/rule_params_invalid_error';
import type { RecordingRouter } from '../kibana_host/fake_http';
import { errorMessage } from '../../common/error_message';

export const RULE_TYPES_PATH = '/api/alerting/rule_types';
export const CREATE_RULE_PATH = '/api/alerting/rule';

/** Alerting's routes are authorised by the rules client (rule type × consumer), not by an API privilege. */
const RULES_CLIENT_AUTHZ = {
  authz: {
    enabled: false as const,
    reason: 'This route is authorized by the rules client (rule type and consumer privileges).',
  },
};

const createRuleBody = z.object({
  name: z.string().min(1),
  rule_type_id: z.string().min(1),
  consumer: z.string().min(1),
  enabled: z.boolean().default(true),
  tags: z.array(z.string()).default([]),
  schedule: z.object({ interval: z.string().min(1) }),
  params: z.record(z.string(), z.unknown()).default({}),
  actions: z.array(z.unknown()).max(0, 'the harness creates rules without actions').default([]),
});
type CreateRuleBody = z.infer<typeof createRuleBody>;

const validateCreateRuleBody: RouteValidationFunction<CreateRuleBody> = (data, result) => {
  const parsed = createRuleBody.safeParse(data ?? undefined);
  if (parsed.success) return result.ok(parsed.data);
  return result.badRequest(
    parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
  );
};

export const registerAlertingRoutes = (router: RecordingRouter, alerting: FakeAlerting): void => {
  router.get(
    { path: RULE_TYPES_PATH, validate: false, security: RULES_CLIENT_AUTHZ },
    async (
      _context: RequestHandlerContext,
      _request: KibanaRequest,
      response: KibanaResponseFactory
    ) =>
      response.ok({
        body: [...alerting.ruleTypes.values()].map((type) => ({
          id: type.id,
          name: type.name,
          action_groups: type.actionGroups.map((group) => ({ id: group.id, name: group.name })),
          default_action_group_id: type.defaultActionGroupId,
          producer: type.producer,
          minimum_license_required: type.minimumLicenseRequired,
          is_exportable: type.isExportable,
        })),
      })
  );

  router.post(
    {
      path: CREATE_RULE_PATH,
      validate: { body: validateCreateRuleBody },
      security: RULES_CLIENT_AUTHZ,
    },
    async (
      _context: RequestHandlerContext,
      request: KibanaRequest<unknown, unknown, CreateRuleBody>,
      response: KibanaResponseFactory
    ) => {
      const body = request.body;
      try {
        const rule = await alerting.rulesClient.create({
          data: {
            name: body.name,
            alertTypeId: body.rule_type_id,
            consumer: body.consumer,
            enabled: body.enabled,
            tags: body.tags,
            schedule: body.schedule,
            params: body.params as never,
            actions: [],
          },
        });
        return response.ok({
          body: {
            id: rule.id,
            name: rule.name,
            rule_type_id: rule.alertTypeId,
            consumer: rule.consumer,
            enabled: rule.enabled,
            params: rule.params,
            schedule: rule.schedule,
          },
        });
      } catch (error) {
        if (error instanceof RuleParamsInvalidError)
          return response.badRequest({ body: { message: error.message } });
        if (errorMessage(error).startsWith('Unauthorized by'))
          return response.forbidden({ body: { message: errorMessage(error) } });
        throw error;
      }
    }
  );
};
