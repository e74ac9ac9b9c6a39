/**
 * Routes of the standalone engine's rule exceptions: the stored lists, a rule's lists with what
 * each item describes, Kibana's "add rule exception" (optionally closing alerts), editing and
 * removing an item, and a replay of the stored history with and without proposed items. Inside
 * Kibana, exceptions are its lists plugin's, so only the standalone server mounts these.
 */
import { z } from 'zod';
import { CLOSING_REASONS } from '../../common/alerts/workflow_status';
import {
  exceptionListItem,
  namespaceType,
  nonEmptyString,
} from '../../common/exceptions/exception_schema';
import { newRuleExceptionItem } from '../../common/exceptions/new_rule_exception_item';
import { itemIdExistsMessage } from '../rules/rule_default_exceptions';
import {
  API_BASE_PATH,
  conflict,
  defineRoute,
  notFound,
  ok,
  type ApiRoute,
  type ApiServices,
  type ExceptionService,
} from './api_types';
import { alertId } from './request_values';
import { notInstalled, ruleIdParams } from './rules_routes';

/** Items one request may add or preview (Kibana's flyout adds one). */
export const MAX_ITEMS_PER_REQUEST = 100;
/** Alerts one request may name for closing. */
export const MAX_CLOSED_ALERT_IDS = 1_000;

const items = z
  .array(newRuleExceptionItem, { error: 'items must be an array of exception items' })
  .min(1, { error: 'items must hold at least 1 item' })
  .max(MAX_ITEMS_PER_REQUEST, { error: `items holds at most ${MAX_ITEMS_PER_REQUEST} items` });

const addBody = z.strictObject({
  items,
  close_alert_ids: z
    .array(alertId('close_alert_ids[]'))
    .max(MAX_CLOSED_ALERT_IDS, {
      error: `close_alert_ids holds at most ${MAX_CLOSED_ALERT_IDS} ids`,
    })
    .optional(),
  close_matching_alerts: z.boolean({ error: 'close_matching_alerts must be a boolean' }).optional(),
  close_reason: z
    .enum(CLOSING_REASONS, { error: `close_reason must be one of ${CLOSING_REASONS.join(', ')}` })
    .optional(),
});

const previewBody = z.strictObject({ items });

const updateBody = z.strictObject({ item: exceptionListItem });

const deleteBody = z.strictObject({
  item_id: nonEmptyString,
  namespace_type: namespaceType.default('single'),
});

const NO_EXCEPTIONS = notFound('This host does not keep exception lists through this API');

/** Runs `handle` with the host's exception service, or answers 404 where there is none. */
const withExceptions =
  <Request>(
    handle: (
      exceptions: ExceptionService,
      request: Request,
      services: ApiServices
    ) => Promise<ReturnType<typeof ok>>
  ) =>
  (services: ApiServices, request: Request) =>
    services.exceptions === undefined
      ? Promise.resolve(NO_EXCEPTIONS)
      : handle(services.exceptions, request, services);

export const EXCEPTION_ROUTES: readonly ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/exception_lists`,
    privilege: 'read',
    description: 'every stored exception list with its items and the rules that name it',
    validate: {},
    handler: withExceptions(async (exceptions) => ok(await exceptions.lists())),
  }),
  defineRoute({
    method: 'GET',
    path: `${API_BASE_PATH}/rules/{rule_id}/exceptions`,
    privilege: 'read',
    description:
      "the exception lists a rule names, each item with how many of the rule's alerts it matches",
    validate: { params: ruleIdParams },
    handler: withExceptions(async (exceptions, { params }: { params: { rule_id: string } }) => {
      const found = await exceptions.ruleExceptions(params.rule_id, new Date());
      return found === undefined ? notInstalled(params.rule_id) : ok(found);
    }),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/exceptions`,
    privilege: 'all',
    description:
      "add exception items to a rule's default list (Kibana's rule exceptions API), optionally closing the alert given and every open alert they match",
    validate: { params: ruleIdParams, body: addBody },
    handler: withExceptions(
      async (
        exceptions,
        { params, body }: { params: { rule_id: string }; body: z.infer<typeof addBody> },
        services
      ) => {
        const added = await exceptions.addToRule(
          params.rule_id,
          body.items,
          {
            alertIds: body.close_alert_ids ?? [],
            matching: body.close_matching_alerts === true,
            ...(body.close_reason === undefined ? {} : { reason: body.close_reason }),
          },
          { user: services.user, now: new Date() }
        );
        if (added === undefined) return notInstalled(params.rule_id);
        if ('conflict' in added) return conflict(itemIdExistsMessage(added.conflict));
        return ok(added);
      }
    ),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/rules/{rule_id}/exceptions/_preview`,
    privilege: 'read',
    description:
      'replay the stored history with and without proposed exception items: alerts per day and the terms that change',
    validate: { params: ruleIdParams, body: previewBody },
    handler: withExceptions(
      async (
        exceptions,
        { params, body }: { params: { rule_id: string }; body: z.infer<typeof previewBody> }
      ) => {
        const preview = await exceptions.preview(params.rule_id, body.items, new Date());
        return preview === undefined ? notInstalled(params.rule_id) : ok(preview);
      }
    ),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/exception_items/_update`,
    privilege: 'all',
    description: 'replace a stored exception item (same item_id and namespace_type)',
    validate: { body: updateBody },
    handler: withExceptions(async (exceptions, { body }: { body: z.infer<typeof updateBody> }) =>
      (await exceptions.updateItem(body.item))
        ? ok({ item: body.item })
        : notFound(`exception list item item_id: "${body.item.item_id}" does not exist`)
    ),
  }),
  defineRoute({
    method: 'POST',
    path: `${API_BASE_PATH}/exception_items/_delete`,
    privilege: 'all',
    description: 'delete a stored exception item',
    validate: { body: deleteBody },
    handler: withExceptions(async (exceptions, { body }: { body: z.infer<typeof deleteBody> }) =>
      (await exceptions.removeItem(body.item_id, body.namespace_type))
        ? ok({ item_id: body.item_id, deleted: true })
        : notFound(`exception list item item_id: "${body.item_id}" does not exist`)
    ),
  }),
];
