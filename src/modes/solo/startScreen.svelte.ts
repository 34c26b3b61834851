import type { ComponentProps, Snippet } from 'svelte';
import type Intro from './screens/Intro.svelte';

export type IntroProps = ComponentProps<typeof Intro>;

/** A game asked for on the start screen before the app had loaded. */
export interface EarlyStart {
  scenarioIds: string[];
  confidence: boolean;
}

/**
 * The start screen the page opens on, shared by Shell and the app it loads. Shell draws its
 * one Intro (hydrated from the prerendered page) from this; once the app has loaded, the app
 * fills in what the screen shows, so its arrival updates the screen instead of drawing it
 * again, and a learner's ticks made meanwhile stay.
 *
 * On a first visit there is nothing to resume or review, so Start works before the app has
 * loaded (`early`): the screen keeps the game asked for (`pending`), says it is loading, and the
 * app starts it as it takes the screen over (`takePending`).
 */
export class StartScreen {
  /** The app's start screen, while the app shows it; unset before the app loads and on other screens. */
  app = $state.raw<IntroProps>();
  /** What the app shows below the start screen (its progress panel). */
  below = $state.raw<Snippet>();
  /** Whether Start works before the app has loaded: a first visit, with nothing saved. */
  early = $state(false);
  /** The game asked for before the app had loaded, until the app starts it. */
  pending = $state.raw<EarlyStart>();

  constructor(private readonly waiting: Omit<IntroProps, 'ready' | 'onstart' | 'onreview'>) {}

  /** The start screen's props: the app's, or the waiting screen's until the app has loaded. */
  get intro(): IntroProps {
    return (
      this.app ?? {
        ...this.waiting,
        ready: this.early && !this.pending,
        onstart: (scenarioIds, confidence) => (this.pending = { scenarioIds, confidence }),
        // Nothing is due on a first visit: the review button shows only once the app has read the deck.
        onreview: () => undefined,
      }
    );
  }

  /** The game asked for early, once: the app that takes the screen over starts it. */
  takePending(): EarlyStart | undefined {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }
}
