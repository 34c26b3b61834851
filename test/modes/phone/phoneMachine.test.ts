import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_FOR_MS, REFUSAL_MS } from '../../../src/modes/phone/phoneMachine';
import { jitteredDelay, RETRY_FOR_MS, retryDelay, type EnterReply } from '../../../src/modes/phone/phoneSeat';
import { CLOSE_REMOVED, CLOSE_REPLACED, roomToken } from '../../../src/room/protocol';
import {
  CODE,
  info,
  keptSeat,
  mine,
  phase,
  phoneActor,
  player,
  question,
  settle,
  type PhoneStubs,
} from '../../support/phoneActor';

const T0 = Date.UTC(2026, 10, 23, 9);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

/** A phone that went back to its kept seat and is in the room. */
async function seated(stubs: PhoneStubs = {}) {
  const phone = phoneActor({ seat: keptSeat, ...stubs }, { code: CODE });
  await settle();
  expect(phone.snapshot().matches({ room: 'online' })).toBe(true);
  phone.actor.send({ type: 'room.seat', seat: player });
  return phone;
}

describe('finding the room', () => {
  it('asks for a code when the link has none, and refuses one that is not a room code', () => {
    const { actor, asked } = phoneActor();
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(actor.getSnapshot().context.problem).toBeNull();
    actor.send({ type: 'code.submit', code: 'K7Q' });
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ code: 'K7Q', problem: { kind: 'badCode' } });
    expect(asked.lookup).toEqual([]);
  });

  it('looks a typed code up, spaces, dashes and case aside, and shows the join form of the room found', async () => {
    const { actor, asked } = phoneActor();
    actor.send({ type: 'code.submit', code: ' k7q-f3m ' });
    expect(actor.getSnapshot().matches('recalling')).toBe(true);
    expect(actor.getSnapshot().can({ type: 'code.submit', code: CODE })).toBe(false);
    await settle();
    expect(asked.recall).toEqual([CODE]);
    expect(asked.lookup).toEqual([CODE]);
    expect(actor.getSnapshot().matches('joinForm')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ code: CODE, info, problem: null });
  });

  it("looks up the link's code at once", async () => {
    const { actor, asked } = phoneActor({}, { code: 'k7qf3m' });
    await settle();
    expect(asked.lookup).toEqual([CODE]);
    expect(actor.getSnapshot().matches('joinForm')).toBe(true);
  });

  it("says why there is no room to join: none by that code, the server's own reason, or no answer", async () => {
    const replies = [
      { kind: 'refused', refusal: null },
      { kind: 'refused', refusal: { reason: 'other-site' } },
      { kind: 'unreachable' },
    ] as const;
    const problems = [];
    for (const reply of replies) {
      const { actor } = phoneActor({ lookup: () => ({ ...reply, at: Date.now() }) });
      actor.send({ type: 'code.submit', code: CODE });
      await settle();
      expect(actor.getSnapshot().matches('code')).toBe(true);
      problems.push(actor.getSnapshot().context.problem);
    }
    expect(problems).toEqual([
      { kind: 'noRoom' },
      { kind: 'refused', refusal: { reason: 'other-site' } },
      { kind: 'unreachable' },
    ]);
  });

  it('asks a busy server again after a growing, jittered wait, and gives up after two minutes of it', async () => {
    const { actor, asked } = phoneActor({ lookup: () => ({ kind: 'busy', at: Date.now() }) });
    actor.send({ type: 'code.submit', code: CODE });
    await settle();
    expect(actor.getSnapshot().matches({ looking: 'waiting' })).toBe(true);
    expect(actor.getSnapshot().context.busyUntil).toBe(T0 + BUSY_FOR_MS);
    for (let attempt = 0; actor.getSnapshot().matches('looking'); attempt++) {
      const wait = jitteredDelay(attempt, 7);
      // Between half and all of the back-off: 1 s, doubling, at most 10 s.
      expect(wait).toBeGreaterThanOrEqual(retryDelay(attempt) / 2);
      expect(wait).toBeLessThanOrEqual(retryDelay(attempt));
      const before = asked.lookup.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(asked.lookup).toHaveLength(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(asked.lookup).toHaveLength(before + 1);
    }
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(actor.getSnapshot().context.problem).toEqual({ kind: 'busy' });
    expect(Date.now() - T0).toBeGreaterThanOrEqual(BUSY_FOR_MS);
    expect(Date.now() - T0).toBeLessThan(BUSY_FOR_MS + retryDelay(99));
  });

  it('draws its waits from its own seed, so phones that were refused together do not come back together', () => {
    const waits = (seed: number) => [0, 1, 2, 3, 4, 5].map((attempt) => jitteredDelay(attempt, seed));
    expect(waits(7)).toEqual(waits(7));
    expect(waits(7)).not.toEqual(waits(8));
  });

  it('joins the room once a busy server answers', async () => {
    let calls = 0;
    const { actor } = phoneActor({
      lookup: () => (calls++ < 2 ? { kind: 'busy', at: Date.now() } : { kind: 'found', info, at: Date.now() }),
    });
    actor.send({ type: 'code.submit', code: CODE });
    await vi.advanceTimersByTimeAsync(retryDelay(0) + retryDelay(1));
    expect(actor.getSnapshot().matches('joinForm')).toBe(true);
  });
});

