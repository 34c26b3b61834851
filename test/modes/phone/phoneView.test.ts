import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_REMOVED, CLOSE_REPLACED } from '../../../src/room/protocol';
import { RETRY_FOR_MS } from '../../../src/modes/phone/phoneSeat';
import { countsDown, phoneView, revealWords, type PhoneSnapshot } from '../../../src/modes/phone/phoneView';
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

const view = (snapshot: PhoneSnapshot, now = Date.now()) => phoneView(snapshot, now);

/** A phone in the room, seated as Ana of the Foxes. */
async function inRoom(stubs: PhoneStubs = {}) {
  const phone = phoneActor({ seat: keptSeat, ...stubs }, { code: CODE });
  await settle();
  phone.actor.send({ type: 'room.seat', seat: player });
  return phone;
}

describe('before the room', () => {
  it('asks for the code, and says in words why the last one did not work', async () => {
    expect(view(phoneActor().snapshot()).screen).toEqual({
      name: 'code',
      code: '',
      error: null,
      looking: false,
      waiting: false,
    });
    const errors: Array<string | null> = [];
    for (const lookup of [
      () => ({ kind: 'refused', refusal: null, at: Date.now() }) as const,
      () => ({ kind: 'refused', refusal: { reason: 'other-site' }, at: Date.now() }) as const,
      () => ({ kind: 'unreachable', at: Date.now() }) as const,
    ]) {
      const { actor } = phoneActor({ lookup });
      actor.send({ type: 'code.submit', code: CODE });
      await settle();
      const screen = view(actor.getSnapshot()).screen;
      errors.push(screen.name === 'code' ? screen.error : 'not the code screen');
    }
    const { actor } = phoneActor();
    actor.send({ type: 'code.submit', code: 'K7' });
    errors.push((view(actor.getSnapshot()).screen as { error: string }).error);
    expect(errors).toEqual([
      'There is no room K7QF3M. Check the code on the big screen.',
      'This room server takes requests from Role Call’s own pages only.',
      'The room server does not answer. Check that this phone is on the same network, then try again.',
      'A room code is 6 letters and digits. Check the code on the big screen.',
    ]);
  });

  it('keeps the button waiting while the code is looked up, and says when a busy server is asked again', async () => {
    const { actor } = phoneActor({ lookup: () => ({ kind: 'busy', at: Date.now() }) });
    actor.send({ type: 'code.submit', code: CODE });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'code', looking: true, waiting: false });
    await settle();
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'code', looking: true, waiting: true });
    await vi.advanceTimersByTimeAsync(3 * 60 * 1000);
    expect(view(actor.getSnapshot()).screen).toMatchObject({
      looking: false,
      waiting: false,
      error: 'The room server is still busy. Wait a minute, then try again.',
    });
  });

  it("shows the room's join form, waiting while it joins, and the server's reason in words when the join failed", async () => {
    const { actor } = phoneActor({ enter: () => ({ kind: 'refused', refusal: { reason: 'locked' }, at: Date.now() }) });
    actor.send({ type: 'code.submit', code: CODE });
    await settle();
    expect(view(actor.getSnapshot()).screen).toEqual({
      name: 'join',
      info,
      error: null,
      joining: false,
      waiting: false,
    });
    actor.send({ type: 'join.submit', name: 'Ana', team: 1 });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'join', joining: true });
    await settle();
    expect(view(actor.getSnapshot()).screen).toMatchObject({
      name: 'join',
      joining: false,
      error: 'The room is locked: no new phones. Ask the facilitator to open it.',
    });
    expect(view(actor.getSnapshot()).status).toBeNull();
  });
});

