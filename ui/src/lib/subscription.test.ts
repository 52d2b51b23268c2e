import { describe, expect, it, vi } from 'vitest';
import { oneAtATime, stopLater } from './subscription';

describe('stopLater', () => {
  it('stops a subscription that was set up before the screen closed', async () => {
    const stop = vi.fn();
    const pending = Promise.resolve(stop);
    const close = stopLater(pending);
    await pending;
    expect(stop).not.toHaveBeenCalled();
    close();
    expect(stop).toHaveBeenCalledTimes(1);
    close();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('stops a subscription that arrives after the screen closed', async () => {
    const stop = vi.fn();
    let resolve: (s: () => void) => void = () => undefined;
    const pending = new Promise<() => void>((r) => (resolve = r));
    stopLater(pending)();
    resolve(stop);
    await pending;
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('reports a subscription that could not be set up, unless closed already', async () => {
    const onError = vi.fn();
    const failing = Promise.reject(new Error('listen not allowed'));
    stopLater(failing, onError);
    await failing.catch(() => undefined);
    await Promise.resolve();
    expect(onError).toHaveBeenCalledTimes(1);

    const quiet = vi.fn();
    const failingLater = Promise.reject(new Error('listen not allowed'));
    stopLater(failingLater, quiet)();
    await failingLater.catch(() => undefined);
    await Promise.resolve();
    expect(quiet).not.toHaveBeenCalled();
  });
});

describe('oneAtATime', () => {
  it('runs once more after a burst of calls, not once per call', async () => {
    const finish: Array<() => void> = [];
    const task = vi.fn(() => new Promise<void>((r) => finish.push(r)));
    const reload = oneAtATime(task);
    const first = reload();
    void reload();
    void reload();
    expect(task).toHaveBeenCalledTimes(1);
    finish.shift()?.();
    await vi.waitFor(() => expect(task).toHaveBeenCalledTimes(2));
    finish.shift()?.();
    await first;
    expect(task).toHaveBeenCalledTimes(2);
    void reload();
    expect(task).toHaveBeenCalledTimes(3);
  });

  it('keeps going after a failed run', async () => {
    const task = vi.fn().mockRejectedValueOnce(new Error('busy')).mockResolvedValue(undefined);
    const reload = oneAtATime(task);
    await reload();
    await reload();
    expect(task).toHaveBeenCalledTimes(2);
  });
});
