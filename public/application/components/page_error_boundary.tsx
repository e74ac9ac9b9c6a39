/**
 * Catches what a page throws while loading or rendering, so one page's failure never blanks the
 * whole app: a chunk the server could not send (it was stopped, or an upgrade replaced the files)
 * or a bug. The page shows the error with Retry; Retry, or going to another page, renders afresh.
 */
import { Component, type ReactNode } from 'react';
import { toError } from './use_api_call';
import { ErrorState } from './page_state';

/** How browsers word a dynamic `import()` that failed to fetch (Chromium, Firefox, Safari). */
const CHUNK_LOAD_FAILURE =
  /dynamically imported module|error loading dynamically imported module|Importing a module script failed/i;

export const isChunkLoadFailure = (error: Error): boolean => CHUNK_LOAD_FAILURE.test(error.message);

/** The error as the user reads it: a failed download says what to check first. */
export const pageFailure = (error: Error): Error =>
  isChunkLoadFailure(error)
    ? new Error(
        `The page's code could not be loaded from the server; check that it is running, then retry. (${error.message})`
      )
    : error;

export interface PageErrorBoundaryProps {
  readonly children: ReactNode;
  /** A new key clears a caught error (the user retried, or went to another page). */
  readonly resetKey: string;
  readonly onRetry: () => void;
}

interface PageErrorBoundaryState {
  readonly error: Error | undefined;
  readonly resetKey: string;
}

export class PageErrorBoundary extends Component<PageErrorBoundaryProps, PageErrorBoundaryState> {
  constructor(props: PageErrorBoundaryProps) {
    super(props);
    this.state = { error: undefined, resetKey: props.resetKey };
  }

  static getDerivedStateFromError(error: unknown): Partial<PageErrorBoundaryState> {
    return { error: toError(error) };
  }

  static getDerivedStateFromProps(
    props: PageErrorBoundaryProps,
    state: PageErrorBoundaryState
  ): Partial<PageErrorBoundaryState> | null {
    return props.resetKey === state.resetKey
      ? null
      : { error: undefined, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <ErrorState
        title="This page could not be shown"
        error={pageFailure(error)}
        onRetry={this.props.onRetry}
      />
    );
  }
}
