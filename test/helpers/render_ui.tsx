/**
 * UI test helpers (jsdom): EUI's `data-test-subj` as the test id attribute, rendering inside the
 * providers the app uses (EuiProvider, toasts), and a navigation that records where it went.
 *
 * Each UI test file also needs, until jest.config.js transforms the ESM-only `uuid` package:
 *   jest.mock('uuid', () => jest.requireActual('<relative>/test/helpers/uuid_shim'));
 */
import type { ReactElement } from 'react';
import { configure, render, type RenderResult } from '@testing-library/react';
import { EuiProvider } from '@elastic/eui';
import { ToastsProvider } from '../../public/application/components/toasts';
import type { AppNavigation } from '../../public/application/navigation';
import { UI_WAIT_MS } from './ui_wait';

configure({ testIdAttribute: 'data-test-subj', asyncUtilTimeout: UI_WAIT_MS });

export const renderUi = (ui: ReactElement): RenderResult =>
  render(
    <EuiProvider colorMode="light">
      <ToastsProvider>{ui}</ToastsProvider>
    </EuiProvider>
  );

export interface RecordingNavigation extends AppNavigation {
  /** Paths passed to `navigate`, in order. */
  readonly visited: string[];
}

/** Hrefs under `/app`, as in the standalone UI. */
export const recordingNavigation = (
  query: Readonly<Record<string, string>> = {}
): RecordingNavigation => {
  const visited: string[] = [];
  return { visited, navigate: (path) => visited.push(path), href: (path) => `/app${path}`, query };
};

export const textOf = (element: Element | null): string => element?.textContent ?? '';

/** Whether a button (or an EUI switch, which is a button) is disabled. */
export const isDisabled = (element: Element): boolean =>
  element instanceof HTMLButtonElement && element.disabled;
