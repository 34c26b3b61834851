import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import RoleChoices from '../../../../src/modes/solo/screens/RoleChoices.svelte';

it('offers the three roles by name and reports the one clicked', async () => {
  const user = userEvent.setup();
  const onanswer = vi.fn();
  render(RoleChoices, { onanswer });
  for (const name of ['Product management', 'Product marketing', 'Both']) {
    expect(screen.getByRole('button', { name })).toBeEnabled();
  }
  await user.click(screen.getByRole('button', { name: 'Product marketing' }));
  expect(onanswer).toHaveBeenCalledExactlyOnceWith('pmm');
});

it('locks once answered and marks the answer and the key', () => {
  render(RoleChoices, { chosen: 'pm', key: 'both', onanswer: vi.fn() });
  const buttons = screen.getAllByRole('button');
  for (const button of buttons) expect(button).toBeDisabled();
  expect(buttons[0]).toHaveTextContent('Your answer');
  expect(buttons[2]).toHaveTextContent('Answer');
  expect(buttons[1]).not.toHaveTextContent('Answer');
});