describe('joining', () => {
  async function atForm(stubs: PhoneStubs = {}) {
    const phone = phoneActor(stubs);
    phone.actor.send({ type: 'code.submit', code: CODE });
    await settle();
    return phone;
  }

  it('keeps a new seat before it asks the room, then joins with the symbols tapped', async () => {
    const { actor, asked, kept, sent } = await atForm();
    actor.send({ type: 'join.submit', name: '  Ana  ', team: 1, check: '3042' });
    expect(actor.getSnapshot().matches('joining')).toBe(true);
    const seat = kept[0]!;
    expect(v.is(roomToken, seat.key)).toBe(true);
    expect(seat).toMatchObject({ name: 'Ana', team: 1, token: null });
    expect(actor.getSnapshot().can({ type: 'join.submit', name: 'Ana', team: 1 })).toBe(false);
    await settle();
    expect(asked.enter).toEqual([{ code: CODE, seat, check: '3042', useToken: false }]);
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
    expect(kept.at(-1)).toEqual({ ...seat, token: 'ROOM:new' });
    expect(sent).toEqual([['hello', undefined]]);
  });

  it('cuts a long name to the limit', async () => {
    const { actor, kept } = await atForm();
    actor.send({ type: 'join.submit', name: 'x'.repeat(80), team: -1 });
    expect(kept[0]!.name).toHaveLength(30);
  });

  it("goes back to the form with the server's reason when the room is locked or the symbols are wrong, forgetting the seat", async () => {
    const refusal = { reason: 'symbols' } as const;
    const { actor, did } = await atForm({ enter: () => ({ kind: 'refused', refusal, at: Date.now() }) });
    actor.send({ type: 'join.submit', name: 'Ana', team: 0, check: '0000' });
    await settle();
    expect(actor.getSnapshot().matches('joinForm')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ problem: { kind: 'refused', refusal }, seat: null, info });
    expect(did.forgetSeat).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().can({ type: 'join.submit', name: 'Ana', team: 0, check: '3042' })).toBe(true);
  });

  it('says the server does not answer when the join gets no reply', async () => {
    const { actor } = await atForm({ enter: () => ({ kind: 'unreachable', at: Date.now() }) });
    actor.send({ type: 'join.submit', name: '', team: -1 });
    await settle();
    expect(actor.getSnapshot().context.problem).toEqual({ kind: 'unreachable' });
  });

  it('asks a busy server again, and gives up on the join after two minutes of it', async () => {
    let busyFor = 2;
    const { actor, asked } = await atForm({
      enter: () => (busyFor-- > 0 ? { kind: 'busy', at: Date.now() } : { kind: 'in', token: null, at: Date.now() }),
    });
    actor.send({ type: 'join.submit', name: 'Ana', team: 0 });
    await settle();
    expect(actor.getSnapshot().matches({ joining: 'waiting' })).toBe(true);
    await vi.advanceTimersByTimeAsync(retryDelay(0) + retryDelay(1));
    expect(asked.enter).toHaveLength(3);
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);

    const stuck = await atForm({ enter: () => ({ kind: 'busy', at: Date.now() }) });
    stuck.actor.send({ type: 'join.submit', name: 'Ana', team: 0 });
    await vi.advanceTimersByTimeAsync(BUSY_FOR_MS + retryDelay(99));
    expect(stuck.actor.getSnapshot().matches('joinForm')).toBe(true);
    expect(stuck.actor.getSnapshot().context.problem).toEqual({ kind: 'busy' });
    expect(stuck.did.forgetSeat).toHaveBeenCalledOnce();
  });

  it('goes back to typing a code from the form or mid-join, clearing what went wrong', async () => {
    const { actor } = await atForm({ enter: () => ({ kind: 'busy', at: Date.now() }) });
    actor.send({ type: 'join.submit', name: 'Ana', team: 0 });
    await settle();
    actor.send({ type: 'code.change' });
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ code: CODE, info: null, problem: null });
    actor.send({ type: 'code.submit', code: CODE });
    await settle();
    actor.send({ type: 'code.change' });
    expect(actor.getSnapshot().matches('code')).toBe(true);
  });
});

