// A query that stays current: it loads once, then again whenever a live event says its
// data may have changed (or the event stream reconnected), so screens update without a
// reload. Only the latest answer is kept, so a slow old answer never overwrites a new one.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useKithEvent, type UiEvent } from './kith-context.tsx';

export interface Query<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[], refreshOn: (event: UiEvent) => boolean): Query<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);
  const latestRequest = useRef(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    const request = ++latestRequest.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => request === latestRequest.current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => request === latestRequest.current && setState((previous) => ({ data: previous.data, error, loading: false })),
    );
    // `load` is a fresh closure every render; `deps` say when it really changes.
  }, [generation, ...deps]);

  useKithEvent((event) => {
    if (event.name === 'resync' || refreshOn(event)) reload();
  });

  return { ...state, reload };
}
