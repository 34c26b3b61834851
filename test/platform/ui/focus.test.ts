import { afterEach, expect, it, vi } from 'vitest';
import { focusOnMount } from '../../../src/platform/ui/focus';

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** Mounts a new screen's heading, as a component would, with the attachment on it. */
function mountHeading() {
  const heading = document.createElement('h1');
  heading.tabIndex = -1;
  heading.textContent = 'Next screen';
  document.body.append(heading);
  focusOnMount(heading);
  return heading;
}

function button(text: string) {
  const element = document.createElement('button');
  element.textContent = text;
  document.body.append(element);
  return element;
}

it('moves focus to the new heading once the next frame is painted', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
  const pressed = button('Next task');
  pressed.focus();
  const heading = mountHeading();
  expect(pressed).toHaveFocus();
  await vi.advanceTimersByTimeAsync(50);
  expect(heading).toHaveFocus();
});

it('leaves focus where the learner moved it before that paint', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
  const heading = mountHeading();
  const start = button('Show the first task');
  start.focus();
  await vi.advanceTimersByTimeAsync(50);
  expect(start).toHaveFocus();
  expect(heading).not.toHaveFocus();
});
