/**
 * Waits until the browser has painted the next frame. A frame callback runs before that frame's
 * paint; a task queued from it runs after. It waits for nothing where nothing is painted: a
 * hidden page, which may be about to go, or a runtime without frames (Node, a test's DOM).
 * `hurry` ends the wait at once.
 */
export function afterNextPaint(): { done: Promise<void>; hurry: () => void } {
  let hurry = () => {};
  const done = new Promise<void>((resolve) => {
    hurry = resolve;
    if (!globalThis.requestAnimationFrame || globalThis.document?.visibilityState !== 'visible') return resolve();
    requestAnimationFrame(() => setTimeout(resolve));
  });
  return { done, hurry };
}