describe('in the room', () => {
  it('says it is getting in until the room has said where it is, then welcomes the player by name and team', async () => {
    const phone = phoneActor({ seat: keptSeat }, { code: CODE });
    expect(view(phone.snapshot()).screen).toMatchObject({ name: 'code', looking: true });
    await settle();
    expect(view(phone.snapshot())).toMatchObject({
      screen: { name: 'notice', title: 'Getting into room K7QF3M…' },
      status: null,
    });
    phone.actor.send({ type: 'room.seat', seat: player });
    phone.actor.send({ type: 'room.phase', phase: phase(), at: Date.now() });
    expect(view(phone.snapshot())).toMatchObject({
      screen: { name: 'lobby', player: 'Ana', team: 'Foxes' },
      status: { kind: 'online', name: 'Ana' },
    });
    phone.actor.send({ type: 'room.seat', seat: { ...player, phones: 'solo', team: -1, teams: [] } });
    expect(view(phone.snapshot()).screen).toEqual({ name: 'lobby', player: 'Ana', team: null });
  });

  it("shows the story's company", async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: phase({ phase: 'intro', company: 'Tandem' }), at: Date.now() });
    expect(view(actor.getSnapshot()).screen).toEqual({ name: 'intro', company: 'Tandem' });
  });

  it("shows a task with the time left on the phone's clock, whatever the server's, and the answer the room has", async () => {
    const { actor } = await inRoom();
    // The server's clock runs 5 s ahead: 30 s left is 30 s here too.
    actor.send({ type: 'room.phase', phase: question(3, 30, { now: Date.now() + 5000 }), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'pmm') });
    expect(view(actor.getSnapshot()).screen).toEqual({
      name: 'question',
      task: 'Task 3',
      number: 3,
      of: 9,
      answer: 'pmm',
      open: true,
      left: 25_000,
      total: 30_000,
      refusal: null,
      pending: null,
      confidence: null,
      again: false,
      sure: false,
    });
    expect(view(actor.getSnapshot(), Date.now() + 10_000).screen).toMatchObject({ left: 15_000 });
    expect(view(actor.getSnapshot(), Date.now() + 60_000).screen).toMatchObject({ left: 0 });
    actor.send({ type: 'room.refused', refusal: { reason: 'answers-closed' } });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ refusal: 'Answers are closed.' });
  });

  it("counts an answer for another task as none, and says time's up once answers close", async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: question(3, null), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(2, 'pm') });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ answer: null, left: null, total: null });
    actor.send({ type: 'room.phase', phase: question(3, null, { open: false }), at: Date.now() });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'question', open: false });
  });

  it('makes the split a step of its own once Both is locked in, and takes none while the connection is away', async () => {
    const { actor } = await inRoom();
    const splits = ['PM writes it; PMM checks it', 'Each writes half'];
    actor.send({ type: 'room.phase', phase: question(3, 30), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'pm', { splits }) });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'question', answer: 'pm' });
    actor.send({ type: 'room.mine', mine: mine(3, 'both', { splits, split: 1 }) });
    expect(view(actor.getSnapshot()).screen).toEqual({
      name: 'split',
      task: 'Task 3',
      number: 3,
      of: 9,
      splits,
      split: 1,
      open: true,
      grace: false,
      left: 30_000,
      total: 30_000,
      canChange: true,
      refusal: null,
      again: false,
      sure: false,
      confidence: null,
    });
    // On the first vote of a task voted twice, the split step asks how sure too, while answers are open.
    actor.send({ type: 'room.phase', phase: question(3, 30, { sure: true }), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'both', { splits, split: 1, confidence: 'high' }) });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'split', sure: true, confidence: 'high' });
    actor.send({ type: 'room.drop' });
    expect(view(actor.getSnapshot())).toMatchObject({
      screen: { name: 'split', open: false, canChange: true },
      status: { kind: 'reconnecting' },
    });
  });

  it('goes back to the roles from the split, and back to the split when Both is taken again', async () => {
    const { actor } = await inRoom();
    const splits = ['PM writes it; PMM checks it', 'Each writes half'];
    actor.send({ type: 'room.phase', phase: question(3, 30), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'both', { splits }) });
    actor.send({ type: 'answer.change' });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'question', answer: 'both' });
    expect(view(actor.getSnapshot()).key).toMatch(/^question:/);
    actor.send({ type: 'answer.choose', role: 'both' });
    actor.send({ type: 'room.mine', mine: mine(3, 'both', { splits }) });
    expect(view(actor.getSnapshot())).toMatchObject({
      screen: { name: 'split' },
      key: expect.stringMatching(/^split:/),
    });
  });

  it("counts the split's grace down once answers close, then says time's up", async () => {
    const { actor } = await inRoom();
    const splits = ['PM writes it; PMM checks it', 'Each writes half'];
    // Answers close on the server at its 30 s deadline; the grace runs 10 s more.
    const open = question(3, 30, { splitUntil: Date.now() + 40_000 });
    actor.send({ type: 'room.phase', phase: open, at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'both', { splits }) });
    // The deadline passed on this phone's clock before the room said so: the grace already shows.
    expect(view(actor.getSnapshot(), Date.now() + 33_000).screen).toMatchObject({
      name: 'split',
      grace: true,
      left: 7_000,
      total: 10_000,
      open: true,
    });
    vi.setSystemTime(T0 + 30_000);
    const closed = question(3, null, { open: false, splitUntil: T0 + 40_000 });
    actor.send({ type: 'room.phase', phase: closed, at: Date.now() });
    expect(countsDown(actor.getSnapshot())).toBe(true);
    expect(view(actor.getSnapshot(), T0 + 36_000).screen).toMatchObject({
      name: 'split',
      grace: true,
      left: 4_000,
      canChange: false,
      open: true,
    });
    expect(view(actor.getSnapshot(), T0 + 40_000).screen).toMatchObject({ name: 'question', open: false });
  });

  it('shows an answer tapped while away as waiting to be sent, on its own task only', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: question(3), at: Date.now() });
    actor.send({ type: 'room.drop' });
    actor.send({ type: 'answer.choose', role: 'both' });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ pending: 'both', answer: null });
    actor.send({ type: 'room.reconnect', token: null });
    actor.send({ type: 'room.phase', phase: question(4), at: Date.now() });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ pending: null });
  });

  it('shows the verdict at the reveal, and says it aloud', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: question(3), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'pm') });
    const reveal = { key: 'pmm' as const, takeaway: 'Positioning is marketing.' };
    actor.send({ type: 'room.phase', phase: phase({ phase: 'reveal', ask: 3, reveal }), at: Date.now() });
    const shown = view(actor.getSnapshot());
    expect(shown.screen).toEqual({
      name: 'reveal',
      verdict: { right: false, key: 'pmm', takeaway: reveal.takeaway, answered: true },
      answer: 'pm',
      words: { title: 'Not this time', tone: 'wrong', lines: ['You said Product management.'] },
    });
    expect(shown.announcement).toBe('Not this time. You said Product management. The answer: Product marketing.');
  });

  it("says at the reveal whether the phone's team scored and why, from the room's team answers", async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: question(3), at: Date.now() });
    actor.send({ type: 'room.mine', mine: mine(3, 'pm') });
    const teams = [
      { role: 'pm' as const, votes: 1, answered: 1, tie: false },
      { role: 'pmm' as const, votes: 2, answered: 3, tie: false },
    ];
    const reveal = { key: 'pmm' as const, takeaway: 'Positioning is marketing.', teams };
    actor.send({ type: 'room.phase', phase: phase({ phase: 'reveal', ask: 3, reveal }), at: Date.now() });
    const shown = view(actor.getSnapshot());
    // Ana plays for the Foxes (team 1), who went with the right role through her teammates.
    expect(shown.screen).toMatchObject({
      name: 'reveal',
      verdict: { right: false, team: { name: 'Foxes', role: 'pmm', votes: 2, answered: 3, scored: true } },
      words: {
        title: 'Your team scored',
        tone: 'team',
        lines: ['You said Product management; Foxes went with Product marketing, 2 of 3, and scored.'],
      },
    });
    expect(shown.announcement).toBe(
      'Your team scored. You said Product management; Foxes went with Product marketing, 2 of 3, and scored. The answer: Product marketing.',
    );
  });

  it('puts the team’s answer in words: scored, missed on a tie, or nobody answered', () => {
    const base = { key: 'pmm' as const, takeaway: '', answered: true };
    const team = (role: 'pm' | 'pmm' | null, votes: number, answered: number, tie = false) => ({
      name: 'Red',
      role,
      votes,
      answered,
      tie,
      scored: role === 'pmm',
    });
    expect(revealWords({ ...base, right: true, team: team('pmm', 2, 3) }, 'pmm')).toEqual({
      title: 'Right!',
      tone: 'right',
      lines: ['Your team scored: Red went with Product marketing, 2 of 3.'],
    });
    expect(revealWords({ ...base, right: true, team: team('pm', 1, 2, true) }, 'pmm')).toEqual({
      title: 'Right!',
      tone: 'right',
      lines: [
        'Red went with Product management, 1 of 2 (tie broken by the first answer); the answer was Product marketing.',
      ],
    });
    expect(revealWords({ ...base, right: false, team: team('pm', 2, 2) }, 'pm')).toEqual({
      title: 'Not this time',
      tone: 'wrong',
      lines: [
        'You said Product management.',
        'Red went with Product management, 2 of 2; the answer was Product marketing.',
      ],
    });
    expect(revealWords({ ...base, right: false, answered: false, team: team('pmm', 1, 1) }, null)).toEqual({
      title: 'Your team scored',
      tone: 'team',
      lines: ['You did not answer; Red went with Product marketing, 1 of 1, and scored.'],
    });
    expect(revealWords({ ...base, right: false, answered: false, team: team(null, 0, 0) }, null)).toEqual({
      title: 'No answer this time',
      tone: 'none',
      lines: ['Nobody on Red answered.'],
    });
    // On their own, a phone hears only its own verdict.
    expect(revealWords({ ...base, right: false }, 'both')).toEqual({
      title: 'Not this time',
      tone: 'wrong',
      lines: ['You said Both.'],
    });
  });

  it('shows the standing at the scoreboard and the end, and where the scores are without one', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: phase({ phase: 'scoreboard', ask: 3 }), at: Date.now() });
    expect(view(actor.getSnapshot()).screen).toEqual({ name: 'standing', final: false, teams: 2, results: null });
    const standing = { rank: 2, points: 3, players: 5, max: 4 };
    actor.send({ type: 'room.standing', standing });
    expect(view(actor.getSnapshot()).screen).toEqual({
      name: 'standing',
      standing,
      final: false,
      teams: 2,
      results: null,
    });
    actor.send({ type: 'room.phase', phase: phase({ phase: 'final', ask: 3 }), at: Date.now() });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ final: true, results: null });
  });

  it("offers the player's own result link at the end, as the room sent it", async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: phase({ phase: 'final', ask: 3 }), at: Date.now() });
    actor.send({ type: 'room.standing', standing: { rank: 1, points: 3, players: 5, max: 4, link: 'r=QUJD' } });
    expect(view(actor.getSnapshot()).screen).toMatchObject({ name: 'standing', final: true, results: 'r=QUJD' });
  });

  it('makes each step and each task a new screen, but not each tick of the clock', async () => {
    const { actor } = await inRoom();
    const keys = new Set<string>();
    actor.send({ type: 'room.phase', phase: phase(), at: Date.now() });
    keys.add(view(actor.getSnapshot()).key);
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    keys.add(view(actor.getSnapshot()).key);
    const first = view(actor.getSnapshot()).key;
    expect(view(actor.getSnapshot(), Date.now() + 5000).key).toBe(first);
    actor.send({ type: 'room.phase', phase: question(2), at: Date.now() });
    keys.add(view(actor.getSnapshot()).key);
    actor.send({ type: 'room.phase', phase: phase({ phase: 'scoreboard', ask: 2 }), at: Date.now() });
    keys.add(view(actor.getSnapshot()).key);
    actor.send({ type: 'room.phase', phase: phase({ phase: 'final', ask: 2 }), at: Date.now() });
    keys.add(view(actor.getSnapshot()).key);
    expect(keys.size).toBe(5);
  });

  it('has the clock tick only while a countdown runs', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.phase', phase: question(1, null), at: Date.now() });
    expect(countsDown(actor.getSnapshot())).toBe(false);
    actor.send({ type: 'room.phase', phase: question(1, 30), at: Date.now() });
    expect(countsDown(actor.getSnapshot())).toBe(true);
    actor.send({ type: 'code.change' });
    expect(countsDown(actor.getSnapshot())).toBe(false);
  });
});

