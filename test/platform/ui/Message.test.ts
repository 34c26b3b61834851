import { render } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { expect, it } from 'vitest';
import type { MessagePart } from '../../../src/i18n/paraglide/runtime.js';
import Message from '../../../src/platform/ui/Message.svelte';

const text = (value: string): MessagePart => ({ type: 'text', value });
const mark = (type: 'markup-start' | 'markup-end', name: string): MessagePart => ({
  type,
  name,
  options: {},
  attributes: {},
});

it("sets a message's marked-up spans apart where the language puts them, one element a span", () => {
  // "Deine Antwort: {#strong}{given}{/strong}; richtig ist {#strong}{status}, {score}{/strong}."
  const parts = [
    text('Deine Antwort: '),
    mark('markup-start', 'strong'),
    text('Beide'),
    mark('markup-end', 'strong'),
    text('; richtig ist '),
    mark('markup-start', 'strong'),
    text('bestanden'),
    text(', '),
    text('100 %'),
    mark('markup-end', 'strong'),
    text('.'),
  ];
  const { container } = render(Message, { parts });
  expect(container).toHaveTextContent('Deine Antwort: Beide; richtig ist bestanden, 100 %.', {
    normalizeWhitespace: false,
  });
  expect([...container.querySelectorAll('strong')].map((strong) => strong.textContent)).toEqual([
    'Beide',
    'bestanden, 100 %',
  ]);
});

it('shows other markup as its caller says, such as a link', () => {
  const link = createRawSnippet((label: () => string) => ({
    render: () => `<a href="#packs">${label()}</a>`,
  }));
  const parts = [
    text('Open '),
    mark('markup-start', 'link'),
    text('the Packs page'),
    mark('markup-end', 'link'),
    text('.'),
  ];
  const { container } = render(Message, { parts, markup: { link } });
  expect(container.querySelector('a')).toHaveTextContent('the Packs page');
  expect(container).toHaveTextContent('Open the Packs page.');
});
