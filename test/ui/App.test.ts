import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { createActor } from 'xstate';
import { currentCard, playMachine } from '../../src/machines/playMachine';
import App from '../../src/ui/App.svelte';
import { fixtureBank } from '../fixtures';

it('plays a whole game with the keyboard, focus following each new screen', async () => {
  const user = userEvent.setup();
  const actor = createActor(playMachine, { input: { bank: fixtureBank(), seed: 3 } }).start();
  render(App, { actor });

  expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  await user.click(screen.getByRole('checkbox', { name: /Beta Burgers/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(screen.getByRole('heading', { level: 1, name: 'Alpha Analytics' })).toHaveFocus();
  await user.keyboard('{Tab}{Enter}');

  const keyOf = { pm: '1', pmm: '2', both: '3' } as const;
  for (let n = 0; n < 3; n++) {
    const card = currentCard(actor.getSnapshot().context)!;
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(card.task);
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    // Right on one-role cards, wrong (Product management) on the shared one.
    await user.keyboard(card.key === 'both' ? '1' : keyOf[card.key]);
    const verdict = screen.getByRole('heading', { level: 2 });
    expect(verdict).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(card.key === 'both' ? 'Not quite. The answer is Both.' : 'Right.');
    await user.click(screen.getByRole('button', { name: /^Next|See the round summary/ }));
    if (card.key === 'both') {
      expect(screen.getByRole('heading', { name: 'Who does which part?' })).toHaveFocus();
      const rightText = card.overlap.options.find((o) => o.correct)!.text;
      const options = within(screen.getByRole('group', { name: 'Who does which part?' })).getAllByRole('button');
      const position = options.findIndex((option) => option.textContent?.includes(rightText));
      await user.keyboard(String(position + 1));
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Right split.');
      expect(screen.getByRole('status')).toHaveTextContent('Right split.');
      await user.click(screen.getByRole('button', { name: /Next task|See the round summary/ }));
    }
  }

  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Alpha Analytics: 3 of 4 points');
  expect(screen.getByText('Knowing users is shared.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'See your results' }));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('You scored 3 of 4 points (75%)');
  expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();

  await user.click(screen.getByRole('button', { name: 'Replay the 1 task I missed' }));
  expect(screen.getByText(/Replaying missed tasks/)).toBeInTheDocument();
  expect(screen.getByText('1 task to hand out.')).toBeInTheDocument();
});

it('ignores number keys outside the answering step', async () => {
  const user = userEvent.setup();
  const actor = createActor(playMachine, { input: { bank: fixtureBank(), seed: 3 } }).start();
  render(App, { actor });
  await user.keyboard('1');
  expect(actor.getSnapshot().matches('intro')).toBe(true);
});
