import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import CodeEntry from '../../../../src/modes/phone/screens/CodeEntry.svelte';
import JoinForm from '../../../../src/modes/phone/screens/JoinForm.svelte';
import Lobby from '../../../../src/modes/phone/screens/Lobby.svelte';

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
  const info = { code: 'K7QF3M', phones: 'teams' as const, teams: ['Owls', 'Foxes'], locked: false, check: false };
  render(JoinForm, { info, error: null, busy: false, onjoin, onback: vi.fn() });
  expect(screen.getByRole('radio', { name: 'Put me in any team' })).toBeChecked();
  await user.click(screen.getByRole('button', { name: 'Join the room' }));
  expect(onjoin).toHaveBeenLastCalledWith('', -1, undefined);
  await user.type(screen.getByRole('textbox', { name: 'Your name (optional)' }), 'Ana');
  await user.click(screen.getByRole('radio', { name: 'Foxes' }));
  await user.click(screen.getByRole('button', { name: 'Join the room' }));
  expect(onjoin).toHaveBeenLastCalledWith('Ana', 1, undefined);
});

it('asks for no team in a room of solo phones, and shows why a join failed', async () => {
  const user = userEvent.setup();
  const onjoin = vi.fn();
  const onback = vi.fn();
  const info = { code: 'K7QF3M', phones: 'solo' as const, teams: [], locked: false, check: false };
  render(JoinForm, { info, error: 'The room is full.', busy: false, onjoin, onback });
  expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent('The room is full.');
  expect(screen.getByRole('textbox', { name: 'Your name (optional)' })).toHaveAttribute('maxlength', '30');
  await user.click(screen.getByRole('button', { name: 'Use another code' }));
  expect(onback).toHaveBeenCalledOnce();
});

it('asks for the symbols on the big screen when the room does, and joins only with all four', async () => {
  const user = userEvent.setup();
  const onjoin = vi.fn();
  const info = { code: 'K7QF3M', phones: 'solo' as const, teams: [], locked: false, check: true };
  render(JoinForm, { info, error: null, busy: false, onjoin, onback: vi.fn() });
  const join = screen.getByRole('button', { name: 'Join the room' });
  expect(join).toBeDisabled();
  for (const name of ['green square', 'red triangle', 'purple star', 'blue diamond'])
    await user.click(screen.getByRole('button', { name }));
  expect(screen.getByRole('button', { name: 'orange cross' })).toBeDisabled();
  await user.click(screen.getByRole('button', { name: 'Undo the last symbol' }));
  await user.click(screen.getByRole('button', { name: 'yellow circle' }));
  await user.click(join);
  expect(onjoin).toHaveBeenCalledExactlyOnceWith('', -1, '3042');
});

it('says when the room is locked, and that a busy server is being asked again', () => {
  const info = { code: 'K7QF3M', phones: 'solo' as const, teams: [], locked: true, check: false };
  render(JoinForm, { info, error: null, busy: true, waiting: true, onjoin: vi.fn(), onback: vi.fn() });
  expect(screen.getByText(/locked this room/)).toBeInTheDocument();
  expect(screen.getByRole('status')).toHaveTextContent('The room server is busy: trying again in a moment…');
});

it('welcomes the player in by name and team', () => {
  render(Lobby, { name: 'Ana', team: 'Owls' });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent("You're in, Ana (team Owls).");
  expect(screen.getByText('Watch the big screen.')).toBeInTheDocument();
});
