import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Pager from '../../../../src/modes/workshop/screens/Pager.svelte';

it('cannot go back from the first page, and turns to the answers and back', async () => {
  const user = userEvent.setup();
  const onpage = vi.fn();
  const { rerender } = render(Pager, { page: 0, pages: 3, onpage });
  expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await user.click(screen.getByRole('button', { name: 'Every answer' }));
  expect(onpage).toHaveBeenLastCalledWith(1);
  await rerender({ page: 3, pages: 3, onpage });
  expect(screen.getByText('Answers, page 3 of 3')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  await user.click(screen.getByRole('button', { name: 'Previous' }));
  expect(onpage).toHaveBeenLastCalledWith(2);
});
