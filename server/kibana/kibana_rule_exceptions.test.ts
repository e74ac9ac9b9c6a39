import type { SavedObjectsClientContract } from '@kbn/core/server';
import type { ListPluginSetup } from '@kbn/lists-plugin/server';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { FakeLists, savedObjectsClientFor } from '../../test/kibana_host/fake_lists';
import { missingListWarning } from '../new_terms/rule_exceptions';
import {
  DEFAULT_LISTS_USER,
  EXCEPTION_ITEMS_PER_PAGE,
  exceptionsUnreadableWarning,
  LISTS_PLUGIN_UNAVAILABLE_WARNING,
  loadKibanaRuleExceptions,
} from './kibana_rule_exceptions';

const NOW = new Date('2026-12-01T00:00:00Z');
const SPACE = 'soc';
const SHARED = {
  id: 'so-1',
  list_id: 'shared',
  type: 'detection',
  namespace_type: 'single',
} as const;
const matchEntry = (value: string) => ({
  field: 'process.name',
  operator: 'included',
  type: 'match',
  value,
});

const ruleNaming = (
  references: NonNullable<NewTermsRuleDefinition['exceptions_list']>
): NewTermsRuleDefinition => ({
  ...unusualInteractiveProcessInContainer,
  exceptions_list: references,
});

const load = (
  lists: ListPluginSetup | undefined,
  definition: NewTermsRuleDefinition,
  savedObjectsClient: SavedObjectsClientContract = savedObjectsClientFor(SPACE),
  updatedBy: string | null = 'analyst'
) => loadKibanaRuleExceptions({ lists, savedObjectsClient, updatedBy, definition, now: NOW });

describe('loadKibanaRuleExceptions', () => {
  it('reads nothing for a rule without exception lists, whether or not Security is there', async () => {
    const lists = new FakeLists();
    expect(await load(lists.setup, unusualInteractiveProcessInContainer)).toEqual({
      exclude: undefined,
      warnings: [],
    });
    expect(await load(undefined, unusualInteractiveProcessInContainer)).toEqual({
      exclude: undefined,
      warnings: [],
    });
    expect(lists.clientUsers).toEqual([]);
  });

  it("leaves out the events an item of the rule's list matches, acting as the rule's last updater", async () => {
    const lists = new FakeLists();
    lists.createList(SPACE, { list_id: 'shared', name: 'Shared', namespace_type: 'single' });
    lists.createItem(SPACE, {
      list_id: 'shared',
      name: 'health check',
      namespace_type: 'single',
      entries: [matchEntry('nc')],
    });
    const resolved = await load(lists.setup, ruleNaming([SHARED]));
    expect(resolved.warnings).toEqual([]);
    expect(resolved.exclude).toBeDefined();
    expect(lists.clientUsers).toEqual(['analyst']);
    await load(lists.setup, ruleNaming([SHARED]), savedObjectsClientFor(SPACE), null);
    expect(lists.clientUsers).toEqual(['analyst', DEFAULT_LISTS_USER]);
  });

  it('reads every page: more items than one page holds are all applied', async () => {
    const lists = new FakeLists();
    lists.createList(SPACE, { list_id: 'shared', name: 'Shared', namespace_type: 'single' });
    const count = EXCEPTION_ITEMS_PER_PAGE + 1;
    for (let i = 0; i < count; i += 1)
      lists.createItem(SPACE, {
        list_id: 'shared',
        name: `item ${i}`,
        namespace_type: 'single',
        entries: [matchEntry(`tool-${i}`)],
      });
    const resolved = await load(lists.setup, ruleNaming([SHARED]));
    expect(resolved.warnings).toEqual([]);
    // The last item (on the second page) is part of the exclusion.
    expect(JSON.stringify(resolved.exclude)).toContain(`tool-${count - 1}`);
  });

  it("warns about a list the rule names that does not exist in the rule's space", async () => {
    const lists = new FakeLists();
    lists.createList('elsewhere', { list_id: 'shared', name: 'Shared', namespace_type: 'single' });
    const resolved = await load(lists.setup, ruleNaming([SHARED]));
    expect(resolved).toEqual({ exclude: undefined, warnings: [missingListWarning(SHARED)] });
  });

  it('warns about an item whose entries this plugin cannot read, and applies the others', async () => {
    const lists = new FakeLists();
    lists.createList(SPACE, { list_id: 'shared', name: 'Shared', namespace_type: 'single' });
    lists.createItem(SPACE, {
      item_id: 'odd',
      list_id: 'shared',
      name: 'odd',
      namespace_type: 'single',
      entries: [{ field: 'process.name', operator: 'sometimes', type: 'match', value: 'x' }],
    });
    lists.createItem(SPACE, {
      list_id: 'shared',
      name: 'fine',
      namespace_type: 'single',
      entries: [matchEntry('nc')],
    });
    const resolved = await load(lists.setup, ruleNaming([SHARED]));
    expect(resolved.warnings).toHaveLength(1);
    expect(resolved.warnings[0]).toContain('Exception item "odd" of list "shared" was not applied');
    expect(JSON.stringify(resolved.exclude)).toContain('nc');
  });

  it('warns, and applies none, when Security is not installed or the lists cannot be read', async () => {
    expect(await load(undefined, ruleNaming([SHARED]))).toEqual({
      exclude: undefined,
      warnings: [LISTS_PLUGIN_UNAVAILABLE_WARNING],
    });
    const refusing: ListPluginSetup = {
      getExceptionListClient: () => ({
        getExceptionList: () => Promise.reject(new Error('Unable to find exception-list')),
        findExceptionListsItemPointInTimeFinder: () => Promise.resolve(),
      }),
    };
    expect(await load(refusing, ruleNaming([SHARED]))).toEqual({
      exclude: undefined,
      warnings: [exceptionsUnreadableWarning('Unable to find exception-list')],
    });
  });
});
