import fc from 'fast-check';
import { BOX_DAYS } from '../../src/core/review';
import { HISTORY_LIMIT } from '../../src/core/history';
import { ROLES, type Bank, type Card } from '../../src/core/schema';
import { CONFIDENCES } from '../../src/core/scoring';
import { EARLIEST, LATEST, LIMITS } from '../../src/platform/bounds';
import { createPlayMachine } from '../../src/modes/solo/playMachine';
import { restingStates } from '../../src/platform/restingStates';
import { indexBank } from '../../src/core/bank';
import { wrapProgress, type Progress } from '../../src/progress/progress';
import type { Envelope } from '../../src/platform/savedActor';
import type { SavedGame } from '../../src/modes/solo/savedGame';

/**
 * Arbitraries for progress files that the schema in src/progress/progress.ts and savedGame.ts
 * accepts: every bound is met, but anything within the bounds may turn up. Ids come mostly
 * from the given bank, so saved games are sometimes resumable and review cards sometimes due.
 */

const MODES = ['play', 'replay', 'review'] as const;

const timestamp = fc.integer({ min: EARLIEST, max: LATEST });
/** Any id the schema allows, which the bank is unlikely to know. */
const foreignId = fc.string({ minLength: 1, maxLength: LIMITS.id });

function idsOf(bank: Bank) {
  const scenarioIds = bank.scenarios.map((scenario) => scenario.id);
  const cards = bank.scenarios.flatMap((scenario) => scenario.cards);
  return { scenarioIds, cards, cardIds: cards.map((card) => card.id) };
}

/** Mostly a known id, now and then one the bank does not have. */
const knownOrNot = (known: string[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...known) }, foreignId);

