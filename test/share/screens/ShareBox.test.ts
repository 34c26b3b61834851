import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import ShareBox from '../../../src/share/screens/ShareBox.svelte';

it('puts the chosen name in the link and copies it, saying so', async () => {
  const user = userEvent.setup();
  const linkFor = vi.fn((name: string) => `https://example.org/#r=${encodeURIComponent(name)}`);
  render(ShareBox, { linkFor, ondownloadcard: vi.fn() });
  await user.type(screen.getByRole('textbox', { name: /Your name/ }), 'Ana');
  expect(screen.getByRole('textbox', { name: 'Link to your result' })).toHaveValue('https://example.org/#r=Ana');
  await user.click(screen.getByRole('button', { name: 'Share result' }));
  expect(screen.getByRole('status')).toHaveTextContent('Link copied. Paste it wherever you like.');
  expect(await navigator.clipboard.readText()).toBe('https://example.org/#r=Ana');
  expect(screen.getByRole('img', { name: 'QR code of the link' })).toBeInTheDocument();
});

it('reports a result card that could not be drawn', async () => {
  const user = userEvent.setup();
  render(ShareBox, { linkFor: () => 'x', ondownloadcard: () => Promise.reject(new Error('no canvas')) });
  await user.click(screen.getByRole('button', { name: 'Download result card' }));
  expect(screen.getByRole('status')).toHaveTextContent('The result card could not be drawn in this browser.');
});
