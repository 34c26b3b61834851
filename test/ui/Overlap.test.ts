import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import type { SharedCard } from '../../src/game/schema';
import Overlap from '../../src/ui/play/Overlap.svelte';
import { fixtureBank } from '../fixtures';

const bank = fixtureBank();
const card = bank.cards.get('a-both')!.card as SharedCard;
const order = [2, 0, 1];
const base = { card, split: { order }, sources: bank.sources, nextLabel: 'Next task', oncontinue: vi.fn() };

it('offers the splits in the given order and reports the option picked', async () => {
  const user = userEvent.setup();
  const onchoose = vi.fn();
  render(Overlap, { ...base, onchoose });
  await waitFor(() => expect(screen.getByRole('heading', { name: 'Who does which part?' })).toHaveFocus());
  const options = screen.getAllByRole('button');
  expect(options.map((o) => o.textContent?.trim())).toEqual([
    '1 Only product marketing needs to know the users.',
    '2 Only product management needs to know the users.',
    '3 Product management defines the product; product marketing shapes the message.',
  ]);
  await user.click(screen.getByRole('button', { name: /defines the product/ }));
  expect(onchoose).toHaveBeenCalledExactlyOnceWith(1);
});

it('after a wrong pick, shows the right split and why each option is right or wrong', () => {
  render(Overlap, { ...base, split: { order, chosen: 0, correct: false }, onchoose: vi.fn() });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not that split.');
  expect(screen.getByText('✗ Wrong split · your pick')).toBeInTheDocument();
  expect(screen.getByText('✓ Right split')).toBeInTheDocument();
  for (const option of card.overlap.options) expect(screen.getByText(option.why)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Next task' })).toBeInTheDocument();
});
