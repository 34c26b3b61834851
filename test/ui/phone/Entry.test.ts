import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import CodeEntry from '../../../src/ui/phone/CodeEntry.svelte';
import JoinForm from '../../../src/ui/phone/JoinForm.svelte';
import Lobby from '../../../src/ui/phone/Lobby.svelte';

it('takes a typed code, and says plainly why the last one did not work', async () => {
  const user = userEvent.setup();
  const onsubmit = vi.fn();
  render(CodeEntry, { code: '', error: 'There is no room ZZZZZZ.', busy: false, onsubmit });
  const field = screen.getByRole('textbox', { name: 'Room code' });
  expect(field).toHaveAccessibleDescription('There is no room ZZZZZZ.');
  expect(screen.getByRole('button', { name: 'Find the room' })).toBeDisabled();
  await user.type(field, 'k7q f3m{Enter}');
  expect(onsubmit).toHaveBeenCalledExactlyOnceWith('k7q f3m');
});

it('joins with a name and a chosen team, or any team', async () => {
  const user = userEvent.setup();
  const onjoin = vi.fn();
  const info = { code: 'K7QF3M', phones: 'teams' as const, teams: ['Owls', 'Foxes'] };
  render(JoinForm, { info, error: null, busy: false, onjoin, onback: vi.fn() });
  expect(screen.getByRole('radio', { name: 'Put me in any team' })).toBeChecked();
  await user.click(screen.getByRole('button', { name: 'Join the room' }));
  expect(onjoin).toHaveBeenLastCalledWith('', -1);
  await user.type(screen.getByRole('textbox', { name: 'Your name (optional)' }), 'Ana');
  await user.click(screen.getByRole('radio', { name: 'Foxes' }));
  await user.click(screen.getByRole('button', { name: 'Join the room' }));
  expect(onjoin).toHaveBeenLastCalledWith('Ana', 1);
});

it('asks for no team in a room of solo phones, and shows why a join failed', async () => {
  const user = userEvent.setup();
  const onjoin = vi.fn();
  const onback = vi.fn();
  const info = { code: 'K7QF3M', phones: 'solo' as const, teams: [] };
  render(JoinForm, { info, error: 'The room is full.', busy: false, onjoin, onback });
  expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent('The room is full.');
  expect(screen.getByRole('textbox', { name: 'Your name (optional)' })).toHaveAttribute('maxlength', '30');
  await user.click(screen.getByRole('button', { name: 'Use another code' }));
  expect(onback).toHaveBeenCalledOnce();
});

it('welcomes the player in by name and team', () => {
  render(Lobby, { name: 'Ana', team: 'Owls' });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent("You're in, Ana (team Owls).");
  expect(screen.getByText('Watch the big screen.')).toBeInTheDocument();
});
