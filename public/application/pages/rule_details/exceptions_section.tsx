/**
 * A rule's exceptions, as Kibana's rule details "Rule exceptions" tab shows them (standalone only;
 * inside Kibana, Security manages them): every list the rule names, each item with its conditions
 * in words, its comments, its expiry and author, and how many of the rule's stored alerts it
 * describes (those it would have left out). Items can be renamed and removed; removing asks first.
 * Values are rendered as plain text only.
 */
import { useState } from 'react';
import {
  EuiBadge,
  EuiButtonEmpty,
  EuiCallOut,
  EuiConfirmModal,
  EuiFieldText,
  EuiFlexGroup,
  EuiFlexItem,
  EuiIcon,
  EuiPanel,
  EuiSpacer,
  EuiText,
  EuiTitle,
} from '@elastic/eui';
import type {
  RuleExceptionItemView,
  RuleExceptionListView,
  RuleExceptionsResponse,
} from '../../../../common/api/exceptions_api';
import type {
  ExceptionEntry,
  ExceptionListItem,
  NestedEntryItem,
} from '../../../../common/exceptions/exception_schema';
import type { ApiClient } from '../../api_client';
import { ApiCallContent } from '../../components/page_state';
import { useToasts } from '../../components/toasts';
import { toError, useApiCall } from '../../components/use_api_call';
import { formatTime } from '../alerts/shared/format';
import { draftFromItem, type ExceptionDraft } from '../../exceptions/exception_draft';
import { LazyEditExceptionFlyout } from '../../exceptions/lazy_exception_flyouts';
import { SectionPanel } from './section_panel';

export interface ExceptionsSectionProps {
  readonly api: ApiClient;
  readonly ruleId: string;
  /** Changes when the rule's exceptions or alerts may have changed (a run, an edit): read again. */
  readonly reloadKey?: string | number;
}

export const EMPTY_EXCEPTIONS_TEXT =
  'No exceptions. Add one from an alert of this rule (Add rule exception).';

export const missingListMessage = (listId: string): string =>
  `Exception list "${listId}" is named by this rule but does not exist; its exceptions are not applied.`;

/** One condition in words, as Kibana's exception item card reads them. */
export const entryText = (entry: ExceptionEntry | NestedEntryItem): string => {
  if (entry.type === 'nested')
    return `${entry.field} > { ${entry.entries.map(entryText).join(' AND ')} }`;
  const included = entry.operator === 'included';
  switch (entry.type) {
    case 'match':
      return `${entry.field} ${included ? 'is' : 'is not'} ${entry.value}`;
    case 'match_any':
      return `${entry.field} ${included ? 'is one of' : 'is not one of'} ${entry.value.join(', ')}`;
    case 'exists':
      return `${entry.field} ${included ? 'exists' : 'does not exist'}`;
    case 'wildcard':
      return `${entry.field} ${included ? 'matches pattern' : 'does not match pattern'} ${entry.value}`;
    case 'list':
      return `${entry.field} ${included ? 'is in list' : 'is not in list'} ${entry.list.id}`;
  }
};

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

const isPast = (iso: string): boolean => {
  const time = new Date(iso).getTime();
  return !Number.isNaN(time) && time <= Date.now();
};

const ItemConditions = ({ item }: { readonly item: ExceptionListItem }) => (
  <EuiText size="s" data-test-subj="ctdRuleExceptionConditions">
    {item.entries.map((entry, index) => (
      <div key={index} data-test-subj="ctdRuleExceptionCondition">
        {index > 0 ? (
          <>
            <EuiBadge color="hollow">AND</EuiBadge>{' '}
          </>
        ) : null}
        <code>{entryText(entry)}</code>
      </div>
    ))}
  </EuiText>
);

const ItemComments = ({ item }: { readonly item: ExceptionListItem }) => {
  const comments = item.comments ?? [];
  if (comments.length === 0) return null;
  return (
    <>
      <EuiSpacer size="s" />
      <EuiText size="s" data-test-subj="ctdRuleExceptionComments">
        {comments.map((comment, index) => (
          <p key={comment.id ?? index}>
            {comment.created_by || comment.created_at ? (
              <EuiText size="xs" color="subdued" component="span">
                {[
                  comment.created_by,
                  comment.created_at ? formatTime(comment.created_at) : undefined,
                ]
                  .filter((part) => part)
                  .join(' · ')}
                {': '}
              </EuiText>
            ) : null}
            {comment.comment}
          </p>
        ))}
      </EuiText>
    </>
  );
};