export function historyEntry(bank: Bank) {
  const { scenarioIds } = idsOf(bank);
  return fc
    .record({
      id: fc.integer({ min: 0, max: 0xffffffff }),
      finishedAt: timestamp,
      mode: fc.constantFrom(...MODES),
      scenarioIds: fc.array(knownOrNot(scenarioIds), { maxLength: 14 }),
      max: fc.integer({ min: 0, max: LIMITS.points }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      // Certainty-based marks run from -2 × max to max.
      cbm: fc.option(
        fc.record({
          max: fc.integer({ min: 0, max: LIMITS.marks }),
          share: fc.double({ min: -2, max: 1, noNaN: true }),
        }),
        { nil: undefined },
      ),
    })
    .map(({ share, cbm, ...entry }) => ({
      ...entry,
      points: Math.floor(entry.max * share),
      ...(cbm ? { cbm: { max: cbm.max, points: Math.max(-2 * cbm.max, Math.floor(cbm.max * cbm.share)) } } : {}),
    }));
}

export function reviewEntry(bank: Bank) {
  return fc.record(
    {
      cardId: knownOrNot(idsOf(bank).cardIds),
      box: fc.integer({ min: 1, max: BOX_DAYS.length }),
      // Due dates cluster around now, so some cards are due and some are not, but any may come.
      due: fc.oneof(timestamp, fc.integer({ min: Date.now() - 7 * 86_400_000, max: Date.now() + 7 * 86_400_000 })),
      confidentError: fc.constant(true as const),
    },
    { requiredKeys: ['cardId', 'box', 'due'] },
  );
}

/** An answer with, now and then, how sure the player was. */
const withConfidence = <T extends object>(answer: fc.Arbitrary<T>) =>
  fc
    .tuple(answer, fc.option(fc.constantFrom(...CONFIDENCES), { nil: undefined }))
    .map(([fields, confidence]) => (confidence ? { ...fields, confidence } : fields));

/** An answer to a card: a split only where the card has one, in range but for now and then. */
function answerTo(card: Card) {
  return withConfidence(answerFields(card));
}

/** An answer as play gives it: with how sure exactly when the game asks. */
function playedAnswer(card: Card, asks: boolean) {
  return fc
    .tuple(answerFields(card), fc.constantFrom(...CONFIDENCES))
    .map(([fields, confidence]) => (asks ? { ...fields, confidence } : fields));
}

function answerFields(card: Card) {
  const role = fc.constantFrom(...ROLES);
  if (card.key !== 'both')
    return fc.oneof(
      { weight: 30, arbitrary: fc.record({ role }) },
      fc.record({ role, overlap: fc.integer({ min: 0, max: LIMITS.options }) }),
    );
  const options = card.overlap.options.length;
  return fc.oneof(
    { weight: 10, arbitrary: fc.record({ role, overlap: fc.integer({ min: 0, max: options - 1 }) }) },
    fc.record({ role }),
    fc.record({ role, overlap: fc.integer({ min: 0, max: LIMITS.options }) }),
  );
}

/** The current task's answer as play leaves it in each state: none yet, a role, then a split. */
function currentAnswer(state: SavedGame['state'], card: Card, asks: boolean) {
  const role = fc.constantFrom(...ROLES);
  const sure = (answer: fc.Arbitrary<{ role: (typeof ROLES)[number]; overlap?: number }>) =>
    fc
      .tuple(answer, fc.constantFrom(...CONFIDENCES))
      .map(([fields, confidence]) => (asks ? { ...fields, confidence } : fields));
  if (state === 'roundIntro' || state.startsWith('answering') || state === 'intro') return fc.constant(undefined);
  if (state === 'feedback' || state === 'overlap.choosing') return sure(fc.record({ role }));
  if (state === 'overlap.revealed' && card.key === 'both')
    return sure(fc.record({ role, overlap: fc.integer({ min: 0, max: card.overlap.options.length - 1 }) }));
  return playedAnswer(card, asks);
}

/** A saved game in any state: rounds dealt from the bank's companies, positions mostly in range. */
export function savedGame(bank: Bank): fc.Arbitrary<SavedGame> {
  const { scenarioIds, cards } = idsOf(bank);
  const byId = new Map(cards.map((card) => [card.id, card]));
  // A round deals some of one company's tasks in any order; the schema also lets a round deal
  // none, or name a company the bank does not have.
  const round = (scenario: Bank['scenarios'][number]) =>
    fc.record({
      scenarioId: fc.oneof(
        { weight: 12, arbitrary: fc.constant(scenario.id) },
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.constantFrom(...scenarioIds) },
        foreignId,
      ),
      cardIds: fc.oneof(
        {
          weight: 19,
          arbitrary: fc.shuffledSubarray(
            scenario.cards.map((card) => card.id),
            { minLength: 1 },
          ),
        },
        fc.constant<string[]>([]),
      ),
    });
  const rounds = fc
    .shuffledSubarray(bank.scenarios, { minLength: 1, maxLength: 5 })
    .chain((scenarios) => fc.tuple(...scenarios.map(round)));
  return rounds.chain((rounds) => {
    const dealt = rounds.flatMap((r) => r.cardIds);
    const position = fc
      .oneof(
        { weight: 20, arbitrary: fc.integer({ min: 0, max: rounds.length - 1 }) },
        fc.integer({ min: 0, max: LIMITS.rounds }),
      )
      .chain((roundIndex) =>
        fc.record({
          roundIndex: fc.constant(roundIndex),
          cardIndex: fc.oneof(
            {
              weight: 20,
              arbitrary: fc.integer({ min: 0, max: Math.max(0, (rounds[roundIndex]?.cardIds.length ?? 1) - 1) }),
            },
            fc.integer({ min: 0, max: LIMITS.cardsPerRound }),
          ),
        }),
      );
    /** Answers to some of the given cards, now and then with some for cards the bank lacks. */
    const answersTo = (ids: string[]) =>
      fc
        .subarray(ids)
        .chain((answered) =>
          fc
            .tuple(...answered.map((id) => answerTo(byId.get(id)!)))
            .map((answers) => Object.fromEntries(answers.map((answer, i) => [answered[i]!, answer] as const))),
        )
        .chain((answers) =>
          fc.oneof(
            { weight: 9, arbitrary: fc.constant(answers) },
            fc
              .dictionary(foreignId, fc.record({ role: fc.constantFrom(...ROLES) }), { maxKeys: 3 })
              .map((foreign) => ({ ...foreign, ...answers })),
          ),
        );
    return fc
      .record({
        state: fc.constantFrom(...restingStates(createPlayMachine(indexBank(bank)))),
        position,
        asks: fc.boolean(),
      })
      .chain(({ state, position, asks }) => {
        // Mostly every task up to where the game stands answered, as play leaves them; now and then any.
        const reached =
          rounds.slice(0, position.roundIndex).reduce((sum, r) => sum + r.cardIds.length, 0) + position.cardIndex;
        const current = byId.get(dealt[reached] ?? '');
        const asPlayed = fc
          .record({
            before: fc.tuple(...dealt.slice(0, reached).map((id) => playedAnswer(byId.get(id)!, asks))),
            current: current ? currentAnswer(state, current, asks) : fc.constant(undefined),
          })
          .map(({ before, current: answer }) => ({
            ...Object.fromEntries(before.map((answer, i) => [dealt[i]!, answer] as const)),
            ...(answer && current ? { [current.id]: answer } : {}),
          }));
        return fc.record({
          state: fc.constant(state),
          context: fc.record({
            seed: fc.integer({ min: 0, max: 0xffffffff }),
            mode: fc.constantFrom(...MODES),
            scenarioIds: fc.array(knownOrNot(scenarioIds), { maxLength: 14 }),
            rounds: fc.constant(rounds),
            roundIndex: fc.constant(position.roundIndex),
            cardIndex: fc.constant(position.cardIndex),
            answers: fc.oneof({ weight: 4, arbitrary: asPlayed }, answersTo(dealt)),
            confidence: fc.oneof({ weight: 9, arbitrary: fc.constant(asks) }, fc.boolean()),
            // A role picked waits for how sure only while confiding, but any may turn up.
            picked: fc.oneof(
              { weight: 9, arbitrary: state === 'answering.confiding' ? fc.constantFrom(...ROLES) : fc.constant(null) },
              fc.constantFrom(null, ...ROLES),
            ),
          }),
        });
      });
  });
}

/** Progress the schema accepts: bounded lists with unique ids, and sometimes a saved game. */
export function progress(bank: Bank): fc.Arbitrary<Progress> {
  return fc.record({
    game: fc.option(savedGame(bank), { freq: 2 }),
    history: fc.oneof(
      fc.uniqueArray(historyEntry(bank), { selector: (entry) => entry.id, maxLength: 12 }),
      fc.uniqueArray(historyEntry(bank), { selector: (entry) => entry.id, maxLength: HISTORY_LIMIT }),
    ),
    review: fc.oneof(
      fc.uniqueArray(reviewEntry(bank), { selector: (entry) => entry.cardId, maxLength: 30 }),
      fc.uniqueArray(reviewEntry(bank), { selector: (entry) => entry.cardId, maxLength: 400 }),
    ),
  });
}

/** A whole progress file as the app stores and exports it. */
export function progressFile(bank: Bank): fc.Arbitrary<Envelope> {
  return fc.tuple(progress(bank), timestamp).map(([data, savedAt]) => wrapProgress(data, savedAt));
}
