import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Intro from '../../src/ui/play/Intro.svelte';
import { fixtureBank } from '../fixtures';

const { scenarios } = fixtureBank();

it('explains the game and starts it with the companies chosen', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  render(Intro, { scenarios, onstart });
  expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  expect(screen.getByRole('heading', { name: 'How a round works' })).toBeInTheDocument();
  expect(screen.getByText('How scoring works')).toBeInTheDocument();
  await user.click(screen.getByRole('checkbox', { name: /Alpha Analytics/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(onstart).toHaveBeenCalledExactlyOnceWith(['beta']);
});

it('will not start with no company chosen, and says why', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  render(Intro, { scenarios, onstart });
  for (const box of screen.getAllByRole('checkbox')) await user.click(box);
  expect(screen.getByRole('button', { name: 'Start playing' })).toBeDisabled();
  expect(screen.getByRole('status')).toHaveTextContent('Choose at least one company to play.');
  expect(onstart).not.toHaveBeenCalled();
});
