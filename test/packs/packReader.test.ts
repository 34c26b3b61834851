import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_READ_MS } from '../../src/core/limits';
import { ok } from '../../src/core/result';
import { createPackReader, READ_STOPPED, type ReaderWorker } from '../../src/packs/packReader';

/** A stand-in worker that answers only when told, and records being ended. */
function fakeWorker() {
  const worker: ReaderWorker & { posted: unknown[]; ended: boolean; answer(data: unknown): void } = {
    posted: [],
    ended: false,
    onmessage: null,
    onerror: null,
    postMessage: (message) => worker.posted.push(message),
    terminate: () => (worker.ended = true),
    answer: (data) => worker.onmessage?.({ data } as MessageEvent),
  };
  return worker;
}

describe('reading a file in a worker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("answers with the worker's result, and keeps the worker for the next read", async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const read = createPackReader(() => workers[workers.push(fakeWorker()) - 1]!);
    const first = read({ kind: 'text', text: 'a' }, []);
    workers[0]!.answer(ok('pack'));
    await expect(first).resolves.toEqual(ok('pack'));
    const second = read({ kind: 'text', text: 'b' }, []);
    workers[0]!.answer(ok('again'));
    await expect(second).resolves.toEqual(ok('again'));
    expect(workers).toHaveLength(1);
  });

  it('ends the worker at the deadline and says so in plain words; the next read gets a new worker', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const read = createPackReader(() => workers[workers.push(fakeWorker()) - 1]!);
    const stuck = read({ kind: 'sheet', bytes: new Uint8Array(4) }, []);
    await vi.advanceTimersByTimeAsync(MAX_READ_MS - 1);
    expect(workers[0]!.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(stuck).resolves.toEqual({ ok: false, error: [{ message: READ_STOPPED.time }] });
    expect(workers[0]!.ended).toBe(true);
    const next = read({ kind: 'text', text: 'a' }, []);
    workers[1]!.answer(ok('pack'));
    await expect(next).resolves.toEqual(ok('pack'));
  });

  it('answers a worker that fails (out of memory) with a plain problem, and a superseded read with its own', async () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const read = createPackReader(() => workers[workers.push(fakeWorker()) - 1]!);
    const old = read({ kind: 'text', text: 'a' }, []);
    const latest = read({ kind: 'text', text: 'ab' }, []);
    await expect(old).resolves.toEqual({ ok: false, error: [{ message: READ_STOPPED.superseded }] });
    expect(workers[0]!.ended).toBe(true);
    workers[1]!.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
    await expect(latest).resolves.toEqual({ ok: false, error: [{ message: READ_STOPPED.failed }] });
  });
});
