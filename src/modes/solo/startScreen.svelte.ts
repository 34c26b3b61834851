import type { ComponentProps, Snippet } from 'svelte';
import type Intro from './screens/Intro.svelte';

export type IntroProps = ComponentProps<typeof Intro>;

/**
 * The start screen the page opens on, shared by Shell and the app it loads. Shell draws its
 * one Intro (hydrated from the prerendered page) from this; once the app has loaded, the app
 * fills in what the screen shows, so its arrival updates the screen instead of drawing it
 * again, and a learner's ticks made meanwhile stay.
 */
export class StartScreen {
  /** The app's start screen, while the app shows it; unset before the app loads and on other screens. */
  app = $state.raw<IntroProps>();
  /** What the app shows below the start screen (its progress panel). */
  below = $state.raw<Snippet>();

  constructor(private readonly waiting: IntroProps) {}

  /** The start screen's props: the app's, or the waiting screen's until the app has loaded. */
  get intro(): IntroProps {
    return this.app ?? this.waiting;
  }
}
