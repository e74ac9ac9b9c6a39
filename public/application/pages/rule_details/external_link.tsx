/** A link leaving the app: opens in a new tab, with EUI's external icon and screen-reader hint. */
import type { ReactNode } from 'react';
import { EuiLink } from '@elastic/eui';

const isHttpUrl = (url: string): boolean => /^https?:\/\//i.test(url);

export const ExternalLink = ({
  href,
  children,
}: {
  readonly href: string;
  readonly children: ReactNode;
}) =>
  // Only http(s): a `javascript:` URL in a definition must never become a clickable link.
  isHttpUrl(href) ? (
    <EuiLink href={href} target="_blank" external>
      {children}
    </EuiLink>
  ) : (
    <>{children}</>
  );