const itemMeta = (item: ExceptionListItem): string => {
  const parts: string[] = [];
  if (item.created_by || item.created_at) {
    parts.push(
      [
        'Created',
        item.created_by ? `by ${item.created_by}` : undefined,
        item.created_at ? `on ${formatTime(item.created_at)}` : undefined,
      ]
        .filter((part) => part)
        .join(' ')
    );
  }
  if (item.updated_by && item.updated_at && item.updated_at !== item.created_at)
    parts.push(`updated by ${item.updated_by} on ${formatTime(item.updated_at)}`);
  return parts.join(', ');
};

interface ItemActions {
  readonly onRemove: (item: ExceptionListItem) => void;
  readonly onRename: (item: ExceptionListItem, name: string) => Promise<boolean>;
  readonly onEdit: (item: ExceptionListItem, draft: ExceptionDraft) => void;
}

const NameEditor = ({
  item,
  onRename,
  onDone,
}: {
  readonly item: ExceptionListItem;
  readonly onRename: ItemActions['onRename'];
  readonly onDone: () => void;
}) => {
  const [name, setName] = useState(item.name);
  const [saving, setSaving] = useState(false);
  const blank = name.trim() === '';
  const save = async () => {
    setSaving(true);
    const saved = await onRename(item, name.trim());
    setSaving(false);
    if (saved) onDone();
  };
  return (
    <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
      <EuiFlexItem>
        <EuiFieldText
          compressed
          value={name}
          onChange={(event) => setName(event.target.value)}
          isInvalid={blank}
          aria-label="Exception name"
          data-test-subj="ctdRuleExceptionNameField"
        />
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiButtonEmpty
          size="s"
          iconType="check"
          onClick={() => void save()}
          isDisabled={blank || name.trim() === item.name}
          isLoading={saving}
          data-test-subj="ctdRuleExceptionSaveName"
        >
          Save
        </EuiButtonEmpty>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiButtonEmpty size="s" onClick={onDone} isDisabled={saving}>
          Cancel
        </EuiButtonEmpty>
      </EuiFlexItem>
    </EuiFlexGroup>
  );
};

