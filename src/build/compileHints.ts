import type { Plugin } from 'vite';

/**
 * V8's explicit compile hint (Chrome 136 and later): a file that starts with this comment has
 * every function compiled as it loads, instead of each one the first time it is called.
 */
export const EAGER_COMPILE = '//# allFunctionsCalledOnLoad';

/**
 * Marks the named chunks for eager compilation: code that runs as soon as it loads (the start
 * screen's hydration) or in a click that must paint quickly (the first answer) is compiled
 * while it streams in, instead of function by function inside those tasks.
 */
export function compileHintsPlugin(chunkNames: readonly string[]): Plugin {
  return {
    name: 'role-call:compile-hints',
    apply: 'build',
    generateBundle: {
      // Once the code is final: minifying would drop the comment, and Vite puts its preload
      // list at the top. Before the service worker's hook, which versions the files' bytes.
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle))
          if (file.type === 'chunk' && chunkNames.includes(file.name)) file.code = `${EAGER_COMPILE}\n${file.code}`;
      },
    },
  };
}
