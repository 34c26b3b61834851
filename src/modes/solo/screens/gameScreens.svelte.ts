import type GameScreens from './GameScreens.svelte';

/**
 * The screens of a game under way, which the start screen does not need: they load when a
 * game starts or resumes, beside that game's questions.
 */
export const gameScreens = $state<{ component?: typeof GameScreens }>({});

let loading: Promise<void> | undefined;

/** Loads the game's screens once; a failed load (offline before caching) may be tried again. */
export function loadGameScreens(): Promise<void> {
  loading ??= import('./GameScreens.svelte').then(
    (module) => void (gameScreens.component = module.default),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
