import { roleName } from '../../core/labels';
import { MAX_TEAMS } from '../../core/limits';
import { m } from '../../i18n/paraglide/messages.js';

/** The keys of workshop mode, as the `?` overlay lists them. */
export const WORKSHOP_KEYS: Array<[keys: string, what: string]> = [
  [m.workshop_keys_next_keys(), m.workshop_keys_next()],
  ['R', m.workshop_keys_reveal()],
  ['T', m.workshop_keys_timer()],
  [
    m.workshop_keys_answer_keys({ max: MAX_TEAMS }),
    m.workshop_keys_answer({ pm: roleName('pm'), pmm: roleName('pmm'), both: roleName('both') }),
  ],
  [m.workshop_keys_clear_keys({ max: MAX_TEAMS }), m.workshop_keys_clear()],
  [m.workshop_keys_hands_keys(), m.workshop_keys_hands()],
  [m.workshop_keys_undo_keys(), m.workshop_keys_undo()],
  ['F', m.workshop_keys_fullscreen()],
  ['?', m.workshop_keys_help()],
];
