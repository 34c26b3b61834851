import type { Attachment } from 'svelte/attachments';

/**
 * Shrinks an element's type, a step at a time, until what it holds fits its box, but no smaller
 * than `least` of its size: the reveal's words grow with the task and the language (a shared
 * task's splits and both votes, German's longer sentences), and the projector never scrolls.
 * The element's CSS scales its font by `--fit`; the fit is worked out again when the box
 * changes size (another window size) or what it holds changes.
 */
export const fitText =
  (least: number): Attachment<HTMLElement> =>
  (node) => {
    const fit = () => {
      let scale = 1;
      node.style.setProperty('--fit', '1');
      while (node.scrollHeight > node.clientHeight + 1 && scale > least) {
        scale = Math.max(least, scale - 0.05);
        node.style.setProperty('--fit', String(scale));
      }
    };
    fit();
    // Without layout (a test's DOM) there is nothing to measure again.
    if (!globalThis.ResizeObserver) return;
    const resized = new ResizeObserver(fit);
    resized.observe(node);
    const changed = new MutationObserver(fit);
    changed.observe(node, { childList: true, subtree: true, characterData: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  };
