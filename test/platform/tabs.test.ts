import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimActiveTab, takeOver } from '../../src/platform/tabs';

/** Long enough for a message to cross the channel on a busy machine. */
const WAIT = 250;
/** Stands for the window of every tab here: they share one, so pagehide reaches them all. */
let page: EventTarget;
const reload = vi.fn();

/** A save that takes longer than a tab waits for an answer. */
const slowSave = (log: string[]) => async () => {
  await new Promise((resolve) => setTimeout(resolve, WAIT * 3));
  log.push('saved');
};

describe('one active tab without Web Locks', () => {
  beforeEach(() => {
    page = new EventTarget();
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('addEventListener', page.addEventListener.bind(page));
    vi.stubGlobal('location', { reload });
    reload.mockReset();
  });
  afterEach(() => {
    // Every tab leaves, so no channel stays open.
    page.dispatchEvent(new Event('pagehide'));
    vi.unstubAllGlobals();
  });

  it('lets the first tab play and tells the next one another tab is active', async () => {
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('active');
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('elsewhere');
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('elsewhere');
  });

  it('elects exactly one of two tabs that open at once', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => claimActiveTab(async () => undefined, WAIT)));
    expect(claims.sort()).toEqual(['active', 'elsewhere', 'elsewhere']);
  });

  it('takes over only after the active tab has saved, and the active tab stops answering', async () => {
    const log: string[] = [];
    expect(await claimActiveTab(slowSave(log), WAIT)).toBe('active');
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('elsewhere');
    reload.mockImplementation(() => log.push('reloaded'));
    await takeOver(WAIT);
    expect(log).toEqual(['saved', 'reloaded']);
    // The reloaded tab asks again and, with the first tab let go, plays.
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('active');
  });

  it('lets the next tab play once the active tab has gone, and takes over from a closed tab at once', async () => {
    const onTakenOver = vi.fn(async () => undefined);
    expect(await claimActiveTab(onTakenOver, WAIT)).toBe('active');
    page.dispatchEvent(new Event('pagehide'));
    await takeOver(WAIT);
    expect(reload).toHaveBeenCalledOnce();
    expect(onTakenOver).not.toHaveBeenCalled();
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('active');
  });

  it('makes a tab read-only when it has no way to reach the others', async () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    expect(await claimActiveTab(async () => undefined, WAIT)).toBe('read-only');
  });
});
