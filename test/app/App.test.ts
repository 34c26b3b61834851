import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { BEFORE_IMPORT_KEY, Persistence } from '../../src/modes/solo/persistence.svelte';
import { PROGRESS_KEY } from '../../src/progress/label';
import { EMPTY_PROGRESS, wrapProgress as wrap, type Progress } from '../../src/progress/progress';
import App from '../../src/app/App.svelte';
import { loadGameScreens } from '../../src/modes/solo/screens/gameScreens.svelte';
import { currentCard } from '../../src/core/cursor';
import { fixtureBank, memoryStore } from '../support/fixtures';
import { eventually } from '../support/eventually';

const bank = fixtureBank();
const machine = createPlayMachine(bank);

/** Starts the app as main.ts does, over the given store; `reload` stands in for the page's. */
async function startApp(store = memoryStore(), before?: (persistence: Persistence) => Promise<void>) {
  const persistence = new Persistence(store, machine, bank);
  const snapshot = await persistence.load();
  const actor = createActor(machine, { input: { seed: 3 }, snapshot }).start();
  persistence.connect(actor);
  // As boot.ts does: a resumed game's screens load before the app shows.
  if (!actor.getSnapshot().matches('intro')) await loadGameScreens();
  await before?.(persistence);
  const reload = vi.fn();
  render(App, { actor, bank, persistence, reload });
  return { actor, persistence, store, reload };
}

const finishedAt = Date.UTC(2026, 0, 5);
const pastGame = (id: number, scenarioId = 'alpha') => ({
  id,
  finishedAt,
  mode: 'play' as const,
  scenarioIds: [scenarioId],
  points: 1,
  max: 2,
});

it('plays a whole game with the keyboard, focus following each new screen', async () => {
  const user = userEvent.setup();
  const { actor, store } = await startApp();

  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  await user.click(screen.getByRole('checkbox', { name: /Beta Burgers/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  // The game's questions and screens load when it starts.
  const shown = await screen.findByRole('heading', { level: 1, name: 'Alpha Analytics' });
  await waitFor(() => expect(shown).toHaveFocus());
  await user.keyboard('{Tab}{Enter}');

  const keyOf = { pm: '1', pmm: '2', both: '3' } as const;
  for (let n = 0; n < 3; n++) {
    const card = currentCard(bank, actor.getSnapshot().context)!;
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(card.task);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
    // Right on one-role cards, wrong (Product management) on the shared one.
    await user.keyboard(card.key === 'both' ? '1' : keyOf[card.key]);
    // The game asks how sure the learner is before it judges: certain on the right ones.
    expect(await screen.findByRole('group', { name: /How sure are you/ })).toBeInTheDocument();
    await user.keyboard(card.key === 'both' ? '1' : '3');
    const verdict = await screen.findByRole('heading', { level: 2 });
    await waitFor(() => expect(verdict).toHaveFocus());
    expect(screen.getByRole('status', { name: 'Answer' })).toHaveTextContent(
      card.key === 'both' ? 'Not quite. The answer is Both. 0 marks for low confidence.' : 'Right.',
    );
    if (card.key !== 'both') expect(screen.getByText(/\+3 marks · certain/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Next|^See your results/ }));
    if (card.key === 'both') {
      await waitFor(() => expect(screen.getByRole('heading', { name: 'Who does which part?' })).toHaveFocus());
      const rightText = card.overlap.options.find((o) => o.correct)!.text;
      const options = within(screen.getByRole('group', { name: 'Who does which part?' })).getAllByRole('button');
      const position = options.findIndex((option) => option.textContent?.includes(rightText));
      await user.keyboard(String(position + 1));
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Right split.');
      expect(screen.getByRole('status', { name: 'Answer' })).toHaveTextContent('Right split.');
      await user.click(screen.getByRole('button', { name: /^Next task|^See your results/ }));
    }
  }

  // One company: one page at the end, the results with the round's ideas and answers.
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('You scored 3 of 4 points (75%)');
  expect(screen.getByText('Knowing users is shared.')).toBeInTheDocument();
  expect(screen.getByRole('row', { name: 'Intro 2 of 2 100%' })).toBeInTheDocument();
  expect(screen.getByRole('row', { name: 'Core 1 of 2 50%' })).toBeInTheDocument();
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());

  expect(screen.getByRole('button', { name: 'Replay the 1 task I missed' })).toBeInTheDocument();
  // Enter takes the first action, as on every screen with a way on.
  await user.keyboard('{Enter}');
  expect(screen.getByText(/Replaying missed tasks/)).toBeInTheDocument();
  expect(screen.getByText('1 task to hand out.')).toBeInTheDocument();
  await eventually(async () =>
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { history: [{ points: 3, max: 4 }] } }),
  );
});

