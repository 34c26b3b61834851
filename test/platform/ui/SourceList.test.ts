import { render, screen } from '@testing-library/svelte';
import { expect, it } from 'vitest';
import SourceList from '../../../src/platform/ui/SourceList.svelte';

it("shows a pack's own source by the id its trainer gave it, linked with its host shown", () => {
  render(SourceList, {
    ids: ['S1', 'acme/P1'],
    sources: [
      { id: 'S1', title: 'What is the difference?', author: 'Joca Torres' },
      { id: 'acme/P1', title: 'Our launch handbook', author: 'Acme', url: 'https://handbook.example.com/launch' },
    ],
  });
  const items = screen.getAllByRole('listitem').map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
  expect(items).toEqual([
    'S1 What is the difference?, Joca Torres',
    'P1 Our launch handbook (handbook.example.com), Acme',
  ]);
  expect(screen.getByRole('link', { name: 'Our launch handbook' })).toHaveAttribute(
    'href',
    'https://handbook.example.com/launch',
  );
  expect(screen.queryAllByRole('link')).toHaveLength(1);
});
