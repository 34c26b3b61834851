import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'svelte';
import { expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { summarize } from '../../src/core/bank';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { Persistence } from '../../src/modes/solo/persistence.svelte';
import { PROGRESS_KEY } from '../../src/progress/label';
import { EMPTY_PROGRESS, wrapProgress as wrap } from '../../src/progress/progress';
import type App from '../../src/app/App.svelte';
import Shell from '../../src/app/Shell.svelte';
import { fixtureBank, memoryStore } from '../support/fixtures';
import FailsOnHistory from '../support/FailsOnHistory.svelte';
import { eventually } from '../support/eventually';

const bank = fixtureBank();
const machine = createPlayMachine(bank);
const pastGame = { id: 1, finishedAt: Date.UTC(2026, 0, 5), mode: 'play' as const, scenarioIds: [], points: 0, max: 0 };

async function startShell(props: { always?: boolean } = {}) {
  const store = memoryStore();
  await store.setItem(PROGRESS_KEY, wrap({ ...EMPTY_PROGRESS, history: [pastGame] }, 0));
  const persistence = new Persistence(store, machine, bank);
  const actor = createActor(machine, { input: { seed: 1 }, snapshot: await persistence.load() }).start();
  persistence.connect(actor);
  // Shell takes whatever root component main.ts loads; this one stands in for App.
  const component = FailsOnHistory as unknown as typeof App;
  const load = () => Promise.resolve({ component, props: { actor, bank, persistence, ...props } });
  render(Shell, { index: summarize(bank.scenarios), load, waiting: 'intro' });
  return { store, persistence };
}

it('recovers from a failure outside the screens, instead of staying on "Loading"', async () => {
  const { store, persistence } = await startShell();
  expect(await screen.findByRole('heading', { name: 'Fresh start' })).toBeInTheDocument();
  expect(screen.queryByText(/Loading/)).not.toBeInTheDocument();
  expect(persistence.unreadable).toMatchObject({ failed: 'shown', reason: 'Invalid time value' });
  await eventually(async () => expect(await store.getItem(PROGRESS_KEY)).toMatchObject({ data: EMPTY_PROGRESS }));
});

it('says to reload when starting clean does not help', async () => {
  await startShell({ always: true });
  expect(await screen.findByRole('alert')).toHaveTextContent('Role Call could not show this page.');
  expect(screen.getByRole('button', { name: 'Reload the page' })).toBeEnabled();
  expect(screen.queryByText(/Loading/)).not.toBeInTheDocument();
});

it('keeps the start screen, and the companies unticked, as the app arrives', async () => {
  const user = userEvent.setup();
  const store = memoryStore();
  const persistence = new Persistence(store, machine, bank);
  const actor = createActor(machine, { input: { seed: 1 }, snapshot: await persistence.load() }).start();
  persistence.connect(actor);
  let arrive!: (loaded: { component: typeof App; props: ComponentProps<typeof App> }) => void;
  const app = new Promise<{ component: typeof App; props: ComponentProps<typeof App> }>(
    (resolve) => (arrive = resolve),
  );
  render(Shell, { index: summarize(bank.scenarios), load: () => app, waiting: 'intro' });
  const heading = screen.getByRole('heading', { level: 1 });
  expect(screen.getByRole('button', { name: 'Loading the questions…' })).toBeDisabled();
  await user.click(screen.getAllByRole('checkbox', { name: /tasks/ })[0]!);
  arrive({ component: (await import('../../src/app/App.svelte')).default, props: { actor, bank, persistence } });
  expect(await screen.findByRole('button', { name: 'Start playing' })).toBeEnabled();
  expect(screen.getByRole('heading', { level: 1 })).toBe(heading);
  expect(screen.getAllByRole('checkbox', { name: /tasks/ })[0]).not.toBeChecked();
  expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
});

it("starts a first visit's game asked for before the app has loaded, once it arrives", async () => {
  const user = userEvent.setup();
  const persistence = new Persistence(memoryStore(), machine, bank);
  const actor = createActor(machine, { input: { seed: 1 }, snapshot: await persistence.load() }).start();
  persistence.connect(actor);
  let arrive!: (loaded: { component: typeof App; props: ComponentProps<typeof App> }) => void;
  const load = vi.fn(
    () => new Promise<{ component: typeof App; props: ComponentProps<typeof App> }>((resolve) => (arrive = resolve)),
  );
  render(Shell, { index: summarize(bank.scenarios), load, waiting: 'intro', firstVisit: async () => true });
  const start = await screen.findByRole('button', { name: 'Start playing' });
  expect(start).toBeEnabled();
  // The app starts loading only once the start screen works.
  expect(load).toHaveBeenCalledOnce();
  await user.click(screen.getAllByRole('checkbox', { name: /tasks/ })[0]!);
  await user.click(start);
  expect(screen.getByRole('button', { name: 'Loading the questions…' })).toBeDisabled();
  expect(actor.getSnapshot().matches('intro')).toBe(true);
  arrive({ component: (await import('../../src/app/App.svelte')).default, props: { actor, bank, persistence } });
  await eventually(() => expect(actor.getSnapshot().matches('intro')).toBe(false));
  expect(actor.getSnapshot().context.scenarioIds).toEqual(bank.scenarios.slice(1).map((scenario) => scenario.id));
});

it('waits for the app before Start on a browser that holds progress', async () => {
  const load = vi.fn(() => new Promise<never>(() => undefined));
  render(Shell, { index: summarize(bank.scenarios), load, waiting: 'intro', firstVisit: async () => false });
  // Once the app is loading, the screen has decided: Start waits for the saved progress.
  await eventually(() => expect(load).toHaveBeenCalledOnce());
  expect(screen.getByRole('button', { name: 'Loading the questions…' })).toBeDisabled();
});
