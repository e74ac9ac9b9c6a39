/**
 * The lists double behaves and refuses as Kibana's lists plugin does on the reads a rule execution
 * makes (sources cited in fake_lists.ts).
 */
import type { FoundExceptionListItemSchema } from '@kbn/securitysolution-io-ts-list-types';
import {
  FakeLists,
  MAX_RESULT_WINDOW,
  resultWindowTooLarge,
  savedObjectsClientFor,
  UnmodelledListsFeatureError,
} from './fake_lists';

const ENTRY = { field: 'process.name', operator: 'included', type: 'match', value: 'nc' };

const findAll = async (
  lists: FakeLists,
  space: string,
  listIds: string[],
  namespaceTypes: Array<'single' | 'agnostic'>,
  page: { perPage?: number; maxSize?: number } = {}
): Promise<FoundExceptionListItemSchema[]> => {
  const pages: FoundExceptionListItemSchema[] = [];
  await lists.setup
    .getExceptionListClient(savedObjectsClientFor(space), 'elastic', false)
    .findExceptionListsItemPointInTimeFinder({
      listId: listIds,
      namespaceType: namespaceTypes,
      filter: [],
      perPage: page.perPage,
      maxSize: page.maxSize,
      sortField: undefined,
      sortOrder: undefined,
      executeFunctionOnStream: (found) => pages.push(found),
    });
  return pages;
};

describe('the lists plugin double', () => {
  it('keeps single lists to their space and agnostic lists in every space', async () => {
    const lists = new FakeLists();
    lists.createList('default', { list_id: 'mine', name: 'Mine', namespace_type: 'single' });
    lists.createItem('default', {
      list_id: 'mine',
      name: 'a',
      namespace_type: 'single',
      entries: [ENTRY],
    });
    lists.createList('soc', { list_id: 'global', name: 'Global', namespace_type: 'agnostic' });
    lists.createItem('soc', {
      list_id: 'global',
      name: 'b',
      namespace_type: 'agnostic',
      entries: [ENTRY],
    });
    const inSoc = lists.setup.getExceptionListClient(savedObjectsClientFor('soc'), 'elastic');
    expect(
      await inSoc.getExceptionList({ id: undefined, listId: 'mine', namespaceType: 'single' })
    ).toBeNull();
    expect(
      await inSoc.getExceptionList({ id: undefined, listId: 'global', namespaceType: 'agnostic' })
    ).toMatchObject({ list_id: 'global', namespace_type: 'agnostic', type: 'detection' });
    const found = await findAll(lists, 'default', ['mine', 'global'], ['single', 'agnostic']);
    expect(found.flatMap((page) => page.data.map((item) => item.name))).toEqual(['a', 'b']);
    expect(await findAll(lists, 'soc', ['mine'], ['single'])).toEqual([]);
  });

  it('never calls the stream when none of the lists exists, and answers null without a list_id', async () => {
    const lists = new FakeLists();
    expect(await findAll(lists, 'default', ['missing'], ['single'])).toEqual([]);
    const client = lists.setup.getExceptionListClient(savedObjectsClientFor('default'), 'elastic');
    expect(
      await client.getExceptionList({ id: undefined, listId: undefined, namespaceType: 'single' })
    ).toBeNull();
  });

  it('streams pages of perPage (100 by default) and stops at maxSize', async () => {
    const lists = new FakeLists();
    lists.createList('default', { list_id: 'big', name: 'Big', namespace_type: 'single' });
    for (let i = 0; i < 250; i += 1)
      lists.createItem('default', {
        list_id: 'big',
        name: `i${i}`,
        namespace_type: 'single',
        entries: [ENTRY],
      });
    const byDefault = await findAll(lists, 'default', ['big'], ['single']);
    expect(byDefault.map((page) => page.data.length)).toEqual([100, 100, 50]);
    const capped = await findAll(lists, 'default', ['big'], ['single'], {
      perPage: 60,
      maxSize: 130,
    });
    expect(capped.map((page) => page.data.length)).toEqual([60, 60, 10]);
  });

  it("refuses a page above Elasticsearch's result window, with its message", async () => {
    const lists = new FakeLists();
    lists.createList('default', { list_id: 'l', name: 'L', namespace_type: 'single' });
    await expect(
      findAll(lists, 'default', ['l'], ['single'], { perPage: MAX_RESULT_WINDOW + 1 })
    ).rejects.toThrow(resultWindowTooLarge(MAX_RESULT_WINDOW + 1));
  });

  it("refuses an item for a list that does not exist, with the item route's message", () => {
    const lists = new FakeLists();
    expect(() =>
      lists.createItem('default', {
        list_id: 'nope',
        name: 'x',
        namespace_type: 'single',
        entries: [],
      })
    ).toThrow('exception list id: "nope" does not exist');
  });

  it('refuses what it does not model instead of answering leniently', async () => {
    const lists = new FakeLists();
    const client = lists.setup.getExceptionListClient(savedObjectsClientFor('default'), 'elastic');
    await expect(
      client.getExceptionList({ id: 'so-id', listId: undefined, namespaceType: 'single' })
    ).rejects.toThrow(UnmodelledListsFeatureError);
    await expect(
      client.findExceptionListsItemPointInTimeFinder({
        listId: ['l'],
        namespaceType: ['single'],
        filter: ['exception-list.attributes.name: x'],
        perPage: 10,
        maxSize: undefined,
        sortField: undefined,
        sortOrder: undefined,
        executeFunctionOnStream: () => undefined,
      })
    ).rejects.toThrow(UnmodelledListsFeatureError);
  });
});