describe('in the room', () => {
  it('goes straight back to the seat kept for the code, by its key (a token may be in use in another tab)', async () => {
    const { actor, asked, kept, sent } = phoneActor({ seat: keptSeat }, { code: CODE });
    expect(actor.getSnapshot().matches('recalling')).toBe(true);
    await settle();
    expect(asked.lookup).toEqual([]);
    expect(asked.enter).toEqual([{ code: CODE, seat: keptSeat, check: null, useToken: false }]);
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
    expect(kept).toEqual([{ ...keptSeat, token: 'ROOM:new' }]);
    expect(sent).toEqual([['hello', undefined]]);
  });

  it('follows the room: the seat as the server names it, each step on the server clock, the standing', async () => {
    const { actor, kept } = await seated();
    actor.send({ type: 'room.seat', seat: { ...player, name: 'Ana 2', team: 0 } });
    expect(actor.getSnapshot().context.player?.name).toBe('Ana 2');
    expect(kept.at(-1)).toMatchObject({ key: keptSeat.key, name: 'Ana 2', team: 0 });
    // The server's clock is 5 s ahead of this phone's.
    actor.send({ type: 'room.phase', phase: question(1, 58, { now: Date.now() + 5000 }), at: Date.now() });
    expect(actor.getSnapshot().context).toMatchObject({ offset: 5000, total: 60_000 });
    actor.send({ type: 'room.phase', phase: phase({ phase: 'scoreboard', ask: 1 }), at: Date.now() });
    actor.send({ type: 'room.standing', standing: { rank: 1, points: 1, players: 3, max: 1 } });
    expect(actor.getSnapshot().context.standing).toMatchObject({ rank: 1 });
    // A new step's standings are the host's to send again.
    actor.send({ type: 'room.phase', phase: phase({ phase: 'final', ask: 1 }), at: Date.now() });
    expect(actor.getSnapshot().context.standing).toBeNull();
  });

  it('keeps the time bar within one task, growing when time is added, and starts it again for the next', async () => {
    const { actor } = await seated();
    const total = () => actor.getSnapshot().context.total;
    actor.send({ type: 'room.phase', phase: question(1, 58), at: Date.now() });
    expect(total()).toBe(60_000);
    vi.advanceTimersByTime(20_000);
    actor.send({ type: 'room.phase', phase: question(1, 38), at: Date.now() });
    expect(total()).toBe(60_000);
    actor.send({ type: 'room.phase', phase: question(1, 75), at: Date.now() });
    expect(total()).toBe(90_000);
    actor.send({ type: 'room.phase', phase: question(2, 25), at: Date.now() });
    expect(total()).toBe(30_000);
    actor.send({ type: 'room.phase', phase: question(3, null), at: Date.now() });
    expect(total()).toBeNull();
  });

  it('sends each answer while answers are open, and none once they close', async () => {
    const { actor, sent } = await seated();
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    actor.send({ type: 'answer.choose', role: 'pm' });
    actor.send({ type: 'answer.choose', role: 'both' });
    expect(sent.slice(1)).toEqual([
      ['answer', { role: 'pm' }],
      ['answer', { role: 'both' }],
    ]);
    actor.send({ type: 'room.phase', phase: question(1, 0, { open: false }), at: Date.now() });
    expect(actor.getSnapshot().can({ type: 'answer.choose', role: 'pmm' })).toBe(false);
    actor.send({ type: 'room.phase', phase: phase({ phase: 'reveal', ask: 1 }), at: Date.now() });
    expect(actor.getSnapshot().can({ type: 'answer.choose', role: 'pmm' })).toBe(false);
  });

  it('sends a split of the work while online, and none while the connection is away', async () => {
    const { actor, sent } = await seated();
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    actor.send({ type: 'split.choose', option: 2, at: Date.now() });
    expect(sent.at(-1)).toEqual(['split', { option: 2 }]);
    actor.send({ type: 'room.drop' });
    expect(actor.getSnapshot().can({ type: 'split.choose', option: 1, at: Date.now() })).toBe(false);
  });

  it("takes a split after answers close until the split's grace runs out on the server's clock, and no answer", async () => {
    const { actor, sent } = await seated();
    // The server's clock runs 3 s ahead of this phone's; the grace ends 10 s after answers closed.
    const serverNow = Date.now() + 3000;
    const closed = question(1, null, { open: false, now: serverNow, splitUntil: serverNow + 10_000 });
    actor.send({ type: 'room.phase', phase: closed, at: Date.now() });
    expect(actor.getSnapshot().can({ type: 'answer.choose', role: 'both' })).toBe(false);
    actor.send({ type: 'split.choose', option: 1, at: Date.now() + 9_999 });
    expect(sent.at(-1)).toEqual(['split', { option: 1 }]);
    expect(actor.getSnapshot().can({ type: 'split.choose', option: 0, at: Date.now() + 10_000 })).toBe(false);
    actor.send({ type: 'room.phase', phase: phase({ phase: 'reveal', ask: 1 }), at: Date.now() });
    expect(actor.getSnapshot().can({ type: 'split.choose', option: 0, at: Date.now() })).toBe(false);
  });

  it('goes back from the split to the roles while answers are open, until an answer is taken', async () => {
    const { actor } = await seated();
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    actor.send({ type: 'answer.change' });
    expect(actor.getSnapshot().context.changing).toBe(1);
    actor.send({ type: 'room.mine', mine: mine(1, 'both') });
    expect(actor.getSnapshot().context.changing).toBeNull();
    actor.send({ type: 'room.phase', phase: question(1, 0, { open: false }), at: Date.now() });
    expect(actor.getSnapshot().can({ type: 'answer.change' })).toBe(false);
  });

  it('holds an answer tapped while the connection is away, and sends it once back if the task is still open', async () => {
    const { actor, sent, kept } = await seated();
    actor.send({ type: 'room.phase', phase: question(4), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(4) });
    actor.send({ type: 'room.drop' });
    expect(actor.getSnapshot().matches({ room: 'reconnecting' })).toBe(true);
    actor.send({ type: 'answer.choose', role: 'pmm' });
    expect(actor.getSnapshot().context.pending).toEqual({ ask: 4, role: 'pmm' });
    expect(sent).toEqual([['hello', undefined]]);

    actor.send({ type: 'room.reconnect', token: 'ROOM:again' });
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
    expect(kept.at(-1)?.token).toBe('ROOM:again');
    expect(sent.at(-1)).toEqual(['hello', undefined]);
    actor.send({ type: 'room.phase', phase: question(4), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(4) });
    expect(sent.at(-1)).toEqual(['answer', { role: 'pmm' }]);
    expect(actor.getSnapshot().context.pending).toBeNull();
  });

  it('drops a held answer the room already has, or whose task has moved on', async () => {
    const { actor, sent } = await seated();
    actor.send({ type: 'room.phase', phase: question(4), at: Date.now() });
    actor.send({ type: 'room.drop' });
    actor.send({ type: 'answer.choose', role: 'pm' });
    actor.send({ type: 'room.reconnect', token: null });
    actor.send({ type: 'room.mine', mine: mine(4, 'pm') });
    expect(actor.getSnapshot().context.pending).toBeNull();

    actor.send({ type: 'room.drop' });
    actor.send({ type: 'answer.choose', role: 'both' });
    actor.send({ type: 'room.reconnect', token: null });
    actor.send({ type: 'room.phase', phase: question(5), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(5) });
    expect(actor.getSnapshot().context.pending).toBeNull();
    expect(sent.filter(([type]) => type === 'answer')).toEqual([]);
  });

  it('shows the refusal of an answer for a moment, the latest for the full moment', async () => {
    const { actor } = await seated();
    actor.send({ type: 'room.refused', refusal: { reason: 'answers-closed' } });
    expect(actor.getSnapshot().context.refusal).toEqual({ reason: 'answers-closed' });
    vi.advanceTimersByTime(REFUSAL_MS - 1000);
    actor.send({ type: 'room.refused', refusal: { reason: 'no-seat' } });
    vi.advanceTimersByTime(REFUSAL_MS - 1);
    expect(actor.getSnapshot().context.refusal).toEqual({ reason: 'no-seat' });
    vi.advanceTimersByTime(1);
    expect(actor.getSnapshot().context.refusal).toBeNull();
  });

  it('after the room closes the connection, gets back in token first, keeping what it showed meanwhile', async () => {
    let tries = 0;
    const { actor, asked, sent } = await seated({
      enter: () =>
        tries++ === 1 ? { kind: 'unreachable', at: Date.now() } : { kind: 'in', token: 'ROOM:2', at: Date.now() },
    });
    actor.send({ type: 'room.phase', phase: question(2), at: Date.now() });
    actor.send({ type: 'room.closed', code: 1006 });
    expect(actor.getSnapshot().matches({ room: 'entering' })).toBe(true);
    expect(actor.getSnapshot().context.phase?.ask).toBe(2);
    expect(actor.getSnapshot().can({ type: 'answer.choose', role: 'pm' })).toBe(true);
    await settle();
    expect(asked.enter.at(-1)).toMatchObject({ useToken: true, seat: { key: keptSeat.key, token: 'ROOM:2' } });
    expect(actor.getSnapshot().matches({ room: 'waiting' })).toBe(true);
    await vi.advanceTimersByTimeAsync(jitteredDelay(0, 7));
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
    expect(sent.filter(([type]) => type === 'hello')).toHaveLength(2);
  });

  it('tries for two minutes to get back in, then asks the player, who can try again by key', async () => {
    let up = true;
    const { actor, asked } = await seated({
      enter: (): EnterReply =>
        up
          ? { kind: 'in', token: 'ROOM:3', at: Date.now() }
          : { kind: 'refused', refusal: { reason: 'no-room', room: CODE }, at: Date.now() },
    });
    asked.enter.length = 0;
    up = false;
    vi.advanceTimersByTime(1);
    const closedAt = Date.now();
    actor.send({ type: 'room.closed', code: 1006 });
    await vi.advanceTimersByTimeAsync(RETRY_FOR_MS - 1000);
    expect(actor.getSnapshot().matches('room')).toBe(true);
    expect(actor.getSnapshot().matches({ room: 'lost' })).toBe(false);
    await vi.advanceTimersByTimeAsync(retryDelay(99) + 1000);
    expect(actor.getSnapshot().matches({ room: 'lost' })).toBe(true);
    expect(actor.getSnapshot().context.retryUntil).toBe(closedAt + RETRY_FOR_MS);
    // Backing off: far fewer tries than seconds.
    expect(asked.enter.length).toBeGreaterThan(10);
    expect(asked.enter.length).toBeLessThan(30);
    const tries = asked.enter.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked.enter).toHaveLength(tries);

    up = true;
    actor.send({ type: 'seat.retry' });
    await settle();
    expect(asked.enter.at(-1)).toMatchObject({ useToken: false });
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
  });

  it('leaves the room for another code, keeping the seat for coming back', async () => {
    const { actor, did } = await seated();
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    actor.send({ type: 'code.change' });
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(did.leaveRoom).toHaveBeenCalledOnce();
    expect(did.forgetSeat).not.toHaveBeenCalled();
    expect(actor.getSnapshot().context).toMatchObject({ code: CODE, phase: null, mine: null, player: null });
  });

  it('is out when the facilitator removes it, and forgets its seat', async () => {
    const { actor, did } = await seated();
    actor.send({ type: 'room.closed', code: CLOSE_REMOVED });
    expect(actor.getSnapshot().matches('removed')).toBe(true);
    expect(actor.getSnapshot().context).toMatchObject({ seat: null, problem: { kind: 'removed' }, phase: null });
    expect(did.forgetSeat).toHaveBeenCalledOnce();
    expect(actor.getSnapshot().can({ type: 'seat.retry' })).toBe(false);
    actor.send({ type: 'code.change' });
    expect(actor.getSnapshot().matches('code')).toBe(true);
    expect(actor.getSnapshot().context.problem).toBeNull();
  });

  it('is out when the room refuses its kept seat because the facilitator removed it', async () => {
    const { actor, did } = phoneActor(
      { seat: keptSeat, enter: () => ({ kind: 'removed', at: Date.now() }) },
      { code: CODE },
    );
    await settle();
    expect(actor.getSnapshot().matches('removed')).toBe(true);
    expect(did.forgetSeat).toHaveBeenCalledOnce();
  });

  it('says another tab took the seat, and takes it back here by key when asked', async () => {
    const { actor, asked } = await seated();
    actor.send({ type: 'room.closed', code: CLOSE_REPLACED });
    expect(actor.getSnapshot().matches('replaced')).toBe(true);
    expect(actor.getSnapshot().context.seat?.key).toBe(keptSeat.key);
    actor.send({ type: 'seat.retry' });
    await settle();
    expect(asked.enter.at(-1)).toMatchObject({ useToken: false, seat: { key: keptSeat.key } });
    expect(actor.getSnapshot().matches({ room: 'online' })).toBe(true);
  });

  it('takes no room messages once it has left the room', async () => {
    const { actor } = await seated();
    actor.send({ type: 'code.change' });
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    expect(actor.getSnapshot().context.phase).toBeNull();
    expect(actor.getSnapshot().can({ type: 'answer.choose', role: 'pm' })).toBe(false);
  });
});

describe('a runtime that fails', () => {
  const boom = (): never => {
    throw new Error('The runtime failed.');
  };

  it('counts a failed look-up or join as no answer from the server', async () => {
    const lookUp = phoneActor({ lookup: boom });
    lookUp.actor.send({ type: 'code.submit', code: CODE });
    await settle();
    expect(lookUp.snapshot().matches('code')).toBe(true);
    expect(lookUp.snapshot().context.problem).toEqual({ kind: 'unreachable' });

    const join = phoneActor({ enter: boom });
    join.actor.send({ type: 'code.submit', code: CODE });
    await settle();
    join.actor.send({ type: 'join.submit', name: 'Ana', team: 0 });
    await settle();
    expect(join.snapshot().matches('joinForm')).toBe(true);
    expect(join.snapshot().context).toMatchObject({ problem: { kind: 'unreachable' }, seat: null });
    expect(join.did.forgetSeat).toHaveBeenCalledOnce();
  });

  it('asks the player when getting back in fails outright', async () => {
    const { actor } = phoneActor({ seat: keptSeat, enter: boom }, { code: CODE });
    await settle();
    expect(actor.getSnapshot().matches({ room: 'lost' })).toBe(true);
  });
});