it('lists past games and reviews the tasks that are due, leaving out tasks the game no longer has', async () => {
  const user = userEvent.setup();
  const yesterday = Date.now() - 24 * 60 * 60 * 1000;
  const store = memoryStore();
  await store.setItem(
    PROGRESS_KEY,
    wrap(
      {
        game: null,
        history: [{ id: 1, finishedAt: yesterday, mode: 'play', scenarioIds: ['alpha'], points: 2, max: 4 }],
        review: [
          { cardId: 'a-pmm', box: 1, due: yesterday },
          { cardId: 'b-roadmap', box: 1, due: yesterday },
          // From a file of another version: no such task here.
          { cardId: 'gone-task', box: 1, due: yesterday },
        ],
      },
      yesterday,
    ),
  );
  const { actor } = await startApp(store);
  expect(screen.getByRole('cell', { name: 'Game: Alpha Analytics' })).toBeInTheDocument();
  expect(screen.getByRole('cell', { name: '2 of 4 (50%)' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Review 3 missed tasks due now' }));
  const shown = await screen.findByRole('heading', { level: 1, name: 'Tasks to try again' });
  await waitFor(() => expect(shown).toHaveFocus());
  expect(actor.getSnapshot().context.rounds[0]!.cardIds.sort()).toEqual(['a-pmm', 'b-roadmap']);
  actor.send({ type: 'game.home' });
  expect(await screen.findByText(/1 of the tasks due is no longer in the game: left out/)).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Review 2 missed tasks due now' })).toBeInTheDocument();
});

it('tells the learner when progress cannot be saved, and keeps playing', async () => {
  const user = userEvent.setup();
  const broken = { ...memoryStore(), setItem: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) };
  await startApp(broken);
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  const notices = screen.getByRole('status', { name: 'Notices' });
  await eventually(() =>
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

it('shows an answer pressed at once, takes it after that paint, and takes one answer a task', async () => {
  const user = userEvent.setup();
  const { actor } = await startApp();
  await user.click(screen.getByRole('checkbox', { name: /Say how sure I am/ }));
  await user.click(await screen.findByRole('button', { name: /^Quick start/ }));
  await user.click(await screen.findByRole('button', { name: 'Show the first task' }));
  const roles = within(await screen.findByRole('group', { name: 'Who does this task?' }));
  const pm = roles.getByRole('button', { name: /^Product management/ });
  // Two clicks within one frame: the first is pressed and painted before the game judges it.
  await fireEvent.click(pm);
  await fireEvent.click(roles.getByRole('button', { name: /^Both/ }));
  expect(pm).toHaveAttribute('aria-pressed', 'true');
  expect(actor.getSnapshot().context.answers).toEqual({});
  expect(await screen.findByRole('heading', { level: 2 })).toHaveTextContent(/Right|Not quite/);
  expect(Object.values(actor.getSnapshot().context.answers)).toEqual([expect.objectContaining({ role: 'pm' })]);
});

it('asks how sure the learner is once the picked role is painted pressed', async () => {
  const user = userEvent.setup();
  const { actor } = await startApp();
  await user.click(await screen.findByRole('button', { name: /^Quick start/ }));
  await user.click(await screen.findByRole('button', { name: 'Show the first task' }));
  const roles = within(await screen.findByRole('group', { name: 'Who does this task?' }));
  const pmm = roles.getByRole('button', { name: /^Product marketing/ });
  await fireEvent.click(pmm);
  expect(pmm).toHaveAttribute('aria-pressed', 'true');
  expect(screen.queryByRole('group', { name: /How sure are you/ })).not.toBeInTheDocument();
  const sure = within(await screen.findByRole('group', { name: 'How sure are you that this is product marketing?' }));
  await fireEvent.click(sure.getByRole('button', { name: /^Certain/ }));
  expect(sure.getByRole('button', { name: /^Certain/ })).toHaveAttribute('aria-pressed', 'true');
  expect(actor.getSnapshot().context.answers).toEqual({});
  await screen.findByRole('heading', { level: 2 });
  expect(Object.values(actor.getSnapshot().context.answers)).toEqual([{ role: 'pmm', confidence: 'high' }]);
});

it('keeps a role picked and waiting for how sure across a reload', async () => {
  const user = userEvent.setup();
  const { store } = await startApp();
  await user.click(await screen.findByRole('button', { name: /^Quick start/ }));
  await user.click(await screen.findByRole('button', { name: 'Show the first task' }));
  const roles = within(await screen.findByRole('group', { name: 'Who does this task?' }));
  await user.click(roles.getByRole('button', { name: /^Both/ }));
  await screen.findByRole('group', { name: 'How sure are you that this is both?' });
  await eventually(async () =>
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'answering.confiding' } } }),
  );

  // The page reloads: a new app over the same store.
  cleanup();
  const { actor } = await startApp(store);
  const again = within(await screen.findByRole('group', { name: 'Who does this task?' }));
  expect(again.getByRole('button', { name: /^Both/ })).toHaveAttribute('aria-pressed', 'true');
  expect(again.getByRole('button', { name: /^Product management/ })).toHaveAttribute('aria-pressed', 'false');
  const sure = within(screen.getByRole('group', { name: 'How sure are you that this is both?' }));
  await user.click(sure.getByRole('button', { name: /^Certain/ }));
  await screen.findByRole('heading', { level: 2 });
  expect(Object.values(actor.getSnapshot().context.answers)).toEqual([{ role: 'both', confidence: 'high' }]);
});

it('puts a picked role back with Escape, and asks for a role again', async () => {
  const user = userEvent.setup();
  const { actor } = await startApp();
  await user.click(await screen.findByRole('button', { name: /^Quick start/ }));
  await user.click(await screen.findByRole('button', { name: 'Show the first task' }));
  await screen.findByRole('group', { name: 'Who does this task?' });
  await user.keyboard('2');
  await screen.findByRole('group', { name: 'How sure are you that this is product marketing?' });
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('group', { name: /How sure are you/ })).not.toBeInTheDocument());
  const roles = within(screen.getByRole('group', { name: 'Who does this task?' }));
  expect(roles.getByRole('button', { name: /^Product marketing/ })).not.toHaveAttribute('aria-pressed');
  expect(actor.getSnapshot().context.picked).toBeNull();
});

