import * as v from 'valibot';
import { MAX_HANDS, MAX_PLAYERS, MAX_TEAMS } from '../../core/limits';
import type { IndexedBank } from '../../core/bank';
import { fail, type Result } from '../../core/result';
import { ROLES } from '../../core/schema';
import { CONFIDENCES } from '../../core/scoring';
import { PHONES_MODES, TALK_CHOICES, TIMER_CHOICES } from '../../core/workshop';
import { doorCheck, roomCode, roomToken, seatId as seat } from '../../room/protocol';
import type { WorkshopMachine } from './workshopMachine';
import type { WorkshopSnapshot } from './workshopView';
import { atMost, count, duration, id, ids, LIMITS, timestamp, unique } from '../../platform/bounds';
import { unwrap } from '../../platform/readEnvelope';
import { toSavedState, type SavedFormat, type SlotFormat } from '../../platform/savedActor';
import { toSnapshot } from '../../platform/restingStates';
import { savedRounds } from '../../progress/savedGameSchema';
import { m } from '../../i18n/paraglide/messages.js';

const role = v.picklist(ROLES);
const hands = count(MAX_HANDS);
const vote = v.object({
  role,
  left: v.nullable(duration),
  order: count(),
  split: v.optional(v.nullable(count(LIMITS.options - 1))),
  confidence: v.optional(v.nullable(v.picklist(CONFIDENCES))),
});
const oneVote = {
  picks: v.pipe(v.array(v.nullable(role)), v.maxLength(MAX_TEAMS)),
  left: v.pipe(v.array(v.nullable(duration)), v.maxLength(MAX_TEAMS)),
  tally: v.object({ pm: hands, pmm: hands, both: hands }),
  votes: v.optional(v.pipe(v.record(seat, vote), atMost(MAX_PLAYERS, 'answers'))),
};
const entries = v.object({ ...oneVote, first: v.optional(v.object(oneVote)) });
const player = v.object({
  id: seat,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name)),
  team: v.pipe(v.number(), v.safeInteger(), v.minValue(-1), v.maxValue(MAX_TEAMS - 1)),
  removed: v.boolean(),
});

/** A workshop as stored: its state and its context. */
export const savedWorkshopSchema = v.object({
  state: v.pipe(v.string(), v.maxLength(60)),
  context: v.object({
    seed: count(0xffffffff),
    settings: v.object({
      teams: v.pipe(
        v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name))),
        v.maxLength(MAX_TEAMS),
        unique((team) => team.trim().toLowerCase(), 'team names'),
      ),
      room: v.boolean(),
      scenarioIds: ids(LIMITS.companies),
      secondsPerCard: v.picklist(TIMER_CHOICES),
      speedBonus: v.boolean(),
      scoreboard: v.picklist(['between', 'end']),
      // Fields from here on came with phones; a workshop saved before them had none.
      phones: v.optional(v.picklist(PHONES_MODES), 'off'),
      // Saved before a task could be voted twice: every task once.
      voteTwice: v.optional(v.boolean(), false),
      talkSeconds: v.optional(v.picklist(TALK_CHOICES), 60),
    }),
    rounds: savedRounds,
    roundIndex: count(LIMITS.rounds),
    cardIndex: count(LIMITS.cardsPerRound),
    entries: v.pipe(v.record(id, entries), atMost(LIMITS.cards, 'tasks')),
    log: v.pipe(
      v.array(v.object({ cardId: id, vote: v.optional(v.picklist([1, 2])), before: entries })),
      v.maxLength(LIMITS.log),
    ),
    deadline: v.nullable(timestamp),
    remaining: v.nullable(duration),
    // Saved before the final screens kept their page in the workshop: the podium.
    page: v.optional(count(1000), 0),
    players: v.optional(
      v.pipe(
        v.array(player),
        v.maxLength(MAX_PLAYERS),
        unique((p: v.InferOutput<typeof player>) => p.id, 'players'),
      ),
      [],
    ),
    room: v.optional(
      v.nullable(v.object({ code: roomCode, token: roomToken, check: v.optional(v.nullable(doorCheck), null) })),
      null,
    ),
    // Saved before a task could be voted twice.
    twice: v.optional(v.pipe(v.record(id, v.boolean()), atMost(LIMITS.cards, 'tasks')), {}),
    // Saved before the facilitator kept the door: an open one.
    door: v.optional(v.object({ locked: v.boolean(), check: v.boolean() }), { locked: false, check: false }),
  }),
});
export type SavedWorkshop = v.InferOutput<typeof savedWorkshopSchema>;

/** What the workshop keeps: its state, and the step number the two windows agree by. */
export const workshopDataSchema = v.object({ seq: count(), workshop: savedWorkshopSchema });
export type WorkshopData = v.InferOutput<typeof workshopDataSchema>;

/**
 * The workshop as stored. Version 1 (before this envelope) stored
 * `{ app, kind: 'workshop', seq, savedAt, data }`, with no version; version 2 moves the step
 * number into the data and gives the workshop the same envelope as self-paced progress.
 */
export const workshopFormat: SavedFormat<WorkshopData> = {
  kind: 'workshop',
  version: 2,
  schema: workshopDataSchema,
  migrations: {
    1: (data) => {
      const old = v.parse(v.object({ seq: count(), data: v.unknown() }), data);
      return { seq: old.seq, workshop: old.data };
    },
  },
  legacy: (raw) => {
    const old = raw as { app?: unknown; kind?: unknown; seq?: unknown; data?: unknown } | null;
    return old?.app === 'role-call' && old.kind === 'workshop' && !('schemaVersion' in old)
      ? { version: 1, data: { seq: old.seq, data: old.data } }
      : undefined;
  },
};

/** The workshop's slot: the workshop loads whole, its checks with it. */
export const workshopSlot: SlotFormat<WorkshopData> = {
  kind: workshopFormat.kind,
  version: workshopFormat.version,
  reader: async () => (raw) => unwrap(workshopFormat, raw),
};

export function toSavedWorkshop(snapshot: WorkshopSnapshot): SavedWorkshop {
  return toSavedState(snapshot);
}

/** The snapshot for a saved workshop, or why it cannot be resumed with this bank. Never throws. */
export function restoreWorkshop(
  saved: SavedWorkshop,
  machine: WorkshopMachine,
  bank: IndexedBank,
): Result<WorkshopSnapshot> {
  const { context } = saved;
  const teams = context.settings.teams.length;
  const round = context.rounds[context.roundIndex];
  const fits =
    context.rounds.every((r) => r.cardIds.every((id) => bank.cards.has(id))) &&
    Object.entries(context.entries).every(
      ([id, e]) => bank.cards.has(id) && e.picks.length === teams && e.left.length === teams,
    ) &&
    context.players.every((player) => player.team < teams) &&
    (saved.state === 'setup' || (round !== undefined && context.cardIndex < round.cardIds.length));
  if (!fits) return fail(m.workshop_saved_other_questions());
  const snapshot = toSnapshot(machine, saved);
  return snapshot.ok ? snapshot : fail(m.workshop_saved_other_version());
}
