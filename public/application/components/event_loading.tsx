/**
 * Whether the host takes event files itself: the standalone server does (the Upload events page),
 * Kibana does not (events come from Elastic Defend through Fleet). Pages that tell the user how
 * to load events read it, so each host gets the advice that works there.
 */
import { createContext, useContext, type ReactNode } from 'react';

const EventUploadAvailable = createContext(false);

export const EventLoadingProvider = ({
  uploadAvailable,
  children,
}: {
  readonly uploadAvailable: boolean;
  readonly children: ReactNode;
}) => (
  <EventUploadAvailable.Provider value={uploadAvailable}>{children}</EventUploadAvailable.Provider>
);

export const useEventUploadAvailable = (): boolean => useContext(EventUploadAvailable);