it('saves the game the moment it starts, as plain data', async () => {
  const user = userEvent.setup();
  const { store, persistence } = await startApp();
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  await eventually(async () =>
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { game: { state: 'roundIntro' } } }),
  );
  expect(persistence.problem).toBeNull();
});

it('goes back to a usable start screen when the progress makes a screen fail', async () => {
  const user = userEvent.setup();
  const store = memoryStore();
  await store.setItem(PROGRESS_KEY, wrap({ ...EMPTY_PROGRESS, history: [pastGame(1)] }, finishedAt));
  const { persistence } = await startApp(store, async (persistence) => {
    // As if a date slipped past validation: formatting it throws a RangeError in the history table.
    persistence.progress = { ...persistence.progress, history: [{ ...pastGame(1), finishedAt: 9e15 }] };
    await persistence.requestSave();
  });

  const notices = screen.getByRole('status', { name: 'Notices' });
  await eventually(() => expect(notices).toHaveTextContent('Your saved progress could not be shown'));
  expect(notices).toHaveTextContent('The old data is kept safe on this device.');
  expect(within(notices).getByRole('button', { name: 'Download the unreadable data' })).toBeEnabled();
  // The start screen comes back as the screens' boundary resets, after the notice.
  expect(await screen.findByRole('button', { name: 'Start playing' })).toBeEnabled();
  expect(screen.queryByText(/Loading/)).not.toBeInTheDocument();
  expect(screen.getByText('Games you finish are listed here. They stay on this device only.')).toBeInTheDocument();
  await eventually(async () => expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: EMPTY_PROGRESS }));
  expect(await store.getItem(persistence.unreadable!.backupKey!)).toMatchObject({
    data: { history: [{ finishedAt: 9e15 }] },
  });
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(await screen.findByRole('button', { name: 'Show the first task' })).toBeInTheDocument();
});

