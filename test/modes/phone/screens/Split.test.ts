import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Split from '../../../../src/modes/phone/screens/Split.svelte';

const splits = ['PM writes it; PMM checks it', 'PMM writes it; PM checks it', 'Each writes half'];
const props = {
  task: 'Write the launch brief',
  number: 2,
  of: 9,
  splits,
  split: 1,
  open: true,
  grace: false,
  left: 20_000,
  total: 30_000,
  canChange: true,
  refusal: null,
};

it('asks who does which part as a step of its own, with the time left, and reports the split tapped', async () => {
  const user = userEvent.setup();
  const onsplit = vi.fn();
  render(Split, { ...props, onsplit, onchange: vi.fn() });
  const heading = screen.getByRole('heading', { level: 1, name: 'Both it is. Who does which part?' });
  await waitFor(() => expect(heading).toHaveFocus());
  expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent('20 seconds');
  const group = screen.getByRole('group', { name: 'Both it is. Who does which part?' });
  expect(group).toContainElement(screen.getByRole('button', { name: /PMM writes it; PM checks it/, pressed: true }));
  await user.click(screen.getByRole('button', { name: /Each writes half/ }));
  expect(onsplit).toHaveBeenCalledExactlyOnceWith(2);
});

it('goes back to change the answer while answers are open', async () => {
  const user = userEvent.setup();
  const onchange = vi.fn();
  render(Split, { ...props, onsplit: vi.fn(), onchange });
  await user.click(screen.getByRole('button', { name: 'Not Both? Change my answer' }));
  expect(onchange).toHaveBeenCalledOnce();
});

it("counts the split's own seconds once answers close, with no way back to the roles", () => {
  render(Split, {
    ...props,
    grace: true,
    canChange: false,
    left: 6_200,
    total: 10_000,
    onsplit: vi.fn(),
    onchange: vi.fn(),
  });
  expect(screen.getByRole('timer', { name: 'Time left to choose the split' })).toHaveTextContent('7 seconds');
  expect(screen.getByText('Answers are closed. A few more seconds to choose the split.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /Change my answer/ })).not.toBeInTheDocument();
  for (const name of [/PM writes it/, /Each writes half/]) expect(screen.getByRole('button', { name })).toBeEnabled();
});

it('takes no tap while the connection is away', () => {
  render(Split, { ...props, open: false, onsplit: vi.fn(), onchange: vi.fn() });
  for (const button of screen.getAllByRole('button', { name: /writes/ })) expect(button).toBeDisabled();
});

it('asks how sure on the first vote of a task voted twice, and reports the level tapped', async () => {
  const user = userEvent.setup();
  const onsure = vi.fn();
  render(Split, { ...props, sure: true, confidence: 'low', onsure, onsplit: vi.fn(), onchange: vi.fn() });
  const group = screen.getByRole('group', { name: 'How sure are you?' });
  expect(group).toContainElement(screen.getByRole('button', { name: 'Guessing', pressed: true }));
  await user.click(screen.getByRole('button', { name: 'Certain' }));
  expect(onsure).toHaveBeenCalledExactlyOnceWith('high');
});
