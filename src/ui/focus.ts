import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to an element when it appears, so keyboard and screen-reader users land on the
 * new content after every transition. A screen's own heading (h1) starts the screen from its
 * top, header included; a heading within a screen (the verdict) is scrolled into view.
 *
 * Focusing without scrolling needs no layout, so it happens at once; the scroll waits for the
 * next frame, where the browser lays the new screen out anyway, instead of forcing a layout
 * in the middle of the step.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  node.focus({ preventScroll: true });
  const frame = globalThis.requestAnimationFrame?.(() => {
    if (node.tagName === 'H1') globalThis.scrollTo?.({ top: 0 });
    else node.scrollIntoView?.({ block: 'nearest' });
  });
  return () => frame !== undefined && cancelAnimationFrame(frame);
};