describe('importing progress', () => {
  const progressFile = (progress: Progress) =>
    new File([JSON.stringify(wrap(progress, finishedAt))], 'progress.json', { type: 'application/json' });
  const original: Progress = { game: null, history: [pastGame(1), pastGame(2)], review: [] };

  it('asks before replacing, says what is replaced, and cancels with Escape', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    await store.setItem(PROGRESS_KEY, wrap(original, finishedAt));
    const { reload } = await startApp(store);
    const file = progressFile({
      ...EMPTY_PROGRESS,
      history: [pastGame(7, 'beta')],
      review: [{ cardId: 'a-pm', box: 1, due: finishedAt }],
    });

    await user.upload(screen.getByLabelText('Import progress'), file);
    const confirm = await screen.findByRole('alertdialog', { name: 'Replace your progress with this file?' });
    expect(confirm).toHaveAccessibleDescription(
      'This replaces 2 past games with 1 past game and 1 review task from the file.',
    );
    expect(confirm).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getAllByRole('cell', { name: 'Game: Alpha Analytics' })).toHaveLength(2);

    await user.upload(screen.getByLabelText('Import progress'), file);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: original });
    expect(await store.getItem(BEFORE_IMPORT_KEY)).toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });

  it('shows why a file is refused, and asks nothing', async () => {
    const user = userEvent.setup();
    await startApp();
    const damaged = {
      ...wrap(EMPTY_PROGRESS, finishedAt),
      data: { ...EMPTY_PROGRESS, history: [pastGame(1), pastGame(1)] },
    };
    await user.upload(screen.getByLabelText('Import progress'), new File([JSON.stringify(damaged)], 'bad.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That file cannot be imported: part of it is damaged (history: two past games are the same).',
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('replaces progress on confirming, then offers to undo the import after the reload', async () => {
    const user = userEvent.setup();
    const store = memoryStore();
    await store.setItem(PROGRESS_KEY, wrap(original, finishedAt));
    const first = await startApp(store);
    await user.upload(
      screen.getByLabelText('Import progress'),
      progressFile({ ...EMPTY_PROGRESS, history: [pastGame(7, 'beta')] }),
    );
    await user.click(screen.getByRole('button', { name: 'Replace my progress' }));
    await eventually(() => expect(first.reload).toHaveBeenCalledOnce());
    expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: { history: [{ id: 7 }] } });

    cleanup();
    const second = await startApp(store);
    expect(screen.getByRole('cell', { name: 'Game: Beta Burgers' })).toBeInTheDocument();
    const notices = screen.getByRole('status', { name: 'Notices' });
    await eventually(() => expect(notices).toHaveTextContent('You imported progress from a file.'));
    await user.click(within(notices).getByRole('button', { name: 'Undo import' }));
    await eventually(() => expect(second.reload).toHaveBeenCalledOnce());

    cleanup();
    const third = await startApp(store);
    expect(third.persistence.progress).toEqual(original);
    expect(screen.queryByRole('button', { name: 'Undo import' })).not.toBeInTheDocument();
  });
});
