import { ALERT_NEW_TERMS } from '../../common/alerts/field_names';
import type { ExceptionList, ExceptionListItem } from '../../common/exceptions/exception_schema';
import { UNSUPPORTED_MESSAGES } from '../../common/exceptions/exceptions_to_kql';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { EventFactory, MINUTE, NOW } from '../../test/differential/new_terms_scenarios';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import {
  missingListWarning,
  NO_EXCEPTIONS,
  resolveRuleExceptions,
  unappliedItemWarning,
} from './rule_exceptions';
import { runNewTermsRule } from './run_new_terms_rule';

const reference = (listId: string) =>
  ({ id: `${listId}-id`, list_id: listId, type: 'detection', namespace_type: 'single' }) as const;

const list: ExceptionList = {
  list_id: 'allow',
  type: 'detection',
  name: 'Allow',
  description: '',
  namespace_type: 'single',
};

const item = (itemId: string, entries: ExceptionListItem['entries']): ExceptionListItem => ({
  item_id: itemId,
  list_id: 'allow',
  type: 'simple',
  name: itemId,
  description: '',
  entries,
  namespace_type: 'single',
});

const factory = new EventFactory('exceptions');
const rule = {
  ...unusualInteractiveProcessInContainer,
  index: [factory.index],
  exceptions_list: [reference('allow'), reference('gone')],
};

describe("a rule's exceptions", () => {
  it('applies none for a rule that names no list', () => {
    expect(
      resolveRuleExceptions(
        unusualInteractiveProcessInContainer,
        { lists: [], items: [] },
        new Date(NOW)
      )
    ).toBe(NO_EXCEPTIONS);
  });

  it('warns about a missing list and an item that cannot be applied, and applies the rest', () => {
    const resolved = resolveRuleExceptions(
      rule,
      {
        lists: [list],
        items: [
          item('by-name', [
            { field: 'process.name', operator: 'included', type: 'match', value: 'ok' },
          ]),
          item('by-value-list', [
            {
              field: 'source.ip',
              operator: 'included',
              type: 'list',
              list: { id: 'ips', type: 'ip' },
            },
          ]),
        ],
      },
      new Date(NOW)
    );
    expect(resolved.exclude).toBeDefined();
    expect(resolved.warnings).toEqual([
      missingListWarning(reference('gone')),
      unappliedItemWarning('by-value-list', 'allow', UNSUPPORTED_MESSAGES.valueList),
    ]);
  });

  it('runs with the warnings on its result (a partial failure, not a failed run)', async () => {
    const store = await memoryStoreWith([
      factory.interactive(NOW - 2 * MINUTE, 'ok'),
      factory.interactive(NOW - 2 * MINUTE, 'new'),
    ]);
    try {
      const exceptions = resolveRuleExceptions(
        rule,
        {
          lists: [list],
          items: [
            item('by-name', [
              { field: 'process.name', operator: 'included', type: 'match', value: 'ok' },
            ]),
          ],
        },
        new Date(NOW)
      );
      const result = await runNewTermsRule({
        rule: { uuid: 'r', spaceId: 'default', definition: rule },
        source: store.events,
        sink: store.alerts,
        startedAt: new Date(NOW),
        previousStartedAt: null,
        executionId: 'e',
        exceptions,
      });
      expect(result.status).toBe('partial failure');
      expect(result.warnings).toEqual([missingListWarning(reference('gone'))]);
      const alerts = await store.alerts.list();
      expect(alerts.map((alert) => alert.document[ALERT_NEW_TERMS])).toEqual([['new']]);
      expect(alerts[0]?.document['kibana.alert.rule.exceptions_list']).toEqual(
        rule.exceptions_list
      );
    } finally {
      store.close();
    }
  });
});
