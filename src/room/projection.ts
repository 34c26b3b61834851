import { isRightRole, type Confidence } from '../core/scoring';
import type { Role } from '../core/schema';
import type { MinePart, PhasePart, StandingPart, TeamAnswer } from './protocol';

/** What the room shows one phone now: the room's step with this phone's own answer, verdict and standing in it. */
export interface RoomView {
  phase: PhasePart['phase'];
  company?: string;
  card?: { task: string; number: number; of: number; splits?: string[] };
  /** When answers close, on the server's clock (epoch ms); null with no running timer. */
  deadline: number | null;
  /** The server's clock when it sent the step. */
  now: number;
  open: boolean;
  answer: Role | null;
  /** How sure this phone said it was of its answer, when the room asks. */
  confidence: Confidence | null;
  split: number | null;
  /** The second vote of a task voted twice. */
  again?: boolean;
  /** The room asks how sure the phone is, with its role. */
  sure?: boolean;
  /** Between the two votes: what the room talks over. */
  talk?: { question: string };
  verdict?: {
    right: boolean;
    key: Role;
    takeaway: string;
    answered: boolean;
    split?: { text: string; right: boolean };
    /** With teams: this phone's team's answer, and whether it scored. */
    team?: TeamAnswer & { name: string; scored: boolean };
  };
  standing?: StandingPart;
}

/**
 * What the room shows a phone, from what the server sent: the step every phone sees (`phase`), this
 * phone's answer to the task it names (`mine`; one for another task counts for nothing) and
 * its standing (shown at the scoreboard and the end). The verdict comes from the key, by the
 * game's own rule; with `team` (this phone's team, by number and name), so does its team's.
 */
export function roomView(
  phase: PhasePart,
  mine: MinePart | null,
  standing: StandingPart | null,
  team: { index: number; name: string } | null = null,
): RoomView {
  const own = mine?.ask === phase.ask ? mine : null;
  const answer = own?.answer ?? null;
  const split = own?.split ?? null;
  const view: RoomView = {
    phase: phase.phase,
    deadline: phase.deadline,
    now: phase.now,
    open: phase.open,
    answer,
    confidence: own?.confidence ?? null,
    split,
  };
  if (phase.company !== undefined) view.company = phase.company;
  if (phase.again) view.again = true;
  if (phase.sure) view.sure = true;
  if (phase.talk) view.talk = phase.talk;
  if (phase.card) view.card = { ...phase.card, ...(own?.splits && answer === 'both' ? { splits: own.splits } : {}) };
  if (phase.phase === 'reveal' && phase.reveal) {
    const { key, takeaway, split: right, teams } = phase.reveal;
    const ours = team ? teams?.[team.index] : undefined;
    view.verdict = {
      right: isRightRole(key, answer),
      key,
      takeaway,
      answered: answer !== null,
      ...(right ? { split: { text: right.text, right: split === right.option } } : {}),
      ...(ours && team ? { team: { ...ours, name: team.name, scored: isRightRole(key, ours.role) } } : {}),
    };
  }
  if (standing && (phase.phase === 'scoreboard' || phase.phase === 'final')) view.standing = standing;
  return view;
}
