import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './src/tools/contentSecurity.ts';
import { prerenderStartScreen } from './src/tools/prerender.ts';
import { questionBank } from './src/tools/questionBankPlugin.ts';
import { serviceWorkerPlugin } from './src/tools/serviceWorker.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./src'),
  publicDir: here('./public'),
  base: './',
  plugins: [
    svelte({ configFile: here('./svelte.config.js') }),
    // ROLE_CALL_QUESTIONS builds another question folder (the bench's copies of the bank).
    questionBank(process.env.ROLE_CALL_QUESTIONS ?? here('./questions')),
    prerenderStartScreen(here('./vite.config.ts')),
    contentSecurityPolicy(),
    serviceWorkerPlugin(here('./public')),
  ],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // Every browser the app supports preloads modules itself: no polyfill on the first screen.
    modulePreload: { polyfill: false },
  },
  preview: { host: '127.0.0.1' },
  test: {
    root: here('.'),
    expect: { requireAssertions: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/{game,machines,runtime,content,tools,storage,share}/**/*.test.ts'],
        },
      },
      {
        extends: true,
        plugins: [svelteTesting()],
        test: { name: 'ui', environment: 'jsdom', include: ['test/ui/**/*.test.ts'], setupFiles: ['test/ui/setup.ts'] },
      },
      {
        extends: true,
        test: { name: 'build', environment: 'node', include: ['test/build/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
