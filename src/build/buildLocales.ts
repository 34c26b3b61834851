// `npm run build`: the app once per language, English into dist/ and each other language into
// dist/<language>/, so a page holds only its own language's words (src/build/messages.ts).
import { build } from 'vite';
import { compileMessages, LOCALES } from './messages.ts';

await compileMessages();
const configFile = new URL('../../vite.config.ts', import.meta.url).pathname;
// English first: its build empties dist/, the others each empty only their own folder.
for (const locale of LOCALES) {
  process.env.ROLE_CALL_LOCALE = locale;
  await build({ configFile, logLevel: 'warn' });
}
