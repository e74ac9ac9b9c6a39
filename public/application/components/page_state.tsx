/**
 * The states every page shows the same way:
 *
 * - `<LoadingState />` — a centred spinner (first load of a page or section);
 * - `<EmptyState title="No alerts" body="…" actions={<EuiButton …/>} />` — an EuiEmptyPrompt;
 * - `<ErrorState title="Could not load rules" error={error} onRetry={reload} />` — a danger callout
 *   with the server's message (ApiError) and an optional Retry button;
 * - `<NotFoundState title="…" body="…" />` — an unknown page, rule or alert;
 * - `<ApiCallContent state={useApiCall(…)} errorTitle="…">{(data) => …}</ApiCallContent>` — the
 *   three combined: spinner until the first answer, the error when the last call failed (data from
 *   an earlier call stays visible under it), else the children with the data.
 */
import type { ReactNode } from 'react';
import {
  EuiButton,
  EuiCallOut,
  EuiEmptyPrompt,
  EuiFlexGroup,
  EuiFlexItem,
  EuiLoadingSpinner,
  EuiSpacer,
} from '@elastic/eui';
import { ApiError } from '../api_error';
import type { ApiCallState } from './use_api_call';

export const LoadingState = ({ label = 'Loading' }: { readonly label?: string }) => (
  <EuiFlexGroup
    justifyContent="center"
    alignItems="center"
    style={{ minHeight: 160 }}
    role="status"
    aria-live="polite"
  >
    <EuiFlexItem grow={false}>
      <EuiLoadingSpinner size="xl" aria-label={label} />
    </EuiFlexItem>
  </EuiFlexGroup>
);

export interface EmptyStateProps {
  readonly title: string;
  readonly body?: ReactNode;
  readonly actions?: ReactNode;
  readonly iconType?: string;
}

export const EmptyState = ({ title, body, actions, iconType = 'search' }: EmptyStateProps) => (
  <EuiEmptyPrompt
    iconType={iconType}
    title={<h2>{title}</h2>}
    body={body}
    actions={actions}
    titleSize="s"
  />
);

export const NotFoundState = ({
  title = 'Page not found',
  body,
  actions,
}: Partial<EmptyStateProps>) => (
  <EuiEmptyPrompt
    iconType="warning"
    color="subdued"
    title={<h2>{title}</h2>}
    body={body}
    actions={actions}
    titleSize="s"
  />
);

/** The message to show for a failed call: the server's own for an ApiError (with its status). */
export const errorMessage = (error: Error): string =>
  error instanceof ApiError
    ? `${error.message}${error.status > 0 ? ` (HTTP ${error.status})` : ''}`
    : error.message;

export interface ErrorStateProps {
  readonly title: string;
  readonly error: Error;
  readonly onRetry?: () => void;
}

export const ErrorState = ({ title, error, onRetry }: ErrorStateProps) => (
  <EuiCallOut
    title={title}
    color="danger"
    iconType="error"
    role="alert"
    data-test-subj="ctdErrorState"
  >
    <p>{errorMessage(error)}</p>
    {onRetry ? (
      <EuiButton color="danger" size="s" onClick={onRetry}>
        Retry
      </EuiButton>
    ) : null}
  </EuiCallOut>
);

export interface ApiCallContentProps<T> {
  readonly state: ApiCallState<T>;
  readonly errorTitle: string;
  readonly loadingLabel?: string;
  readonly children: (data: T) => ReactNode;
}

export const ApiCallContent = <T,>({
  state,
  errorTitle,
  loadingLabel,
  children,
}: ApiCallContentProps<T>) => {
  const error = state.error ? (
    <ErrorState title={errorTitle} error={state.error} onRetry={state.reload} />
  ) : null;
  if (state.data === undefined) return error ?? <LoadingState label={loadingLabel} />;
  return (
    <>
      {error ? (
        <>
          {error}
          <EuiSpacer size="m" />
        </>
      ) : null}
      {children(state.data)}
    </>
  );
};
