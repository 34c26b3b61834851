import { expect, it } from 'vitest';
import { bytesUntilStart, FIRST_SCREEN_BUDGET } from '../../src/build/budget';
import { describeInBrowser } from '../support/harness';

/**
 * The most gzip bytes fetched until Start is usable at today's bank, in each language:
 * FIRST_SCREEN_BUDGET in src/build/budget.ts (60 KB). What ten and fifty times the bank cost is
 * measured by `npm run bench`, which builds those banks (docs/performance.md).
 */
const START_CEILING = FIRST_SCREEN_BUDGET;

describeInBrowser('bytes until the start screen is usable', (app) => {
  async function measure(url: string, locale: string) {
    // The worker registers once the app has loaded, after the count, and then fetches every
    // file: blocked, so that no request is still being served when a build's folder goes.
    const context = await app.browser.newContext({ serviceWorkers: 'block', locale });
    try {
      return await bytesUntilStart(await context.newPage(), url);
    } finally {
      await context.close();
    }
  }

  const languages = [
    ['en', 'en-US'],
    ['de', 'de-DE'],
    ['es', 'es-ES'],
    ['fr', 'fr-FR'],
  ];
  it.each(languages)(
    'fetches at most the ceiling in %s on a cold first visit: its own words, no questions or storage library',
    async (language, locale) => {
      const folder = language === 'en' ? '' : `${language}/`;
      const { files, gzip } = await measure(app.url + folder, locale!);
      expect(gzip, files.map((f) => `${f.file} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(START_CEILING);
      // The start screen needs the index alone: no company's questions, no workshop, no sharing,
      // and with nothing stored, no storage library.
      expect(files.map((f) => f.file)).not.toContainEqual(
        expect.stringMatching(/mary-app|question-loaders|Workshop|Share|sw\.js|localforage/),
      );
      // Its own language's page and files alone.
      const others = languages.flatMap(([other]) => (other === 'en' || other === language ? [] : [`/${other}/`]));
      expect(files[0]?.file).toBe(`/${folder}`);
      expect(files.filter((f) => !f.file.startsWith(`/${folder}`) || others.some((o) => f.file.startsWith(o)))).toEqual(
        [],
      );
    },
  );
});
