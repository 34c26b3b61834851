import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to an element when it appears, so keyboard and screen-reader users land on the
 * new content after every transition. A screen's own heading (h1) starts the screen from its
 * top, header included; a heading within a screen (the verdict) is scrolled into view.
 *
 * The scroll happens in the next frame, where the browser lays the new screen out anyway. The
 * focus waits until that frame is painted: `focus()` makes the browser bring style and layout
 * up to date at once, and in the middle of a step (an answer) that put the whole new screen's
 * layout, and focus's own work, before the learner sees anything. Keys pressed in between
 * still reach the window's key handlers. Focus the learner has moved in between (a quick Tab)
 * stays where they put it.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  const before = document.activeElement;
  const focus = () => {
    const now = document.activeElement;
    if (now === before || now === null || now === document.body) node.focus({ preventScroll: true });
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Without frames (a test's DOM) there is no paint to wait for.
  if (!globalThis.requestAnimationFrame) {
    timer = setTimeout(focus);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    if (node.tagName === 'H1') globalThis.scrollTo?.({ top: 0 });
    else node.scrollIntoView?.({ block: 'nearest' });
    // A task queued from a frame callback runs after that frame's paint.
    timer = setTimeout(focus);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/**
 * Brings an element wholly into view when it appears (the way on after an answer), scrolling
 * no further than needed: with the verdict above it, the learner sees both without scrolling
 * and nothing has to sit on top of the page to stay in reach.
 */
export const revealOnMount: Attachment<HTMLElement> = (node) => {
  if (!globalThis.requestAnimationFrame) return;
  const frame = requestAnimationFrame(() => node.scrollIntoView?.({ block: 'nearest' }));
  return () => cancelAnimationFrame(frame);
};
