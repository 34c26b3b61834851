import { render, screen, waitFor } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import Reveal from '../../../../src/modes/phone/screens/Reveal.svelte';
import Standing from '../../../../src/modes/phone/screens/Standing.svelte';

const verdict = { key: 'pm' as const, takeaway: "Ranking needs is product management's job." };

it('says a right answer is right, with the takeaway', async () => {
  render(Reveal, { verdict: { ...verdict, right: true, answered: true }, answer: 'pm' });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Right!');
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  expect(screen.getByText(/The answer:/)).toHaveTextContent('The answer: Product management');
  expect(screen.getByText(verdict.takeaway)).toBeInTheDocument();
  expect(screen.queryByText(/You said/)).not.toBeInTheDocument();
});

it('tells a wrong answer from no answer', () => {
  const { unmount } = render(Reveal, { verdict: { ...verdict, right: false, answered: true }, answer: 'both' });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Not this time');
  expect(screen.getByText('You said Both.')).toBeInTheDocument();
  unmount();
  render(Reveal, { verdict: { ...verdict, right: false, answered: false }, answer: null });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('No answer this time');
});

it("shows the player's rank, points and team", () => {
  const standing = { rank: 3, points: 7, players: 24, max: 9, team: { name: 'Owls', rank: 1, points: 20 } };
  render(Standing, { standing, final: true, teams: 2 });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('3rd of 24');
  expect(screen.getByText(/of 9 points/)).toHaveTextContent('7 of 9 points');
  expect(screen.getByText(/Team Owls/)).toHaveTextContent('Team Owls: 1st of 2, 20 points');
  expect(screen.getByText('Final result')).toBeInTheDocument();
});

it('points to the big screen when the phone has no standing', () => {
  render(Standing, { final: false, teams: 0 });
  expect(screen.getByText('Scoreboard')).toBeInTheDocument();
  expect(screen.getByText('The scores are on the big screen.')).toBeInTheDocument();
});
