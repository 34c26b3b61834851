import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { indexCards } from '../game/bank';
import { ROLES, type Bank } from '../game/schema';
import { MAX_HANDS, MAX_TEAMS, TIMER_CHOICES } from '../game/workshop';
import { workshopMachine, type WorkshopContext } from '../machines/workshopMachine';
import { atMost, count, duration, id, ids, LIMITS, timestamp, unique } from './bounds';
import { savedRounds } from './savedGame';
import { statePath, stateValue } from './statePath';

/** Every resting state of a workshop, as a dotted path. */
export const WORKSHOP_STATES = [
  'setup',
  'roundIntro',
  'question.timing',
  'question.paused',
  'question.timeUp',
  'question.untimed',
  'reveal',
  'scoreboard',
  'final',
] as const;

const role = v.picklist(ROLES);
const hands = count(MAX_HANDS);
const entries = v.object({
  picks: v.pipe(v.array(v.nullable(role)), v.maxLength(MAX_TEAMS)),
  left: v.pipe(v.array(v.nullable(duration)), v.maxLength(MAX_TEAMS)),
  tally: v.object({ pm: hands, pmm: hands, both: hands }),
});

/** A workshop as stored: its state and its context without the bank. */
export const savedWorkshopSchema = v.object({
  state: v.picklist(WORKSHOP_STATES),
  context: v.object({
    seed: count(0xffffffff),
    settings: v.object({
      teams: v.pipe(
        v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.name))),
        v.minLength(1),
        v.maxLength(MAX_TEAMS),
        unique((team) => team.trim().toLowerCase(), 'team names'),
      ),
      room: v.boolean(),
      scenarioIds: ids(LIMITS.companies),
      secondsPerCard: v.picklist(TIMER_CHOICES),
      speedBonus: v.boolean(),
      scoreboard: v.picklist(['between', 'end']),
    }),
    rounds: savedRounds,
    roundIndex: count(LIMITS.rounds),
    cardIndex: count(LIMITS.cardsPerRound),
    entries: v.pipe(v.record(id, entries), atMost(LIMITS.cards, 'tasks')),
    log: v.pipe(v.array(v.object({ cardId: id, before: entries })), v.maxLength(LIMITS.log)),
    deadline: v.nullable(timestamp),
    remaining: v.nullable(duration),
  }),
});
export type SavedWorkshop = v.InferOutput<typeof savedWorkshopSchema>;

type WorkshopSnapshot = SnapshotFrom<typeof workshopMachine>;

export function toSavedWorkshop(snapshot: WorkshopSnapshot): SavedWorkshop {
  const { bank: _bank, ...context } = snapshot.context;
  return { state: statePath(snapshot.value) as SavedWorkshop['state'], context };
}

/** The snapshot for stored data, or why it cannot be resumed with this bank. Never throws. */
export function restoreWorkshop(raw: unknown, bank: Bank): { snapshot: WorkshopSnapshot } | { problem: string } {
  const parsed = v.safeParse(savedWorkshopSchema, raw);
  if (!parsed.success) return { problem: 'The saved workshop is damaged, so a new one starts.' };
  const saved = parsed.output;
  const cards = indexCards(bank);
  const teams = saved.context.settings.teams.length;
  const fits =
    saved.context.rounds.every((round) => round.cardIds.every((id) => cards.has(id))) &&
    Object.entries(saved.context.entries).every(
      ([id, e]) => cards.has(id) && e.picks.length === teams && e.left.length === teams,
    ) &&
    (saved.state === 'setup' ||
      (saved.context.roundIndex < saved.context.rounds.length &&
        saved.context.cardIndex < saved.context.rounds[saved.context.roundIndex]!.cardIds.length));
  if (!fits) return { problem: 'The saved workshop was made with other questions, so a new one starts.' };
  const context: WorkshopContext = { ...saved.context, bank };
  return { snapshot: workshopMachine.resolveState({ value: stateValue(saved.state), context }) };
}
