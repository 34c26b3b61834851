import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Question from '../../../../src/modes/phone/screens/Question.svelte';

const props = { task: 'Rank what the first version must solve', number: 2, of: 9, total: 60_000, refusal: null };

it('shows the task in full, the time left and three roles, and reports the one tapped', async () => {
  const user = userEvent.setup();
  const onanswer = vi.fn();
  render(Question, { ...props, answer: null, open: true, left: 42_300, onanswer });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(props.task);
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  expect(screen.getByText('Task 2 of 9')).toBeInTheDocument();
  expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent('43 seconds');
  for (const name of ['Product management', 'Product marketing', 'Both'])
    expect(screen.getByRole('button', { name, pressed: false })).toBeEnabled();
  await user.click(screen.getByRole('button', { name: 'Product marketing' }));
  expect(onanswer).toHaveBeenCalledExactlyOnceWith('pmm');
  expect(screen.queryByText(/Locked in/)).not.toBeInTheDocument();
});

it('confirms the answer locked in, and lets another tap change it', async () => {
  const user = userEvent.setup();
  const onanswer = vi.fn();
  render(Question, { ...props, answer: 'pmm', open: true, left: 20_000, onanswer });
  expect(screen.getByRole('status')).toHaveTextContent(
    'Locked in: Product marketing. You can change it until time runs out.',
  );
  expect(screen.getByRole('button', { name: 'Product marketing', pressed: true })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Both' }));
  expect(onanswer).toHaveBeenCalledExactlyOnceWith('both');
});

it("says time's up once answers close, with the answer given", () => {
  render(Question, { ...props, answer: 'pm', open: false, left: null, onanswer: vi.fn() });
  expect(screen.queryByRole('button')).not.toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent("Time's up Your answer: Product management.");
});

it('counts a deadline reached as closed, and shows a refusal', () => {
  render(Question, { ...props, answer: null, open: true, left: 0, refusal: 'Answers are closed.', onanswer: vi.fn() });
  expect(screen.getByRole('status')).toHaveTextContent('No answer this time.');
  expect(screen.getByRole('alert')).toHaveTextContent('Answers are closed.');
});

it('says an answer tapped while offline goes as soon as the phone is back', () => {
  render(Question, { ...props, answer: null, open: true, left: 20_000, pending: 'both', onanswer: vi.fn() });
  expect(screen.getByRole('status')).toHaveTextContent('Sending Both as soon as this phone is back online…');
});
