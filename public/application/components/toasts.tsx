/**
 * Toast notifications for the results of user actions:
 * `const toasts = useToasts(); toasts.success('Rule installed'); toasts.error('Install failed', error);`
 * `<ToastsProvider>` (rendered once by the app) shows them with EuiGlobalToastList.
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { EuiGlobalToastList, type EuiGlobalToastListToast as Toast } from '@elastic/eui';
import { errorMessage } from './page_state';

export interface Toasts {
  success(title: string, text?: string): void;
  /** Done, but not as asked: the user should read why. */
  warning(title: string, text?: string): void;
  error(title: string, error: Error): void;
}

const NO_TOASTS: Toasts = {
  success: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};
const ToastsContext = createContext<Toasts>(NO_TOASTS);

export const useToasts = (): Toasts => useContext(ToastsContext);

const TOAST_LIFETIME_MS = 6_000;

export const ToastsProvider = ({ children }: { readonly children: ReactNode }) => {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const add = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = `ctd-toast-${nextId.current++}`;
    setToasts((current) => [...current, { ...toast, id }]);
  }, []);
  const api = useMemo<Toasts>(
    () => ({
      success: (title, text) =>
        add({ title, color: 'success', iconType: 'check', ...(text ? { text } : {}) }),
      warning: (title, text) =>
        add({ title, color: 'warning', iconType: 'warning', ...(text ? { text } : {}) }),
      error: (title, error) =>
        add({ title, color: 'danger', iconType: 'error', text: errorMessage(error) }),
    }),
    [add]
  );
  const dismiss = useCallback(
    (toast: Toast) => setToasts((current) => current.filter((t) => t.id !== toast.id)),
    []
  );
  return (
    <ToastsContext.Provider value={api}>
      {children}
      <EuiGlobalToastList
        toasts={toasts}
        dismissToast={dismiss}
        toastLifeTimeMs={TOAST_LIFETIME_MS}
      />
    </ToastsContext.Provider>
  );
};
