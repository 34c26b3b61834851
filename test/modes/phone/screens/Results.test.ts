import { render, screen, waitFor } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import Reveal from '../../../../src/modes/phone/screens/Reveal.svelte';
import Standing from '../../../../src/modes/phone/screens/Standing.svelte';
import { revealWords } from '../../../../src/modes/phone/phoneView';
import { m } from '../../../../src/i18n/paraglide/messages.js';
import type { Role } from '../../../../src/core/schema';

const verdict = { key: 'pm' as const, takeaway: "Ranking needs is product management's job." };
/** The reveal's props as the phone's view makes them. */
function reveal(answer: Role | null, team?: { role: Role | null; votes: number; answered: number; tie: boolean }) {
  const full = {
    ...verdict,
    right: answer === 'pm',
    answered: answer !== null,
    ...(team ? { team: { ...team, name: 'Red', scored: team.role === 'pm' } } : {}),
  };
  return { verdict: full, answer, words: revealWords(full, answer) };
}

it('says a right answer is right, with the takeaway', async () => {
  render(Reveal, reveal('pm'));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Right!');
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  expect(screen.getByText(/The answer:/)).toHaveTextContent('The answer: Product management');
  expect(screen.getByText(verdict.takeaway)).toBeInTheDocument();
  expect(screen.queryByText(/You said/)).not.toBeInTheDocument();
});

it('tells a wrong answer from no answer', () => {
  const { unmount } = render(Reveal, reveal('both'));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not this time');
  expect(screen.getByText('You said Both.')).toBeInTheDocument();
  unmount();
  render(Reveal, reveal(null));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('No answer this time');
});

it("says the team scored through a teammate's answer, never 'Not this time'", () => {
  render(Reveal, reveal('pmm', { role: 'pm', votes: 2, answered: 3, tie: false }));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Your team scored');
  expect(screen.queryByText(/Not this time/)).not.toBeInTheDocument();
  expect(screen.getByText(/You said/)).toHaveTextContent(
    'You said Product marketing; Red went with Product management, 2 of 3, and scored.',
  );
});

it("shows the player's rank, points and team", () => {
  const standing = { rank: 3, points: 7, players: 24, max: 9, team: { name: 'Owls', rank: 1, points: 20 } };
  render(Standing, { standing, final: true, teams: 2 });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('3rd of 24');
  expect(screen.getByText(/of 9 points/)).toHaveTextContent('7 of 9 points');
  expect(screen.getByText(/Your team, Owls/)).toHaveTextContent('Your team, Owls: 1st of 2, 20 points');
  expect(screen.getByText('Final result')).toBeInTheDocument();
});

it('says ranks as people do', () => {
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map((rank) => m.phone_standing_rank({ rank }))).toEqual([
    '1st',
    '2nd',
    '3rd',
    '4th',
    '11th',
    '12th',
    '13th',
    '21st',
    '22nd',
    '23rd',
    '101st',
    '111th',
  ]);
});

it("counts a single point and a team's single point as one", () => {
  const standing = { rank: 1, points: 1, players: 2, max: 1, team: { name: 'Owls', rank: 2, points: 1 } };
  render(Standing, { standing, final: false, teams: 2 });
  expect(screen.getByText(/of 1 point/)).toHaveTextContent('1 of 1 point');
  expect(screen.getByText(/Your team, Owls/)).toHaveTextContent('Your team, Owls: 2nd of 2, 1 point');
});

it("ends with the player's own result link and a way to play on their own", () => {
  const standing = { rank: 3, points: 7, players: 24, max: 9 };
  render(Standing, { standing, final: true, teams: 0, results: 'r=QUJDRA' });
  const next = screen.getByRole('navigation', { name: 'What next' });
  expect(next).toContainElement(screen.getByRole('link', { name: 'See my results' }));
  // The app's own page without the room's query, so the result page opens and recomputes the score.
  expect(screen.getByRole('link', { name: 'See my results' })).toHaveAttribute('href', './#r=QUJDRA');
  expect(screen.getByRole('link', { name: 'Play on your own' })).toHaveAttribute('href', './');
});

it('offers to play on your own at the end even without a link, and nothing between companies', () => {
  const { unmount } = render(Standing, { final: true, teams: 0 });
  expect(screen.queryByRole('link', { name: 'See my results' })).not.toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Play on your own' })).toBeInTheDocument();
  unmount();
  render(Standing, { standing: { rank: 1, points: 1, players: 2, max: 1 }, final: false, teams: 0 });
  expect(screen.queryByRole('navigation', { name: 'What next' })).not.toBeInTheDocument();
});

it('points to the big screen when the phone has no standing', () => {
  render(Standing, { final: false, teams: 0 });
  expect(screen.getByText('Scoreboard')).toBeInTheDocument();
  expect(screen.getByText('The scores are on the big screen.')).toBeInTheDocument();
});
