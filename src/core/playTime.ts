import { m } from '../i18n/paraglide/messages.js';

/**
 * How long a game takes, in one place: the start screen's buttons and the share page's
 * invitation quote the same figure for the same number of tasks.
 */

/** About how long a learner spends on a task on their own, the feedback read. */
export const SECONDS_PER_TASK = 35;

/** About how many minutes a self-paced game of `tasks` tasks takes: whole minutes, at least one. */
export function playMinutes(tasks: number): number {
  return Math.max(1, Math.ceil((tasks * SECONDS_PER_TASK) / 60));
}

/** "about 6 minutes": the time a game of `tasks` tasks takes, as the screens say it. */
export function aboutMinutes(tasks: number): string {
  return m.core_play_about_minutes({ minutes: playMinutes(tasks) });
}
