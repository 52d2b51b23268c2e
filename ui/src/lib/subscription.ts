// Helpers for screens that follow the backend's change notices: a
// subscription that is set up asynchronously but must be stoppable at once
// (a screen can be left before `listen` answered), and reloads that never
// pile up while notices arrive faster than a reload takes. Tested in
// subscription.test.ts.

/**
 * A stop function for a subscription still being set up: calling it before
 * the set-up finished stops the subscription as soon as it exists. When the
 * set-up fails, `onError` is told (once, and only if not stopped by then).
 */
export function stopLater(pending: Promise<() => void>, onError?: (error: unknown) => void): () => void {
  let stopped = false;
  let stop: (() => void) | null = null;
  pending.then(
    (s) => {
      if (stopped) s();
      else stop = s;
    },
    (error: unknown) => {
      if (!stopped) onError?.(error);
    },
  );
  return () => {
    stopped = true;
    stop?.();
    stop = null;
  };
}

/**
 * Wraps `task` so that calls while it runs do not start it again at once:
 * they make it run once more after the current run, so the last call is
 * always followed by a run that started after it.
 */
export function oneAtATime(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await task();
      } catch {
        // A failed reload is retried by the next call; the caller shows nothing new.
      }
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
