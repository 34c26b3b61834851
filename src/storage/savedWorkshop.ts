import * as v from 'valibot';
import type { SnapshotFrom } from 'xstate';
import { indexCards } from '../game/bank';
import { ROLES, type Bank } from '../game/schema';
import { MAX_TEAMS, TIMER_CHOICES } from '../game/workshop';
import { workshopMachine, type WorkshopContext } from '../machines/workshopMachine';
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

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const role = v.picklist(ROLES);
const entries = v.object({
  picks: v.array(v.nullable(role)),
  left: v.array(v.nullable(count)),
  tally: v.object({ pm: count, pmm: count, both: count }),
});

/** A workshop as stored: its state and its context without the bank. */
export const savedWorkshopSchema = v.object({
  state: v.picklist(WORKSHOP_STATES),
  context: v.object({
    seed: v.pipe(count, v.maxValue(0xffffffff)),
    settings: v.object({
      teams: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(MAX_TEAMS)),
      room: v.boolean(),
      scenarioIds: v.array(v.string()),
      secondsPerCard: v.picklist(TIMER_CHOICES),
      speedBonus: v.boolean(),
      scoreboard: v.picklist(['between', 'end']),
    }),
    rounds: v.array(v.object({ scenarioId: v.nullable(v.string()), cardIds: v.array(v.string()) })),
    roundIndex: count,
    cardIndex: count,
    entries: v.record(v.string(), entries),
    log: v.array(v.object({ cardId: v.string(), before: entries })),
    deadline: v.nullable(count),
    remaining: v.nullable(count),
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
