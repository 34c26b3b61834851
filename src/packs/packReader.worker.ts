import type { Source } from '../core/schema';
import { overwriteGetLocale, type Locale } from '../i18n/paraglide/runtime.js';
import { readRequest, type ReadRequest } from './packReading';

/**
 * Reads a trainer's file away from the page, so that no file, however it is made, can hold up
 * a click or a paint. The page ends this worker when a read passes its deadline
 * (`packReader.ts`).
 */
// The project is typed for pages (the DOM library); a worker's scope posts without a target.
const scope = globalThis as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
};
type Asked = { request: ReadRequest; sources: readonly Source[]; locale: Locale };
scope.addEventListener('message', ({ data }: MessageEvent<Asked>) => {
  // Problems in the page's language: a worker has no window to find it from (a build fixes it, the dev server does not).
  overwriteGetLocale(() => data.locale);
  scope.postMessage(readRequest(data.request, data.sources));
});
