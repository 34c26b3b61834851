import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to an element when it appears, so keyboard and screen-reader users land on the
 * new content after every transition. A screen's own heading (h1) starts the screen from its
 * top, header included; a heading within a screen (the verdict) is scrolled into view.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  if (node.tagName === 'H1') {
    globalThis.scrollTo?.({ top: 0 });
    node.focus({ preventScroll: true });
  } else node.focus();
};
