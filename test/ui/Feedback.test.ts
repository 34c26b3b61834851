import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Feedback from '../../src/ui/play/Feedback.svelte';
import { fixtureBank } from '../fixtures';

const bank = fixtureBank();
const card = (id: string) => bank.cards.get(id)!.card;
const props = { sources: bank.sources, nextLabel: 'Next task', oncontinue: vi.fn() };

it('says the answer was right, explains it and cites the source', async () => {
  render(Feedback, { ...props, card: card('a-pm'), answer: 'pm', correct: true });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Right.');
  await waitFor(() => expect(screen.getByRole('heading', { level: 2 })).toHaveFocus());
  expect(screen.getByText("Requirements are product management's.")).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'What the other role does here' })).toBeInTheDocument();
  expect(screen.getByText(/Understanding the Distinction Between Product Marketing/)).toBeInTheDocument();
});

it('tells a learner who said Both why a one-role task is not shared', () => {
  render(Feedback, { ...props, card: card('a-pmm'), answer: 'both', correct: false });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not quite: this is product marketing.');
  expect(screen.getByText(/you said Both/)).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'Why it is not shared' })).toBeInTheDocument();
  expect(screen.getByText('Product management makes sure the product is ready.')).toBeInTheDocument();
});

it('shows where the sources differ and continues on request', async () => {
  const user = userEvent.setup();
  const oncontinue = vi.fn();
  render(Feedback, { ...props, oncontinue, card: card('b-launch'), answer: 'pm', correct: false });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not quite: this task is shared.');
  expect(screen.getByRole('heading', { name: 'Where the sources differ' })).toBeInTheDocument();
  expect(screen.getByText('Misalignment can ruin a launch.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Next task' }));
  expect(oncontinue).toHaveBeenCalledOnce();
});