const ExceptionItemCard = ({
  view,
  actions,
}: {
  readonly view: RuleExceptionItemView;
  readonly actions: ItemActions;
}) => {
  const { item } = view;
  const [renaming, setRenaming] = useState(false);
  const meta = itemMeta(item);
  const draft = draftFromItem(item);
  return (
    <EuiPanel hasBorder paddingSize="m" data-test-subj={`ctdRuleExceptionItem-${item.item_id}`}>
      <EuiFlexGroup alignItems="center" gutterSize="s" responsive={false}>
        <EuiFlexItem>
          {renaming ? (
            <NameEditor item={item} onRename={actions.onRename} onDone={() => setRenaming(false)} />
          ) : (
            <EuiTitle size="xxs">
              <h5 data-test-subj="ctdRuleExceptionName">{item.name}</h5>
            </EuiTitle>
          )}
        </EuiFlexItem>
        {renaming ? null : (
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty
              size="xs"
              iconType="pencil"
              onClick={() => setRenaming(true)}
              data-test-subj="ctdRuleExceptionEditName"
            >
              Edit name
            </EuiButtonEmpty>
          </EuiFlexItem>
        )}
        {renaming || draft === undefined ? null : (
          <EuiFlexItem grow={false}>
            <EuiButtonEmpty
              size="xs"
              iconType="controlsHorizontal"
              onClick={() => actions.onEdit(item, draft)}
              aria-label={`Edit the conditions of exception ${item.name}`}
              data-test-subj="ctdRuleExceptionEdit"
            >
              Edit conditions
            </EuiButtonEmpty>
          </EuiFlexItem>
        )}
        <EuiFlexItem grow={false}>
          <EuiButtonEmpty
            size="xs"
            color="danger"
            iconType="trash"
            onClick={() => actions.onRemove(item)}
            aria-label={`Remove exception ${item.name}`}
            data-test-subj="ctdRuleExceptionRemove"
          >
            Remove
          </EuiButtonEmpty>
        </EuiFlexItem>
      </EuiFlexGroup>
      {item.description.trim() === '' ? null : (
        <EuiText size="s" color="subdued">
          <p>{item.description}</p>
        </EuiText>
      )}
      <EuiSpacer size="s" />
      <ItemConditions item={item} />
      <ItemComments item={item} />
      <EuiSpacer size="s" />
      <EuiFlexGroup gutterSize="m" wrap responsive={false} alignItems="center">
        <EuiFlexItem grow={false}>
          <EuiText size="s" data-test-subj="ctdRuleExceptionMatches">
            <strong>Would have left out {plural(view.matching_alerts, 'alert')}</strong>
          </EuiText>
        </EuiFlexItem>
        {item.expire_time ? (
          <EuiFlexItem grow={false}>
            <EuiText
              size="xs"
              color={isPast(item.expire_time) ? 'warning' : 'subdued'}
              data-test-subj="ctdRuleExceptionExpires"
            >
              {isPast(item.expire_time) ? 'expired' : 'expires'} {formatTime(item.expire_time)}
            </EuiText>
          </EuiFlexItem>
        ) : null}
        {meta === '' ? null : (
          <EuiFlexItem grow={false}>
            <EuiText size="xs" color="subdued" data-test-subj="ctdRuleExceptionCreated">
              {meta}
            </EuiText>
          </EuiFlexItem>
        )}
      </EuiFlexGroup>
      {view.unsupported === undefined ? null : (
        <>
          <EuiSpacer size="s" />
          <EuiText size="s" color="warning" data-test-subj="ctdRuleExceptionUnsupported">
            <EuiIcon type="warning" /> Not applied: {view.unsupported}
          </EuiText>
        </>
      )}
    </EuiPanel>
  );
};

const ExceptionListBlock = ({
  view,
  actions,
}: {
  readonly view: RuleExceptionListView & {
    readonly list: NonNullable<RuleExceptionListView['list']>;
  };
  readonly actions: ItemActions;
}) => (
  <div data-test-subj={`ctdRuleExceptionList-${view.list.list_id}`}>
    <EuiFlexGroup gutterSize="s" alignItems="center" responsive={false}>
      <EuiFlexItem grow={false}>
        <EuiTitle size="xs">
          <h4>{view.list.name}</h4>
        </EuiTitle>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiBadge color={view.list.type === 'rule_default' ? 'hollow' : 'primary'}>
          {view.list.type === 'rule_default' ? 'rule default' : 'shared'}
        </EuiBadge>
      </EuiFlexItem>
      <EuiFlexItem grow={false}>
        <EuiText size="xs" color="subdued">
          {plural(view.items.length, 'exception')}
        </EuiText>
      </EuiFlexItem>
    </EuiFlexGroup>
    <EuiSpacer size="s" />
    {view.items.length === 0 ? (
      <EuiText size="s" color="subdued">
        <p>No exceptions in this list.</p>
      </EuiText>
    ) : (
      <EuiFlexGroup direction="column" gutterSize="s">
        {view.items.map((itemView) => (
          <EuiFlexItem key={`${itemView.item.namespace_type}:${itemView.item.item_id}`}>
            <ExceptionItemCard view={itemView} actions={actions} />
          </EuiFlexItem>
        ))}
      </EuiFlexGroup>
    )}
  </div>
);

