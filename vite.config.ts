import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { compileHintsPlugin } from './src/build/compileHints.ts';
import { LAUNCH_CONNECT_CEILING } from './src/lms/connectCeiling.ts';
import { LMS_MODES } from './src/lms/settings.ts';
import { contentSecurityPlugin } from './src/build/contentSecurity.ts';
import { lmsSettings } from './src/build/lmsSettingsPlugin.ts';
import { prerenderStartScreen } from './src/build/prerender.ts';
import { roomServerPlugin } from './src/build/roomServerPlugin.ts';
import { questionBank } from './src/build/questionBankPlugin.ts';
import { serviceWorkerPlugin } from './src/build/serviceWorker.ts';
import { localePlugin } from './src/build/localePlugin.ts';
import {
  buildLocale,
  localeDefine,
  messageOptions,
  otherBuilds,
  questionsFor,
  translationsOf,
  staticMessages,
} from './src/build/messages.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const questions = here('./questions');

// An LMS package (built by src/build/scormPackage.ts in its standard's mode: "scorm",
// "scorm2004" or "cmi5") brings its own question bank and settings, and has no service worker:
// the LMS serves it, and may serve it anew.
const LMS_BUILDS = Object.values(LMS_MODES);

export default defineConfig(({ command, mode }) => {
  // A build is in one language (`npm run build` makes each, src/build/buildLocales.ts), and so
  // are the tests (English, whatever the machine's); the dev server picks its language as the
  // app does at run time, unless ROLE_CALL_LOCALE fixes one.
  const locale = buildLocale(process.env.ROLE_CALL_LOCALE);
  const fixed = command === 'build' || mode === 'test' || process.env.ROLE_CALL_LOCALE !== undefined;
  return {
    root: here('./src'),
    publicDir: here('./public'),
    base: './',
    define: fixed ? localeDefine(locale) : {},
    plugins: [
      // The dev server compiles the messages as they change; builds and tests run after
      // `npm run messages` (src/build/compileMessages.ts), which loading the compiler each time would slow.
      ...(command === 'serve' && mode === 'development' ? [paraglideVitePlugin(messageOptions)] : []),
      svelte({ configFile: here('./svelte.config.js') }),
      staticMessages(locale),
      localePlugin(locale, LMS_BUILDS.includes(mode)),
      // An LMS package has no room server. A SCORM package connects nowhere but its own files; a
      // cmi5 package also to the record store its launch names (src/lms/launchPolicy.ts).
      contentSecurityPlugin(
        LMS_BUILDS.includes(mode) ? undefined : process.env.VITE_ROOM_SERVER,
        mode === 'cmi5' ? LAUNCH_CONNECT_CEILING : [],
      ),
      // Compiled as they load (off the main thread) rather than function by function as they
      // first run: the start screen's code, which hydration runs at once, and the screens of a
      // game under way, which the first answer would otherwise compile inside its click.
      compileHintsPlugin(['index', 'boot', 'App', 'GameScreens']),
      ...(LMS_BUILDS.includes(mode)
        ? []
        : [
            // ROLE_CALL_QUESTIONS builds another question folder (the bench's copies of the bank).
            process.env.ROLE_CALL_QUESTIONS
              ? questionBank(process.env.ROLE_CALL_QUESTIONS)
              : questionBank(questionsFor(questions, locale), undefined, translationsOf(questions, locale)),
            lmsSettings(null),
            prerenderStartScreen(here('./vite.config.ts'), fixed ? localeDefine(locale) : {}),
            serviceWorkerPlugin(here('./public'), otherBuilds(locale)),
            roomServerPlugin(questions),
          ]),
    ],
    build: {
      // English at the root, each other language in a folder of its own (`dist/de/`).
      outDir: here(locale === 'en' ? './dist' : `./dist/${locale}`),
      emptyOutDir: true,
      // Every browser the app supports preloads modules itself: no polyfill on the first screen.
      modulePreload: { polyfill: false },
    },
    // Phones on the same network reach the dev server; tests and previews stay on this machine.
    server: { host: true },
    preview: { host: '127.0.0.1' },
    test: {
      root: here('.'),
      expect: { requireAssertions: true },
      // Unit and component tests share their workers' modules and jsdom (testing-library empties
      // the page after each test; what a test stubs is restored): half the time of isolating
      // every file. The build tests run each file in a process of its own.
      pool: 'threads',
      isolate: false,
      unstubGlobals: true,
      restoreMocks: true,
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            // Servers, Redis and second processes start more slowly while the builds and the
            // browser suite share the machine (test/run.sh): a test waits on state, 30 s at most.
            testTimeout: 30_000,
            include: ['test/**/*.test.ts'],
            // Components render in jsdom (project ui); the built app in the build and browser projects.
            exclude: ['test/**/screens/**', 'test/app/**', 'test/platform/ui/**', 'test/dist/**', 'test/browser/**'],
          },
        },
        {
          extends: true,
          plugins: [svelteTesting()],
          test: {
            name: 'ui',
            environment: 'jsdom',
            include: ['test/**/screens/**/*.test.ts', 'test/app/**/*.test.ts', 'test/platform/ui/**/*.test.ts'],
            // As in the unit project: a test may wait on a busy machine (test/support/eventually.ts).
            testTimeout: 30_000,
            setupFiles: ['test/support/setup.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'build',
            environment: 'node',
            include: ['test/dist/**/*.test.ts'],
            pool: 'forks',
            isolate: true,
          },
        },
        {
          extends: true,
          test: {
            name: 'browser',
            environment: 'node',
            // Two worker processes, each running file after file with the modules it has loaded
            // (Playwright, the harness): a process per file cost 2.5 s of CPU to start. Each file
            // still launches its own Chromium and servers, and what it changes it puts back.
            pool: 'forks',
            isolate: false,
            // Pages load and reconnect more slowly on a busy machine: a poll waits up to 10 s.
            expect: { requireAssertions: true, poll: { timeout: 10_000 } },
            include: ['test/browser/**/*.test.ts'],
            testTimeout: 120_000,
            hookTimeout: 120_000,
            // Two files at a time, each with its own Chromium and servers on free ports: the tests
            // wait on what pages show, never on a clock, so a busier machine only makes them slower.
            maxWorkers: 2,
          },
        },
      ],
    },
  };
});
