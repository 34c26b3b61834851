/**
 * The words a learner sees on a screen without opening anything: every text outside a closed
 * `<details>` (its summary counts), whether or not a screen reader hears it.
 */
export function wordsAtAGlance(root: HTMLElement): number {
  const shown = root.cloneNode(true) as HTMLElement;
  for (const details of shown.querySelectorAll('details:not([open])'))
    for (const child of [...details.children]) if (child.tagName !== 'SUMMARY') child.remove();
  return (shown.textContent ?? '').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
