import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/machines/playMachine';
import { Persistence, PROGRESS_KEY } from '../../src/storage/persistence.svelte';
import { progressFormat } from '../../src/storage/progress';
import { wrap } from '../../src/storage/savedActor';
import App from '../../src/ui/App.svelte';
import { currentCard } from '../../src/game/cursor';
import { fixtureBank, memoryStore } from '../fixtures';

const bank = fixtureBank();
const machine = createPlayMachine(bank);

/** Starts the app as main.ts does, over the given store. */
async function startApp(store = memoryStore()) {
  const persistence = new Persistence(store, machine, bank);
  const snapshot = await persistence.load();
  const actor = createActor(machine, { input: { seed: 3 }, snapshot }).start();
  persistence.connect(actor);
  render(App, { actor, bank, persistence });
  return { actor, persistence, store };
}

it('plays a whole game with the keyboard, focus following each new screen', async () => {
  const user = userEvent.setup();
  const { actor, store } = await startApp();

  expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
  await user.click(screen.getByRole('checkbox', { name: /Beta Burgers/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(screen.getByRole('heading', { level: 1, name: 'Alpha Analytics' })).toHaveFocus();
  await user.keyboard('{Tab}{Enter}');

  const keyOf = { pm: '1', pmm: '2', both: '3' } as const;
  for (let n = 0; n < 3; n++) {
    const card = currentCard(bank, actor.getSnapshot().context)!;
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(card.task);
    expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();
    // Right on one-role cards, wrong (Product management) on the shared one.
    await user.keyboard(card.key === 'both' ? '1' : keyOf[card.key]);
    const verdict = screen.getByRole('heading', { level: 2 });
    expect(verdict).toHaveFocus();
    expect(screen.getByRole('status', { name: 'Answer' })).toHaveTextContent(
      card.key === 'both' ? 'Not quite. The answer is Both.' : 'Right.',
    );
    await user.click(screen.getByRole('button', { name: /^Next|See the round summary/ }));
    if (card.key === 'both') {
      expect(screen.getByRole('heading', { name: 'Who does which part?' })).toHaveFocus();
      const rightText = card.overlap.options.find((o) => o.correct)!.text;
      const options = within(screen.getByRole('group', { name: 'Who does which part?' })).getAllByRole('button');
      const position = options.findIndex((option) => option.textContent?.includes(rightText));
      await user.keyboard(String(position + 1));
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Right split.');
      expect(screen.getByRole('status', { name: 'Answer' })).toHaveTextContent('Right split.');
      await user.click(screen.getByRole('button', { name: /Next task|See the round summary/ }));
    }
  }

  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Alpha Analytics: 3 of 4 points');
  expect(screen.getByText('Knowing users is shared.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'See your results' }));
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('You scored 3 of 4 points (75%)');
  expect(screen.getByRole('row', { name: 'Intro 2 of 2 100%' })).toBeInTheDocument();
  expect(screen.getByRole('row', { name: 'Core 1 of 2 50%' })).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1 })).toHaveFocus();

  await user.click(screen.getByRole('button', { name: 'Replay the 1 task I missed' }));
  expect(screen.getByText(/Replaying missed tasks/)).toBeInTheDocument();
  expect(screen.getByText('1 task to hand out.')).toBeInTheDocument();
  await vi.waitFor(async () =>
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { history: [{ points: 3, max: 4 }] } }),
  );
});

it('lists past games and reviews the tasks that are due', async () => {
  const user = userEvent.setup();
  const yesterday = Date.now() - 24 * 60 * 60 * 1000;
  const store = memoryStore();
  await store.setItem(
    PROGRESS_KEY,
    wrap(
      progressFormat,
      {
        game: null,
        history: [{ id: 1, finishedAt: yesterday, mode: 'play', scenarioIds: ['alpha'], points: 2, max: 4 }],
        review: [
          { cardId: 'a-pmm', box: 1, due: yesterday },
          { cardId: 'b-roadmap', box: 1, due: yesterday },
        ],
      },
      yesterday,
    ),
  );
  const { actor } = await startApp(store);
  expect(screen.getByRole('cell', { name: 'Game: Alpha Analytics' })).toBeInTheDocument();
  expect(screen.getByRole('cell', { name: '2 of 4 (50%)' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Review them now' }));
  expect(screen.getByRole('heading', { level: 1, name: 'Tasks to try again' })).toHaveFocus();
  expect(actor.getSnapshot().context.rounds[0]!.cardIds.sort()).toEqual(['a-pmm', 'b-roadmap']);
});

it('tells the learner when progress cannot be saved, and keeps playing', async () => {
  const user = userEvent.setup();
  const broken = { ...memoryStore(), setItem: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
  await startApp(broken);
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  const notices = screen.getByRole('status', { name: 'Notices' });
  await vi.waitFor(() =>
    expect(notices).toHaveTextContent(
      'Progress will not be saved on this device: this device has run out of storage space for the game.',
    ),
  );
  await user.click(screen.getByRole('button', { name: 'Show the first task' }));
  expect(screen.getByRole('group', { name: 'Who does this task?' })).toBeInTheDocument();
});

it('ignores number keys outside the answering step', async () => {
  const user = userEvent.setup();
  const { actor } = await startApp();
  await user.keyboard('1');
  expect(actor.getSnapshot().matches('intro')).toBe(true);
});

it('saves the game the moment it starts, as plain data', async () => {
  const user = userEvent.setup();
  const { store, persistence } = await startApp();
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  await vi.waitFor(async () =>
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'roundIntro' } } }),
  );
  expect(persistence.problem).toBeNull();
});
