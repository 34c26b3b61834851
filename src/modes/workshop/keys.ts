/** The keys of workshop mode, as the `?` overlay lists them. */
export const WORKSHOP_KEYS: Array<[keys: string, what: string]> = [
  ['Space, Enter, N or →', 'Next step: start, reveal, next task, next company'],
  ['R', 'Reveal the answer'],
  ['T', 'Pause or resume the timer'],
  ['1 to 12, then P, M or B', 'Set a team’s answer: team number, then Product management, Product marketing or Both'],
  ['1 to 12, then X', 'Clear a team’s answer'],
  ['P, M or B (room mode)', 'Count one more hand for that role; with Shift, one fewer'],
  ['U or Ctrl+Z', 'Undo the last entry'],
  ['F', 'Full screen on or off'],
  ['?', 'Show or hide this list'],
];
