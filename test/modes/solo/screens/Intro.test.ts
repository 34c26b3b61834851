import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { summarize } from '../../../../src/core/bank';
import Intro from '../../../../src/modes/solo/screens/Intro.svelte';
import { fixtureBank } from '../../../support/fixtures';

const scenarios = summarize(fixtureBank().scenarios);

it('explains the game and starts it with the companies chosen', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  render(Intro, { scenarios, onstart, review: { due: 0, total: 0 }, onreview: vi.fn() });
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
  expect(screen.getByRole('heading', { name: 'How a round works' })).toBeInTheDocument();
  expect(screen.getByText('How scoring works')).toBeInTheDocument();
  await user.click(screen.getByRole('checkbox', { name: /Alpha Analytics/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(onstart).toHaveBeenCalledExactlyOnceWith(['beta'], true);
});

it('will not start with no company chosen, and says why', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  render(Intro, { scenarios, onstart, review: { due: 0, total: 0 }, onreview: vi.fn() });
  for (const box of screen.getAllByRole('checkbox')) await user.click(box);
  expect(screen.getByRole('button', { name: 'Start playing' })).toBeDisabled();
  expect(screen.getByRole('status')).toHaveTextContent('Choose at least one company to play.');
  expect(onstart).not.toHaveBeenCalled();
});

it('offers the review when tasks are due, and says when the next comes back otherwise', async () => {
  const user = userEvent.setup();
  const onreview = vi.fn();
  const { unmount } = render(Intro, {
    scenarios,
    onstart: vi.fn(),
    review: { due: 3, total: 5, next: new Date(2030, 0, 2).getTime() },
    onreview,
  });
  // The due and the waiting add up to the deck: one count of tasks to review.
  expect(screen.getByText(/2 more tasks are in your review deck; the next comes back on .*2030/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Review 3 missed tasks due now' }));
  expect(onreview).toHaveBeenCalledOnce();
  unmount();
  render(Intro, {
    scenarios,
    onstart: vi.fn(),
    review: { due: 0, total: 1, next: new Date(2030, 0, 2).getTime() },
    onreview,
  });
  expect(screen.getByText(/1 task is in your review deck; the next comes back on .*2030/)).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /Review/ })).not.toBeInTheDocument();
});

it('starts a quick game of one company, and can leave out saying how sure', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  render(Intro, { scenarios, onstart, review: { due: 0, total: 0 }, onreview: vi.fn(), suggested: 'beta' });
  await user.click(screen.getByRole('button', { name: /^Quick start: Beta Burgers/ }));
  expect(onstart).toHaveBeenLastCalledWith(['beta'], true);
  await user.click(screen.getByRole('checkbox', { name: /Say how sure I am/ }));
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(onstart).toHaveBeenLastCalledWith(['alpha', 'beta'], false);
});

it('starts the switch where the last game left it', () => {
  render(Intro, {
    scenarios,
    onstart: vi.fn(),
    review: { due: 0, total: 0 },
    onreview: vi.fn(),
    asksConfidence: false,
  });
  expect(screen.getByRole('checkbox', { name: /Say how sure I am/ })).not.toBeChecked();
});

it('inside an LMS, starts the course of every company, says what passes, offers no workshop mode, and asks how sure when the marks count', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  const props = { scenarios, onstart, review: { due: 0, total: 0 }, onreview: vi.fn(), asksConfidence: false };
  const { unmount } = render(Intro, props);
  expect(screen.getByRole('link', { name: 'Open workshop mode' })).toBeInTheDocument();
  expect(screen.getByRole('button', { name: /^Quick start/ })).toBeInTheDocument();
  unmount();
  render(Intro, { ...props, course: { alwaysAsks: true, passingScore: 75 } });
  expect(screen.queryByRole('link', { name: 'Open workshop mode' })).not.toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /^Quick start/ })).not.toBeInTheDocument();
  expect(screen.queryByRole('checkbox', { name: /Say how sure I am/ })).not.toBeInTheDocument();
  expect(
    screen.getByText('Your learning system records a game of all 2 companies: 75% or more passes.'),
  ).toBeInTheDocument();
  expect(screen.getByText(/Your marks are your score/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: /^Start the course/ }));
  expect(onstart).toHaveBeenCalledExactlyOnceWith(['alpha', 'beta'], true);
});

it('lists a long bank by its first companies and the trainer’s own, and shows the rest on request', async () => {
  const user = userEvent.setup();
  const onstart = vi.fn();
  const many = Array.from({ length: 30 }, (_, i) => ({
    id: `c${i}`,
    title: `Company ${i}`,
    company: `Firm ${i}`,
    cards: 2,
  }));
  const own = { id: 'pack/own', title: 'Our own firm', company: 'Us', cards: 3, pack: 'Our pack' };
  render(Intro, { scenarios: [...many, own], onstart, review: { due: 0, total: 0 }, onreview: vi.fn() });
  const picker = screen.getByRole('group', { name: /Or choose your companies \(31 of 31, 63 tasks\)/ });
  // The first twelve and the pack's company show; the other eighteen wait, ticked.
  expect(
    within(picker)
      .getAllByRole('checkbox')
      .map((box) => box.closest('label')!.textContent),
  ).toHaveLength(13);
  expect(within(picker).getByRole('checkbox', { name: /Our own firm/ })).toBeChecked();
  expect(within(picker).queryByRole('checkbox', { name: /Company 12\b/ })).not.toBeInTheDocument();
  await user.click(within(picker).getByRole('checkbox', { name: /Company 0\b/ }));
  await user.click(within(picker).getByRole('button', { name: /Show all 31 companies/ }));
  expect(within(picker).getAllByRole('checkbox')).toHaveLength(31);
  // Focus moves to the first company that was hidden; the untick made before stays.
  expect(within(picker).getByRole('checkbox', { name: /Company 12\b/ })).toHaveFocus();
  expect(within(picker).getByRole('checkbox', { name: /Company 0\b/ })).not.toBeChecked();
  expect(within(picker).queryByRole('button', { name: /Show all/ })).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Start playing' }));
  expect(onstart.mock.calls[0]![0]).toHaveLength(30);
  expect(onstart.mock.calls[0]![0]).not.toContain('c0');
});

it('offers first to take up a game left for the start screen', async () => {
  const user = userEvent.setup();
  const onresume = vi.fn();
  render(Intro, {
    scenarios,
    onstart: vi.fn(),
    review: { due: 0, total: 0 },
    onreview: vi.fn(),
    resume: { title: 'Alpha Analytics', where: 'task 2 of 3' },
    onresume,
  });
  await user.click(screen.getByRole('button', { name: 'Resume your game Alpha Analytics · task 2 of 3' }));
  expect(onresume).toHaveBeenCalledOnce();
});
