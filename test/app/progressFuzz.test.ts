import { cleanup, render } from '@testing-library/svelte';
import fc from 'fast-check';
import { tick } from 'svelte';
import { expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { Persistence } from '../../src/modes/solo/persistence.svelte';
import { PROGRESS_KEY } from '../../src/progress/label';
import { readProgress as unwrap } from '../../src/progress/progressFormat';
import { loadBank } from '../../src/core/loadBank';
import { indexBank } from '../../src/core/bank';
import App from '../../src/app/App.svelte';
import { loadGameScreens } from '../../src/modes/solo/screens/gameScreens.svelte';
import { memoryStore } from '../support/fixtures';
import { fuzzRuns } from '../support/fuzz';
import { progressFile } from '../support/progressArbitraries';
import { eventually } from '../support/eventually';

const bank = indexBank(loadBank('questions'));
const machine = createPlayMachine(bank);
const RUNS = fuzzRuns(150, 1000);

it(`renders a usable screen for ${RUNS} progress files the schema accepts`, { timeout: 300_000 }, async () => {
  const seen = { resumed: 0, notResumed: 0 };
  // As boot.ts does before it shows a resumed game.
  await loadGameScreens();
  await fc.assert(
    fc.asyncProperty(progressFile(bank), async (file) => {
      // Stored as the browser stores it: a structured clone of what JSON gives back.
      const stored = JSON.parse(JSON.stringify(file));
      expect(unwrap(stored).ok, 'the arbitrary makes only files the schema accepts').toBe(true);
      const store = memoryStore();
      await store.setItem(PROGRESS_KEY, stored);
      const persistence = new Persistence(store, machine, bank);
      const snapshot = await persistence.load();
      const actor = createActor(machine, { input: { seed: 1 }, snapshot }).start();
      persistence.connect(actor);
      try {
        render(App, { actor, bank, persistence, reload: vi.fn() });
        await tick();
        // A render error would have been caught, and reported as data that could not be shown.
        expect(persistence.unreadable).toBeNull();
        // Plain DOM queries: role queries over a whole screen, 1,000 times, cost half a minute.
        const main = document.querySelector('main')!;
        expect(main.textContent).not.toMatch(/Loading/);
        expect(main.querySelectorAll('h1')).toHaveLength(1);
        const notices = main.querySelector('.notices')!;
        const steps = [...main.querySelectorAll('button')].filter((button) => !notices.contains(button));
        if (actor.getSnapshot().matches('intro')) {
          expect(steps.find((button) => button.textContent === 'Start playing')).toBeEnabled();
        } else {
          // Some step onward is always open: a role to choose, a split, Next, the results.
          expect(steps.some((button) => !button.disabled)).toBe(true);
        }
        if (persistence.notResumed) {
          seen.notResumed++;
          // Notices load when there is one to show.
          const reason = persistence.notResumed;
          await eventually(() => expect(notices.textContent).toContain(reason));
        } else if (snapshot) seen.resumed++;
      } finally {
        actor.stop();
        cleanup();
      }
    }),
    { numRuns: RUNS, seed: 20_260_105 },
  );
  // The files must reach both paths, or the property says little about saved games.
  expect(seen.resumed).toBeGreaterThan(RUNS / 20);
  expect(seen.notResumed).toBeGreaterThan(RUNS / 20);
  console.info(`progress fuzz: ${RUNS} files, ${seen.resumed} games resumed, ${seen.notResumed} not resumable`);
});
