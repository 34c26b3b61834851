import type { Source } from '../core/schema';
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
scope.addEventListener('message', (event: MessageEvent<{ request: ReadRequest; sources: readonly Source[] }>) => {
  scope.postMessage(readRequest(event.data.request, event.data.sources));
});