describe('out of the room', () => {
  it('says the facilitator took the phone out, with the way to another room', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.closed', code: CLOSE_REMOVED });
    const shown = view(actor.getSnapshot());
    expect(shown).toMatchObject({
      screen: {
        name: 'notice',
        title: "You're out of this room",
        text: 'The facilitator took this phone out of the room.',
        action: { label: 'Join a room', event: { type: 'code.change' } },
      },
      status: null,
    });
    expect(shown.screen).not.toHaveProperty('other');
  });

  it('says another tab has the seat, and offers to play here instead', async () => {
    const { actor } = await inRoom();
    actor.send({ type: 'room.closed', code: CLOSE_REPLACED });
    expect(view(actor.getSnapshot()).screen).toEqual({
      name: 'notice',
      title: 'Your seat is open elsewhere',
      text: "This phone's seat in room K7QF3M is now open in another tab or on another device.",
      action: { label: 'Play here instead', event: { type: 'seat.retry' } },
    });
  });

  it('says the room does not answer once it gave up, offering to try again or another code', async () => {
    let up = true;
    const { actor } = await inRoom({
      enter: () => (up ? { kind: 'in', token: null, at: Date.now() } : { kind: 'unreachable', at: Date.now() }),
    });
    up = false;
    actor.send({ type: 'room.phase', phase: question(1), at: Date.now() });
    actor.send({ type: 'room.closed', code: 1006 });
    expect(view(actor.getSnapshot())).toMatchObject({ screen: { name: 'question' }, status: { kind: 'reconnecting' } });
    await vi.advanceTimersByTimeAsync(RETRY_FOR_MS + 20_000);
    const shown = view(actor.getSnapshot());
    expect(shown.screen).toEqual({
      name: 'notice',
      title: "Can't reach the room",
      text: 'Room K7QF3M does not answer. Check the Wi-Fi, or ask the facilitator whether the room is open.',
      action: { label: 'Try again', event: { type: 'seat.retry' } },
      other: { label: 'Use another code', event: { type: 'code.change' } },
    });
    expect(shown.status).toBeNull();
  });
});
