import type { ExceptionSet } from '../../common/exceptions/exception_schema';
import { privilegedDockerContainerCreation } from '../../common/rules/prebuilt/privileged_docker_container_creation';
import { unusualInteractiveProcessInContainer } from '../../common/rules/prebuilt/unusual_interactive_process_in_container';
import type { NewTermsRuleDefinition } from '../../common/rules/rule_schema';
import { scanIndexedFields } from './scan_indexed_fields';

const LIST = { id: 'l1', list_id: 'shells', type: 'detection', namespace_type: 'single' } as const;

const exceptionsWith = (entries: ExceptionSet['items'][number]['entries']): ExceptionSet => ({
  lists: [
    {
      list_id: 'shells',
      type: 'detection',
      name: 'Shells',
      description: '',
      namespace_type: 'single',
    },
  ],
  items: [
    {
      item_id: 'i1',
      list_id: 'shells',
      type: 'simple',
      name: 'i1',
      description: '',
      namespace_type: 'single',
      entries,
      // Expired long ago: earlier executions of a replay still applied it.
      expire_time: '2001-01-01T00:00:00.000Z',
    },
  ],
});

const withQuery = (query: string): NewTermsRuleDefinition => ({
  ...unusualInteractiveProcessInContainer,
  query,
});

describe('scanIndexedFields', () => {
  it('indexes what the prebuilt rules search: query, new terms and timestamp fields', () => {
    const indexes = scanIndexedFields([
      unusualInteractiveProcessInContainer,
      privilegedDockerContainerCreation,
    ]);
    if (indexes === undefined) throw new Error('expected a filter');
    for (const field of [
      'process.name',
      'process.interactive',
      'process.entry_leader.entry_meta.type',
      'event.ingested',
      '@timestamp',
      'host.os.type',
    ])
      expect(indexes(field)).toBe(true);
    for (const field of [...privilegedDockerContainerCreation.new_terms_fields])
      expect(indexes(field)).toBe(true);
    for (const field of ['process.pid', 'user.name', 'agent.id', 'container.image.name'])
      expect(indexes(field)).toBe(false);
  });

  it('adds the fields exception items test, expired items included, and suppression group-by fields', () => {
    const rule: NewTermsRuleDefinition = {
      ...unusualInteractiveProcessInContainer,
      exceptions_list: [LIST],
      alert_suppression: { group_by: ['host.id'], missing_fields_strategy: 'suppress' },
    };
    const indexes = scanIndexedFields(
      [rule],
      exceptionsWith([
        { field: 'process.parent.executable', operator: 'included', type: 'match', value: '/x' },
      ])
    );
    expect(indexes?.('process.parent.executable')).toBe(true);
    expect(indexes?.('host.id')).toBe(true);
    expect(indexes?.('user.name')).toBe(false);
  });

  it('indexes every field for a bare value, a wildcard field or a nested exception entry', () => {
    expect(scanIndexedFields([withQuery('bash')])).toBeUndefined();
    expect(scanIndexedFields([withQuery('process.*: bash')])).toBeUndefined();
    const nested = {
      ...unusualInteractiveProcessInContainer,
      exceptions_list: [LIST],
    };
    expect(
      scanIndexedFields(
        [nested],
        exceptionsWith([
          {
            field: 'file.Ext.code_signature',
            type: 'nested',
            entries: [{ field: 'trusted', operator: 'included', type: 'match', value: 'true' }],
          },
        ])
      )
    ).toBeUndefined();
  });
});
