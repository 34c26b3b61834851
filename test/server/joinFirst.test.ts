import { expect, it } from 'vitest';
import { isOtherLanguage, withJoinFirst } from '../../src/server/joinFirst.ts';

const page = (lang: string) => `<html lang="${lang}"><body class="app"><main></main></body></html>`;

it('puts the code field first in the page, in the page’s language', () => {
  expect(withJoinFirst(page('en'))).toMatch(
    /^<html lang="en"><body class="app"><form id="join-first"[^>]*><label for="join-code">In a workshop\? Type the room code from the big screen<\/label>.*>Join<\/button>/,
  );
  expect(withJoinFirst(page('de'), 'de')).toContain('>Im Workshop? Gib den Raumcode vom großen Bildschirm ein</label>');
  expect(withJoinFirst(page('fr'), 'fr')).toContain('>Rejoindre</button>');
});

it('knows which languages have a build of their own, in a folder', () => {
  expect(['de', 'es', 'fr', 'en', 'assets', 'xx'].map(isOtherLanguage)).toEqual([
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
});
