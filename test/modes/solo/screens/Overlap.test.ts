import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import type { SharedCard } from '../../../../src/core/schema';
import { loadBank } from '../../../../src/core/loadBank';
import Overlap from '../../../../src/modes/solo/screens/Overlap.svelte';
import { fixtureBank } from '../../../support/fixtures';
import { wordsAtAGlance } from '../../../support/glance';

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

it('after a wrong pick, shows the right split and its line, and the pick and the others behind "Why"', async () => {
  const user = userEvent.setup();
  render(Overlap, { ...base, split: { order, chosen: 0, correct: false }, onchoose: vi.fn() });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not that split.');
  const [right, ...wrong] = [1, 0, 2].map((index) => card.overlap.options[index]!);
  expect(screen.getByText('✓ Right split')).toBeVisible();
  expect(screen.getByText(right!.why)).toBeVisible();
  expect(screen.getByRole('button', { name: 'Next task' })).toBeVisible();
  for (const option of wrong) expect(screen.getByText(option.why)).not.toBeVisible();
  await user.click(screen.getByText('Why'));
  expect(screen.getByText('✗ Wrong split · your pick')).toBeVisible();
  for (const option of wrong) expect(screen.getByText(option.why)).toBeVisible();
  // The learner's pick leads the splits behind "Why".
  const marks = screen.getAllByText(/Wrong split/).map((mark) => mark.textContent);
  expect(marks).toEqual(['✗ Wrong split · your pick', '✗ Wrong split']);
});

it('keeps every split of the bank short at a glance: at most 40 words before "Why"', () => {
  const shipped = loadBank('questions');
  const counts = shipped.scenarios
    .flatMap((scenario) => scenario.cards)
    .filter((shippedCard): shippedCard is SharedCard => shippedCard.key === 'both')
    .flatMap((shared) => {
      const right = shared.overlap.options.findIndex((option) => option.correct);
      return [right, (right + 1) % shared.overlap.options.length].map((chosen) => {
        const { container, unmount } = render(Overlap, {
          ...base,
          card: shared,
          sources: shipped.sources,
          nextLabel: 'See the round summary',
          split: { order: shared.overlap.options.map((_, index) => index), chosen, correct: chosen === right },
          onchoose: vi.fn(),
        });
        const count = wordsAtAGlance(container);
        unmount();
        return { id: shared.id, chosen, count };
      });
    });
  expect(counts.filter((item) => item.count > 40)).toEqual([]);
});
