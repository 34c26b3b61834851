import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to an element when it appears (the browser scrolls it into view), so keyboard
 * and screen-reader users land on the new content after every transition. Used on headings.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  node.focus();
};
