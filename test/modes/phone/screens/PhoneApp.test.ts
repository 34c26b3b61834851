import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { PhoneRuntime, type PhoneClient, type PhoneRoom } from '../../../../src/modes/phone/phoneRuntime.svelte';
import PhoneApp from '../../../../src/modes/phone/screens/PhoneApp.svelte';
import { readSeat, seatStorageKey } from '../../../../src/modes/phone/phoneSeat';
import { CLOSE_REMOVED } from '../../../../src/room/protocol';

/**
 * The phone app on its runtime, with a room server faked at the edges the runtime uses: the
 * look-up (fetch), the room client, and localStorage.
 */

const CODE = 'K7QF3M';
const info = { code: CODE, phones: 'teams', teams: ['Owls', 'Foxes'], locked: false, check: false };

/** A room connection that answers `hello` as the server does: the seat, the step, this phone's answer. */
class FakeRoom implements PhoneRoom {
  reconnectionToken = 'ROOM:token';
  sent: Array<[string, unknown]> = [];
  step: Record<string, unknown> = { phase: 'lobby', ask: 0, deadline: null, now: Date.now(), open: false };
  answer: string | null = null;
  readonly #on = new Map<string, (payload: unknown) => void>();
  drop = () => {};
  back = () => {};
  close = (_code: number) => {};

  constructor(readonly options: Record<string, unknown>) {}

  send(type: string, payload?: unknown) {
    this.sent.push([type, payload]);
    if (type === 'hello') {
      const name = (this.options.name as string) || 'Player 1';
      this.emit('seat', { id: 'seat-1', name, team: this.options.team, teams: info.teams, phones: 'teams' });
      this.emit('phase', this.step);
      this.emit('mine', { ask: this.step.ask, answer: this.answer, split: null });
    }
  }
  emit(type: string, payload: unknown) {
    this.#on.get(type)?.(payload);
  }
  onMessage(type: string, callback: (payload: unknown) => void) {
    this.#on.set(type, callback);
  }
  onDrop(callback: () => void) {
    this.drop = callback;
  }
  onReconnect(callback: () => void) {
    this.back = callback;
  }
  onLeave(callback: (code: number) => void) {
    this.close = callback;
  }
  leave() {
    return Promise.resolve(4000);
  }
}

function fakeServer() {
  const rooms: FakeRoom[] = [];
  const client: PhoneClient = {
    joinById: (code, options) => {
      if (code !== CODE) return Promise.reject(new Error('No such room.'));
      const room = new FakeRoom(options as Record<string, unknown>);
      rooms.push(room);
      return Promise.resolve(room);
    },
    reconnect: () => Promise.reject(new Error('The reconnection token is no good.')),
  };
  const fetch = (url: string | URL | Request) =>
    Promise.resolve(
      String(url).endsWith(`/rooms/${CODE}`)
        ? Response.json(info)
        : Response.json({ error: 'no-room?room=ZZZZZZ: There is no room ZZZZZZ.' }, { status: 404 }),
    );
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  return { rooms, client, fetch: fetch as typeof globalThis.fetch, storage, items };
}

let runtime: PhoneRuntime | undefined;
afterEach(() => runtime?.stop());

function open(server: ReturnType<typeof fakeServer>, code: string | null = null) {
  runtime = new PhoneRuntime({ endpoint: 'http://rooms.test', ...server }, code);
  runtime.start();
  render(PhoneApp, { runtime });
  return runtime;
}

it('finds a typed room, joins it with a name and a team, and keeps the seat for coming back', async () => {
  const user = userEvent.setup();
  const server = fakeServer();
  open(server);
  // Its own language is the phone's to choose, before it is in the room.
  expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
  await user.type(screen.getByRole('textbox', { name: 'Room code' }), 'zzzzzz{Enter}');
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'There is no room ZZZZZZ. Check the code on the big screen.',
  );
  await user.clear(screen.getByRole('textbox', { name: 'Room code' }));
  await user.type(screen.getByRole('textbox', { name: 'Room code' }), 'k7q f3m{Enter}');
  await user.type(await screen.findByRole('textbox', { name: 'Your name (optional)' }), 'Ana');
  await user.click(screen.getByRole('radio', { name: 'Foxes' }));
  await user.click(screen.getByRole('button', { name: 'Join the room' }));
  expect(await screen.findByRole('heading', { name: "You're in, Ana (team Foxes)." })).toBeInTheDocument();
  expect(screen.queryByRole('combobox', { name: 'Language' })).not.toBeInTheDocument();
  expect(screen.getAllByRole('status')[0]).toHaveTextContent('Ana');
  expect(server.rooms[0]!.options).toMatchObject({ as: 'phone', name: 'Ana', team: 1 });
  expect(readSeat(server.items.get(seatStorageKey(CODE)) ?? null)).toMatchObject({
    key: server.rooms[0]!.options.key,
    name: 'Ana',
    team: 1,
    token: 'ROOM:token',
  });
});

it('goes back to its seat by key, holds an answer tapped while the connection is away, and sends it once back', async () => {
  const user = userEvent.setup();
  const server = fakeServer();
  const key = 'abcdefghijklmnopqrstuv';
  server.storage.setItem(seatStorageKey(CODE), JSON.stringify({ key, name: 'Bo', team: 0, token: 'ROOM:old' }));
  open(server, CODE);
  expect(await screen.findByRole('heading', { name: "You're in, Bo (team Owls)." })).toBeInTheDocument();
  const room = server.rooms[0]!;
  expect(room.options).toMatchObject({ key, name: 'Bo', team: 0 });

  room.step = {
    phase: 'question',
    ask: 1,
    card: { task: 'Name the launch', number: 1, of: 5 },
    deadline: null,
    now: Date.now(),
    open: true,
  };
  room.emit('phase', room.step);
  await screen.findByRole('heading', { name: 'Name the launch' });
  room.drop();
  expect(await screen.findByText('Reconnecting…')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Product marketing' }));
  expect(screen.getByText('Sending Product marketing as soon as this phone is back online…')).toBeInTheDocument();
  expect(room.sent.filter(([type]) => type === 'answer')).toEqual([]);

  room.back();
  await waitFor(() => expect(room.sent.filter(([type]) => type === 'answer')).toEqual([['answer', { role: 'pmm' }]]));
  room.emit('mine', { ask: 1, answer: 'pmm', split: null });
  expect(await screen.findByText('Locked in: Product marketing.')).toBeInTheDocument();
});

it('says the facilitator took the phone out, forgets the seat, and offers another room', async () => {
  const user = userEvent.setup();
  const server = fakeServer();
  server.storage.setItem(
    seatStorageKey(CODE),
    JSON.stringify({ key: 'abcdefghijklmnopqrstuv', name: 'Bo', team: 0, token: null }),
  );
  open(server, CODE);
  await screen.findByRole('heading', { name: "You're in, Bo (team Owls)." });
  server.rooms[0]!.close(CLOSE_REMOVED);
  expect(await screen.findByRole('heading', { name: "You're out of this room" })).toBeInTheDocument();
  expect(screen.getByText('The facilitator took this phone out of the room.')).toBeInTheDocument();
  expect(server.items.has(seatStorageKey(CODE))).toBe(false);
  await user.click(screen.getByRole('button', { name: 'Join a room' }));
  expect(await screen.findByRole('textbox', { name: 'Room code' })).toHaveValue(CODE);
});
