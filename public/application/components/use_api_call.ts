/**
 * `useApiCall(() => api.listRules(), [api])`: runs an API call when the component mounts and
 * whenever `deps` change, and exposes its state.
 *
 * - `loading` is true while a call is in flight (also during `reload()`; `data` is kept meanwhile,
 *   so tables do not flash empty);
 * - `error` is the last failure (an `ApiError` when the server answered, with its message);
 * - `setData` replaces the data locally, e.g. with the updated object a mutation returned.
 *
 * Answers to superseded calls (deps changed, reload, unmount) are ignored.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export interface ApiCallState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  /** Runs the call again. */
  reload(): void;
  /** Replaces the data without calling the API. */
  setData(update: T | ((previous: T | undefined) => T)): void;
}

export const toError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

export const useApiCall = <T>(call: () => Promise<T>, deps: DependencyList): ApiCallState<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const callRef = useRef(call);
  callRef.current = call;

  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    callRef
      .current()
      .then((result) => {
        if (latest.current !== id) return;
        setData(() => result);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (latest.current !== id) return;
        setError(toError(failure));
      })
      .finally(() => {
        if (latest.current === id) setLoading(false);
      });
    return () => {
      // A newer call or unmount supersedes this one.
      if (latest.current === id) latest.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` are the caller's dependencies of `call`
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, setData };
};
