import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The house's layers: what each folder of src/ may import of ours. Each reads only from the
 * layers under it, so there is no way round: the core imports nothing of ours; each mode
 * imports the shared parts but never another mode; the server imports the core and the room.
 * The app (boot, shell), the build and the benches sit on top and may use anything. The
 * interface's messages (`i18n`, compiled by Paraglide) sit under everything: any layer may use
 * them, and they import nothing of ours.
 */
const LAYERS = {
  i18n: [],
  core: [],
  platform: ['core'],
  room: ['core'],
  progress: ['core', 'platform'],
  share: ['core', 'platform', 'progress'],
  packs: ['core', 'platform', 'progress', 'share'],
  'modes/solo': ['core', 'platform', 'progress', 'packs', 'share'],
  'modes/workshop': ['core', 'platform', 'room', 'progress', 'packs', 'share'],
  'modes/phone': ['core', 'platform', 'room'],
  'modes/result': ['core', 'platform', 'progress', 'share'],
  lms: ['core', 'platform', 'progress', 'share', 'modes/solo'],
  server: ['core', 'room'],
};
const FOLDERS = [
  'core',
  'platform',
  'room',
  'progress',
  'share',
  'packs',
  'lms',
  'modes',
  'server',
  'app',
  'build',
  'bench',
];
const MODES = ['solo', 'workshop', 'phone', 'result'];

/** A relative import that climbs out of `layer` into a folder it may not read. */
function forbidden(layer) {
  const allowed = new Set(LAYERS[layer]);
  const inMode = layer.startsWith('modes/');
  const up = inMode ? '(\\.\\./){2,}' : '(\\.\\./)+';
  const folders = FOLDERS.filter((folder) => folder !== 'modes' && folder !== layer && !allowed.has(folder));
  const modes = MODES.filter((mode) => `modes/${mode}` !== layer && !allowed.has(`modes/${mode}`));
  const patterns = [`^${up}(${folders.join('|')})(/|$)`, `^${up}modes/(${modes.join('|')})(/|$)`];
  // Another mode is a sibling: one level up from a mode's own files.
  if (inMode) patterns.push(`^\\.\\./(${modes.join('|')})(/|$)`, `^\\.\\./\\.\\./(${modes.join('|')})(/|$)`);
  return patterns.map((regex) => ({
    regex,
    message: `${layer} may import only ${LAYERS[layer].join(', ') || 'nothing'} of ours (eslint.config.js, LAYERS).`,
  }));
}

export default ts.config(
  { ignores: ['dist/', 'dist-scorm/', 'node_modules/', 'questions/scenario.schema.json', 'src/i18n/paraglide/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Names starting with _ are deliberately unused (a field left out of a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Question text, names and share-link data are text: never markup.
      'svelte/no-at-html-tags': 'error',
    },
  },
  ...Object.keys(LAYERS).map((layer) => ({
    files: [`src/${layer}/**/*.{ts,svelte}`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbidden(layer) }] },
  })),
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      // No rule here reads types: parsing without the type checker is four times faster.
      parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
);
