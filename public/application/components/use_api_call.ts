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
import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface ApiCallState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  /** Runs the call again. */
  readonly reload: () => void;
  /** Replaces the data without calling the API. */
  readonly setData: (update: T | ((previous: T | undefined) => T)) => void;
}

export const toError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** Whether two dependency lists are equal the way React compares a hook's dependencies. */
const sameDependencies = (left: DependencyList, right: DependencyList): boolean =>
  left.length === right.length && left.every((value, index) => Object.is(value, right[index]));

export const useApiCall = <T>(call: () => Promise<T>, deps: DependencyList): ApiCallState<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const callDeps = [...deps, generation];
  // A change of `deps` starts a new call (the effect below): loading from this render on.
  const [startedFor, setStartedFor] = useState<DependencyList>(callDeps);
  if (!sameDependencies(startedFor, callDeps)) {
    setStartedFor(callDeps);
    setLoading(true);
  }

  useEffect(() => {
    let superseded = false;
    call()
      .then((result) => {
        if (superseded) return;
        setData(() => result);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (superseded) return;
        setError(toError(failure));
      })
      .finally(() => {
        if (!superseded) setLoading(false);
      });
    return () => {
      // A newer call or unmount supersedes this one.
      superseded = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` are the caller's dependencies of `call`
  }, callDeps);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, setData };
};
