/**
 * The exception form's draft: prefilled from an alert (the new terms on, the context fields off),
 * checked before saving, and turned into the item Kibana's rule exceptions API takes.
 */
import type { AlertDocument } from '../../../common/alerts/alert_document';
import type { ExceptionListItem } from '../../../common/exceptions/exception_schema';
import {
  draftFromAlert,
  draftFromItem,
  draftProblems,
  draftToItem,
  editedItem,
  type ExceptionDraft,
} from './exception_draft';

const alert = (fields: Record<string, unknown>): AlertDocument => ({
  'kibana.alert.rule.name': 'Interactive tools',
  'kibana.alert.new_terms': ['nc'],
  'container_threat_detection.new_terms.fields': ['process.name'],
  process: { name: 'nc', parent: { executable: '/usr/bin/monitor' } },
  host: { name: 'node-1' },
  ...fields,
});

describe('exception draft', () => {
  it('prefills the new term switched on and the context fields switched off', () => {
    const draft = draftFromAlert(
      alert({ container: { id: 'c1', image: { name: 'registry/shop:1' } } })
    );
    expect(draft.name).toBe('Interactive tools: nc');
    expect(draft.conditions).toEqual([
      { field: 'process.name', operator: 'is', value: 'nc', enabled: true },
      { field: 'container.image.name', operator: 'is', value: 'registry/shop:1', enabled: false },
      {
        field: 'process.parent.executable',
        operator: 'is',
        value: '/usr/bin/monitor',
        enabled: false,
      },
      { field: 'host.name', operator: 'is', value: 'node-1', enabled: false },
    ]);
  });

  it('takes a boolean term as the event spells it, and one row per field of several', () => {
    const draft = draftFromAlert(
      alert({
        'kibana.alert.new_terms': ['1', 'root'],
        'container_threat_detection.new_terms.fields': ['process.interactive', 'user.name'],
        process: { interactive: true },
        user: { name: 'root' },
      })
    );
    expect(draft.conditions.slice(0, 2)).toEqual([
      { field: 'process.interactive', operator: 'is', value: 'true', enabled: true },
      { field: 'user.name', operator: 'is', value: 'root', enabled: true },
    ]);
  });

  it('says what is missing before saving', () => {
    const empty: ExceptionDraft = {
      name: ' ',
      comment: '',
      conditions: [
        { field: 'a', operator: 'is', value: '', enabled: true },
        { field: '', operator: 'exists', value: '', enabled: true },
        { field: 'b', operator: 'is', value: '', enabled: false },
      ],
    };
    expect(draftProblems(empty)).toEqual([
      'Give the exception a name.',
      'Give a value for a.',
      'Every condition needs a field.',
    ]);
    expect(draftProblems({ ...empty, name: 'x', conditions: [] })).toEqual([
      'Choose at least one condition.',
    ]);
  });

  it('becomes the item Kibana takes: used rows only, operators as entry types', () => {
    const item = draftToItem({
      name: ' Health check ',
      comment: ' runs every minute ',
      conditions: [
        { field: 'process.parent.executable', operator: 'is', value: '/m', enabled: true },
        { field: 'process.name', operator: 'is_not', value: 'nc', enabled: true },
        { field: 'process.args', operator: 'matches', value: '*--check*', enabled: true },
        { field: 'user.id', operator: 'does_not_exist', value: 'ignored', enabled: true },
        { field: 'host.name', operator: 'is', value: 'n1', enabled: false },
      ],
    });
    expect(item).toEqual({
      type: 'simple',
      name: 'Health check',
      description: 'Added from an alert',
      entries: [
        { type: 'match', operator: 'included', field: 'process.parent.executable', value: '/m' },
        { type: 'match', operator: 'excluded', field: 'process.name', value: 'nc' },
        { type: 'wildcard', operator: 'included', field: 'process.args', value: '*--check*' },
        { type: 'exists', operator: 'excluded', field: 'user.id' },
      ],
      comments: [{ comment: 'runs every minute' }],
    });
  });

  it('edits a stored item as the form shows it, and leaves alone what the form cannot show', () => {
    const item: ExceptionListItem = {
      item_id: 'i1',
      list_id: 'l1',
      type: 'simple',
      name: 'Health check',
      description: 'd',
      namespace_type: 'single',
      comments: [{ comment: 'kept' }],
      entries: [
        { type: 'wildcard', operator: 'excluded', field: 'process.args', value: '*x*' },
        { type: 'exists', operator: 'included', field: 'user.id' },
      ],
    };
    const draft = draftFromItem(item);
    expect(draft?.conditions).toEqual([
      { field: 'process.args', operator: 'does_not_match', value: '*x*', enabled: true },
      { field: 'user.id', operator: 'exists', value: '', enabled: true },
    ]);
    if (draft === undefined) throw new Error('no draft');
    const edited = editedItem(item, {
      ...draft,
      name: 'Renamed',
      conditions: [...draft.conditions.slice(0, 1), { ...draft.conditions[1]!, enabled: false }],
    });
    expect(edited).toEqual({
      ...item,
      name: 'Renamed',
      entries: [{ type: 'wildcard', operator: 'excluded', field: 'process.args', value: '*x*' }],
    });
    expect(
      draftFromItem({
        ...item,
        entries: [{ type: 'match_any', operator: 'included', field: 'a', value: ['b'] }],
      })
    ).toBeUndefined();
  });
});
