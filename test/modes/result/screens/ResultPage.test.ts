import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlayMachine } from '../../../../src/modes/solo/playMachine';
import { bankFingerprint, type IndexedBank } from '../../../../src/core/bank';
import { readPackText } from '../../../../src/packs/packFiles';
import { bankPackOf } from '../../../../src/progress/shelf';
import { encodeResult } from '../../../../src/share/codec';
import { resultOfGame } from '../../../../src/modes/solo/shareResult';
import { aboutMinutes } from '../../../../src/core/playTime';
import SharePage from '../../../../src/modes/result/screens/ResultPage.svelte';
import { fixtureBank } from '../../../support/fixtures';
import { playToResults } from '../../../support/play';

const bank = fixtureBank();
const machine = createPlayMachine(bank);

function sharedGame(name: string, change?: (result: ReturnType<typeof resultOfGame>) => void) {
  const actor = createActor(machine, { input: { seed: 4 } }).start();
  playToResults(bank, actor, (card) => card.key !== 'pmm');
  const result = resultOfGame(bank, actor.getSnapshot().context, name, Date.UTC(2026, 10, 22));
  change?.(result);
  return `#${encodeResult(result)}`;
}

it('shows a shared result worked out again, with the name as plain text', async () => {
  const user = userEvent.setup();
  const onplay = vi.fn();
  render(SharePage, { fragment: sharedGame('<img src=x onerror=1> Ana'), bank, onplay });
  const heading = screen.getByRole('heading', { level: 1 });
  expect(heading).toHaveTextContent('<img src=x onerror=1> Ana scored 6 of 7 points (86%)');
  expect(heading.querySelector('img')).toBeNull();
  expect(screen.getByText(/played on Nov 22, 2026/)).toBeInTheDocument();
  // The first line says what the game is, before the score; the invitation quotes the start screen's time.
  const about = screen.getByText(/^Role Call: a game about who does what/);
  expect(about.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(screen.getByText(/A game like this one: 5 tasks, no account/)).toHaveTextContent(aboutMinutes(5));
  expect(screen.getByRole('row', { name: 'Alpha Analytics 3 of 4 75%' })).toBeInTheDocument();
  expect(screen.getAllByText(/said/)).toHaveLength(5);
  expect(screen.getByText(/How sure they were/).parentElement).toHaveTextContent(
    /of 15 possible certainty-based marks/,
  );
  await user.click(screen.getByRole('button', { name: 'Play it yourself' }));
  expect(onplay).toHaveBeenCalledOnce();
});

it('says plainly when a link comes from another version of the questions, and scores only what still matches', () => {
  const fragment = sharedGame('Ana', (result) => {
    result.bank ^= 1;
    result.cards[0] = 123;
  });
  render(SharePage, { fragment, bank, onplay: vi.fn() });
  expect(screen.getByText(/made with a different version of the questions/)).toBeInTheDocument();
  expect(
    screen.getByText(/4 of 5 tasks are unchanged and are scored below; the other 1 are left out/),
  ).toBeInTheDocument();
});

it('says plainly when a link from these very questions names tasks they do not have, and shows no score', async () => {
  const user = userEvent.setup();
  const onplay = vi.fn();
  const fragment = sharedGame('Ana', (result) => {
    expect(result.bank).toBe(bankFingerprint(bank));
    result.cards = result.cards.map((_, index) => index + 1);
  });
  render(SharePage, { fragment, bank, onplay });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This result cannot be scored here');
  expect(screen.getByText('This link lists tasks that are not in this version of the questions.')).toBeInTheDocument();
  expect(screen.getByText(/None of its tasks can be found, so no score is shown/)).toBeInTheDocument();
  expect(screen.queryByText(/\d+ of \d+ points/)).not.toBeInTheDocument();
  expect(screen.queryByText(/worked out again/)).not.toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Play it yourself' }));
  expect(onplay).toHaveBeenCalledOnce();
});

it('scores the tasks it finds in a link from these questions and says how many it left out', () => {
  const fragment = sharedGame('Ana', (result) => {
    result.cards[0] = 123;
  });
  render(SharePage, { fragment, bank, onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^Ana scored \d+ of [1-9]\d* points/);
  expect(screen.getByText(/4 of 5 tasks are found and are scored below; the other 1 are left out/)).toBeInTheDocument();
});

it('shows no team scores for a workshop link from another version with no task left to check', () => {
  const fragment = sharedGame('', (result) => {
    result.mode = 'workshop';
    result.bank ^= 1;
    result.cards = result.cards.map((_, index) => index + 1);
    result.players = [result.players[0]!, { name: 'Foxes', answers: result.players[0]!.answers }];
  });
  render(SharePage, { fragment, bank, onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This result cannot be scored here');
  expect(screen.getByText(/None of its tasks can be checked against this version/)).toBeInTheDocument();
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Play it yourself' })).toBeInTheDocument();
});

it('explains a broken link in one sentence and offers to play', () => {
  render(SharePage, { fragment: '#r=this-is-not-a-result', bank, onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('This result link cannot be opened');
  expect(
    screen.getByText('This result link has been cut short or changed, so its result cannot be trusted.'),
  ).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Play Role Call yourself' })).toBeInTheDocument();
});

it('shows each team of a workshop link with its recomputed score', () => {
  const fragment = sharedGame('', (result) => {
    result.mode = 'workshop';
    const answers = result.players[0]!.answers;
    result.players = [
      { name: 'Owls', answers },
      { name: '', answers: answers.map(() => ({ role: 'pm' as const })) },
      { name: 'Foxes', answers: answers.map(() => null) },
    ];
  });
  render(SharePage, { fragment, bank, onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Results of 3 teams');
  expect(screen.getByText(/Shared result · Workshop/)).toBeInTheDocument();
  // Workshop scoring: a point per right role, none for the split.
  expect(screen.getByRole('row', { name: '1 Owls 4 of 5 (80%)' })).toBeInTheDocument();
  expect(screen.getByRole('row', { name: '2 Team 2 2 of 5 (40%)' })).toBeInTheDocument();
  expect(screen.getByRole('row', { name: '3 Foxes 0 of 5 (0%)' })).toBeInTheDocument();
});

/** The fixture bank with the template pack, as `change` rewrites the pack's text. */
function withPack(change: (text: string) => string = (text) => text): IndexedBank {
  const read = readPackText(change(readFileSync('public/packs/template.yaml', 'utf8')));
  if (!read.ok) throw new Error(read.error[0]!.message);
  const indexed = fixtureBank();
  indexed.setPacks([bankPackOf(read.value)]);
  return indexed;
}

/** A game of alpha and the template pack's company, every answer right, as a link. */
function sharedPackGame() {
  const played = withPack();
  const actor = createActor(createPlayMachine(played), { input: { seed: 4 } }).start();
  actor.send({ type: 'game.start', scenarioIds: ['alpha', 'my-pack/first-company'] });
  playToResults(played, actor);
  return `#${encodeResult(resultOfGame(played, actor.getSnapshot().context, 'Ana', Date.UTC(2026, 10, 22)))}`;
}

it('scores a pack game in full where the same pack is, with no notice', () => {
  render(SharePage, { fragment: sharedPackGame(), bank: withPack(), onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ana scored 8 of 8 points (100%)');
  expect(screen.queryByRole('link', { name: 'Open Packs' })).not.toBeInTheDocument();
  expect(screen.getByText(/worked out again .* and the packs in this browser/)).toBeInTheDocument();
});

it('says which pack a link needs and how to get it, and scores only the tasks it can check', () => {
  render(SharePage, { fragment: sharedPackGame(), bank: fixtureBank(), onplay: vi.fn() });
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ana scored 4 of 4 points (100%)');
  expect(
    screen.getByText(
      'This result was played with the trainer pack “My training pack” (my-pack), which this browser does not have.',
    ).parentElement,
  ).toHaveTextContent(
    /Ask whoever sent you this link for the pack — a pack link or a file — add it under Packs, then open this link again\. Until then its tasks are left out of the score\./,
  );
  expect(screen.getByText(/3 of 6 tasks are scored below; the other 3 are left out/)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Open Packs' })).toHaveAttribute('href', '#packs');
});

it('says when this browser has another version of the pack', () => {
  const other = withPack((text) => text.replace('version: 1', 'version: 2'));
  render(SharePage, { fragment: sharedPackGame(), bank: other, onplay: vi.fn() });
  expect(
    screen.getByText(
      'This result was played with another version of the trainer pack “My training pack” (my-pack) than the one in this browser.',
    ),
  ).toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Ana scored 8 of 8 points (100%)');
  expect(screen.getByRole('link', { name: 'Open Packs' })).toHaveAttribute('href', '#packs');
});
