import type { Attachment } from 'svelte/attachments';

/**
 * Moves focus to an element when it appears, so keyboard and screen-reader users land on
 * the new content after every transition. Used on each screen's heading.
 */
export const focusOnMount: Attachment<HTMLElement> = (node) => {
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: 'nearest' });
};
