// `npm run messages`: compiles the interface's messages (src/i18n/messages) into typed
// functions in src/i18n/paraglide, for the type check, lint and tests (a build compiles them
// itself; the dev server as they change).
import { compileMessages } from './messages.ts';

await compileMessages();