const ExceptionLists = ({
  response,
  actions,
}: {
  readonly response: RuleExceptionsResponse;
  readonly actions: ItemActions;
}) => {
  const missing = response.lists.filter((view) => view.list === null);
  const present = response.lists.flatMap((view) =>
    view.list === null ? [] : [{ ...view, list: view.list }]
  );
  const itemCount = present.reduce((count, view) => count + view.items.length, 0);
  return (
    <>
      {missing.map((view) => (
        <div key={`${view.reference.namespace_type}:${view.reference.list_id}`}>
          <EuiCallOut
            size="s"
            color="warning"
            iconType="warning"
            title={missingListMessage(view.reference.list_id)}
            data-test-subj="ctdRuleExceptionMissingList"
          />
          <EuiSpacer size="s" />
        </div>
      ))}
      {itemCount === 0 ? (
        <EuiText size="s" color="subdued" data-test-subj="ctdRuleExceptionsEmpty">
          <p>{EMPTY_EXCEPTIONS_TEXT}</p>
        </EuiText>
      ) : (
        present.map((view, index) => (
          <div key={`${view.reference.namespace_type}:${view.reference.list_id}`}>
            {index > 0 ? <EuiSpacer size="m" /> : null}
            <ExceptionListBlock view={view} actions={actions} />
          </div>
        ))
      )}
    </>
  );
};

export const ExceptionsSection = ({ api, ruleId, reloadKey }: ExceptionsSectionProps) => {
  const toasts = useToasts();
  const exceptions = useApiCall(() => api.getRuleExceptions(ruleId), [api, ruleId, reloadKey]);
  const [confirming, setConfirming] = useState<ExceptionListItem | undefined>(undefined);
  const [removing, setRemoving] = useState(false);

  const withoutItem = (
    current: RuleExceptionsResponse | undefined,
    removed: ExceptionListItem
  ): RuleExceptionsResponse => ({
    rule_id: current?.rule_id ?? ruleId,
    lists: (current?.lists ?? []).map((view) => ({
      ...view,
      items: view.items.filter(
        ({ item }) =>
          item.item_id !== removed.item_id || item.namespace_type !== removed.namespace_type
      ),
    })),
  });

  const remove = async (item: ExceptionListItem) => {
    setRemoving(true);
    try {
      await api.deleteExceptionItem({ item_id: item.item_id, namespace_type: item.namespace_type });
      exceptions.setData((current) => withoutItem(current, item));
      toasts.success(`Removed exception "${item.name}"`);
      exceptions.reload();
    } catch (error) {
      toasts.error(`Could not remove exception "${item.name}"`, toError(error));
    } finally {
      setRemoving(false);
      setConfirming(undefined);
    }
  };

  const [editing, setEditing] = useState<
    { readonly item: ExceptionListItem; readonly draft: ExceptionDraft } | undefined
  >(undefined);

  const actions: ItemActions = {
    onRemove: setConfirming,
    onEdit: (item, draft) => setEditing({ item, draft }),
    onRename: async (item, name) => {
      try {
        await api.updateExceptionItem({ ...item, name });
        toasts.success(`Renamed exception to "${name}"`);
        exceptions.reload();
        return true;
      } catch (error) {
        toasts.error(`Could not rename exception "${item.name}"`, toError(error));
        return false;
      }
    },
  };

  return (
    <SectionPanel title="Rule exceptions" data-test-subj="ctdRuleExceptions">
      <ApiCallContent
        state={exceptions}
        errorTitle="Could not load the rule's exceptions"
        loadingLabel="Loading rule exceptions"
      >
        {(response) => <ExceptionLists response={response} actions={actions} />}
      </ApiCallContent>
      {editing === undefined ? null : (
        <LazyEditExceptionFlyout
          api={api}
          item={editing.item}
          draft={editing.draft}
          onClose={() => setEditing(undefined)}
          onSaved={(item) => {
            setEditing(undefined);
            toasts.success(`Saved exception "${item.name}"`);
            exceptions.reload();
          }}
        />
      )}
      {confirming === undefined ? null : (
        <EuiConfirmModal
          title={`Remove "${confirming.name}"?`}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => void remove(confirming)}
          cancelButtonText="Keep the exception"
          confirmButtonText="Remove exception"
          buttonColor="danger"
          isLoading={removing}
          data-test-subj="ctdRemoveRuleExceptionModal"
        >
          <p>
            The exception is deleted from its list: later runs of every rule naming the list no
            longer leave out the events it describes. Alerts it closed stay closed.
          </p>
        </EuiConfirmModal>
      )}
    </SectionPanel>
  );
};
