import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import Feedback from '../../../../src/modes/solo/screens/Feedback.svelte';
import { loadBank } from '../../../../src/core/loadBank';
import { fixtureBank } from '../../../support/fixtures';
import { wordsAtAGlance } from '../../../support/glance';

const bank = fixtureBank();
const card = (id: string) => bank.cards.get(id)!.card;
const props = { sources: bank.sources, nextLabel: 'Next task', oncontinue: vi.fn() };

it('says the answer was right, explains it and cites the source', async () => {
  render(Feedback, { ...props, card: card('a-pm'), answer: 'pm', correct: true });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Right.');
  await waitFor(() => expect(screen.getByRole('heading', { level: 2 })).toHaveFocus());
  expect(screen.getByText("Requirements are product management's.")).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'What the other role does here' })).toBeInTheDocument();
  expect(screen.getByText(/Understanding the Distinction Between Product Marketing/)).toBeInTheDocument();
});

it('shows at a glance the verdict, the takeaway and the way on, and the rest behind "Why"', async () => {
  const user = userEvent.setup();
  const compare = { task: 'Rank the asks for the next release', key: 'pm' as const };
  render(Feedback, { ...props, card: card('a-pmm'), answer: 'both', correct: false, compare });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not quite: this is product marketing.');
  expect(screen.getByText(card('a-pmm').takeaway)).toBeVisible();
  expect(screen.getByRole('button', { name: 'Next task' })).toBeVisible();
  const behindWhy = [card('a-pmm').explanation, /you said Both/, /“Rank the asks for the next release” is product/];
  for (const text of behindWhy) expect(screen.getByText(text)).not.toBeVisible();
  await user.click(screen.getByText('Why'));
  for (const text of behindWhy) expect(screen.getByText(text)).toBeVisible();
  expect(screen.getByRole('heading', { name: 'Why it is not shared' })).toBeVisible();
  expect(screen.getByText('Product management makes sure the product is ready.')).toBeVisible();
});

it('names the sources of each view as the cards do, not by code, and continues on request', async () => {
  const user = userEvent.setup();
  const oncontinue = vi.fn();
  render(Feedback, { ...props, oncontinue, card: card('b-launch'), answer: 'pm', correct: false });
  expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Not quite: this task is shared.');
  expect(screen.getByRole('heading', { name: 'Where the sources differ' })).toBeInTheDocument();
  const views = screen.getAllByRole('listitem').map((item) => item.textContent?.replace(/\s+/g, ' ').trim());
  expect(views).toEqual(
    expect.arrayContaining([
      'Distinction article: Product marketing owns go-to-market.',
      'Two Sides article: Misalignment can ruin a launch.',
    ]),
  );
  await user.click(screen.getByRole('button', { name: 'Next task' }));
  expect(oncontinue).toHaveBeenCalledOnce();
});

it('keeps every task of the bank short at a glance: at most 36 words before "Why", right or wrong', () => {
  const shipped = loadBank('questions');
  const words = shipped.scenarios
    .flatMap((scenario) => scenario.cards)
    .flatMap((shippedCard) =>
      [true, false].map((correct) => {
        const { container, unmount } = render(Feedback, {
          ...props,
          sources: shipped.sources,
          nextLabel: shippedCard.key === 'both' ? 'Next: split the work' : 'See the round summary',
          card: shippedCard,
          answer: correct ? shippedCard.key : shippedCard.key === 'pm' ? 'both' : 'pm',
          correct,
        });
        const count = wordsAtAGlance(container);
        unmount();
        return { id: shippedCard.id, correct, count };
      }),
    );
  expect(words.filter((item) => item.count > 36)).toEqual([]);
});
