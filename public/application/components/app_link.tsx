/**
 * A link to an app path: a real `href` (new tab, copy link, keyboard focus all work) whose plain
 * left click navigates inside the app instead of reloading the page.
 */
import type { MouseEvent, ReactNode } from 'react';
import { EuiLink } from '@elastic/eui';
import type { AppNavigation } from '../navigation';

/** True for a click the browser should handle itself (modifier keys, middle button, target). */
export const isModifiedClick = (event: MouseEvent<HTMLElement>): boolean =>
  event.button !== 0 ||
  event.metaKey ||
  event.altKey ||
  event.ctrlKey ||
  event.shiftKey ||
  event.defaultPrevented;

/** `href` + `onClick` props for any anchor-like EUI component (EuiLink, EuiTab, EuiButton…). */
export const appLinkProps = (navigation: AppNavigation, path: string) => ({
  href: navigation.href(path),
  onClick: (event: MouseEvent<HTMLElement>) => {
    if (isModifiedClick(event)) return;
    event.preventDefault();
    navigation.navigate(path);
  },
});

export interface AppLinkProps {
  readonly navigation: AppNavigation;
  readonly path: string;
  readonly children: ReactNode;
  readonly 'aria-label'?: string;
  readonly 'data-test-subj'?: string;
}

export const AppLink = ({ navigation, path, children, ...rest }: AppLinkProps) => (
  <EuiLink {...appLinkProps(navigation, path)} {...rest}>
    {children}
  </EuiLink>
);
