/**
 * Renders a page as the app shell does: inside EuiProvider and ToastsProvider, with a navigation
 * over an in-memory history that re-renders the page whenever the location changes. `*ByTestId`
 * queries read EUI's `data-test-subj`.
 */
import { useMemo, type ReactElement } from 'react';
// As app.tsx: the shim keeps this working on React 17.
import { useSyncExternalStore } from 'use-sync-external-store/shim';
// `pure`: importing this module does not add an automatic cleanup; test files decide (importing
// `@testing-library/react` itself adds one after each test).
import { configure, render, waitFor, type RenderResult } from '@testing-library/react/pure';
import { EuiProvider } from '@elastic/eui';
import { ApiClient, type HttpTransport } from '../../../api_client';
import { ToastsProvider } from '../../../components/toasts';
import type { AppNavigation } from '../../../navigation';
import {
  createMemoryHistory,
  type MemoryHistory,
} from '../../../../../test/helpers/memory_history';
import { createNavigation, type AppHistory } from '../../../routing';
import { act } from '../../../../test_support/act';
import { UI_WAIT_MS } from '../../../../../test/helpers/ui_wait';

configure({ testIdAttribute: 'data-test-subj', asyncUtilTimeout: UI_WAIT_MS });

const Routed = ({
  history,
  page,
}: {
  readonly history: AppHistory;
  readonly page: (navigation: AppNavigation) => ReactElement;
}) => {
  const search = useSyncExternalStore(
    (onChange) => history.listen(onChange),
    () => history.location.search
  );
  const navigation = useMemo(() => createNavigation(history, search), [history, search]);
  return page(navigation);
};

export const renderWithHistory = (
  initialPath: string,
  page: (navigation: AppNavigation) => ReactElement
): RenderResult & { history: MemoryHistory } => {
  const history = createMemoryHistory(initialPath, '/app/ctd');
  const result = render(
    <EuiProvider colorMode="light">
      <ToastsProvider>
        <Routed history={history} page={page} />
      </ToastsProvider>
    </EuiProvider>
  );
  return { ...result, history };
};

/** An ApiClient over `transport` that knows how many of its requests are still in flight. */
export const trackedClient = (
  transport: HttpTransport
): { api: ApiClient; inFlight: () => number } => {
  let pending = 0;
  const api = new ApiClient(async (request) => {
    pending++;
    try {
      return await transport(request);
    } finally {
      pending--;
    }
  });
  return { api, inFlight: () => pending };
};

/**
 * Waits until no request is in flight and lets timers and animation frames (charts, EUI text
 * truncation) run inside act(), so nothing updates after the test has finished.
 */
export const settle = async (inFlight: () => number): Promise<void> => {
  await waitFor(() => expect(inFlight()).toBe(0));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
};
