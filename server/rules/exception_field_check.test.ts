/**
 * The missing-field check over a real embedded store: fields no event of the rule's indices has
 * are named, expired items are not checked, and a field once found is not searched again.
 */
import type { ExceptionSet } from '../../common/exceptions/exception_schema';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import { EventFactory, NOW } from '../../test/differential/new_terms_scenarios';
import { memoryStoreWith } from '../../test/helpers/memory_store';
import type { EventLookups } from '../stores/store_contract';
import {
  checkExceptionFields,
  missingExceptionFieldsWarning,
  PresentFields,
} from './exception_field_check';

const factory = new EventFactory('field-check');
const reference = {
  id: 'l',
  list_id: 'l',
  type: 'detection' as const,
  namespace_type: 'single' as const,
};
const definition = {
  ...unusualInteractiveProcessInContainer,
  index: [factory.index],
  exceptions_list: [reference],
};
const item = (itemId: string, field: string, expireTime?: string) => ({
  item_id: itemId,
  list_id: 'l',
  type: 'simple' as const,
  name: itemId,
  description: '',
  namespace_type: 'single' as const,
  entries: [{ field, operator: 'included' as const, type: 'exists' as const }],
  ...(expireTime === undefined ? {} : { expire_time: expireTime }),
});
const exceptions: ExceptionSet = {
  lists: [
    { list_id: 'l', type: 'detection', name: 'l', description: '', namespace_type: 'single' },
  ],
  items: [
    item('present', 'process.name'),
    item('typo', 'process.nmae'),
    item('expired', 'process.gone', new Date(NOW - 1000).toISOString()),
  ],
};

describe('checkExceptionFields', () => {
  it('names the missing fields and searches a present one only once', async () => {
    const store = await memoryStoreWith([factory.interactive(NOW - 60_000, 'nc')]);
    try {
      const searched: string[] = [];
      const lookups: EventLookups = {
        getEvent: (index, id) => store.lookups.getEvent(index, id),
        searchEvents: (request) => {
          searched.push(JSON.stringify(request.query));
          return store.lookups.searchEvents(request);
        },
        fieldPrevalence: (request) => store.lookups.fieldPrevalence(request),
      };
      const present = new PresentFields();
      const warning = missingExceptionFieldsWarning(['process.nmae']);
      const now = new Date(NOW);
      expect(await checkExceptionFields(lookups, definition, exceptions, now, present)).toBe(
        warning
      );
      expect(searched).toHaveLength(2);
      expect(await checkExceptionFields(lookups, definition, exceptions, now, present)).toBe(
        warning
      );
      expect(searched).toHaveLength(3);
      expect(searched[2]).toContain('process.nmae');
    } finally {
      store.close();
    }
  });
});
