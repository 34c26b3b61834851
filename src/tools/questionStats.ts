import { BankError } from '../game/bankCheck';
import { balanceProblems, bankStats, contentProblems, contentStats, type ScenarioStats } from '../game/stats';
import { loadBank } from './loadBank';

const json = process.argv.includes('--json');
const dir = process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'questions';

function line(stats: Omit<ScenarioStats, 'id'>): string {
  const share = (key: string) =>
    `${key} ${stats.byKey[key] ?? 0} (${Math.round(((stats.byKey[key] ?? 0) / stats.cards) * 100)}%)`;
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  return [
    `  cards: ${stats.cards}; ${['pm', 'pmm', 'both'].map(share).join(', ')}`,
    `  sources: ${list(stats.bySource)}`,
    `  topics: ${list(stats.byTopic)}`,
    `  difficulty: ${list(stats.byDifficulty)}`,
  ].join('\n');
}

try {
  const bank = loadBank(dir);
  const stats = bankStats(bank);
  const content = contentStats(bank);
  const problems = { balance: balanceProblems(bank, stats), content: contentProblems(bank) };
  if (json) {
    const { scenarios, cards, byKey, bySource, byTopic, byDifficulty } = stats;
    console.log(
      JSON.stringify({ scenarios, cards, byKey, bySource, byTopic, byDifficulty, content, problems }, null, 2),
    );
  } else {
    for (const scenario of stats.scenarios) console.log(`${scenario.id}\n${line(scenario)}`);
    console.log(
      `\nWhole bank: ${stats.scenarios.length} scenarios, ${stats.disagreements} cards on disagreements\n${line(stats)}`,
    );
    const { explanationWords: words, shared, splitLengthRatio: ratio } = content;
    console.log(
      [
        `\nWriting: ${content.tasks} tasks in ${content.companies} companies`,
        `  explanation words: mean ${words.mean}, max ${words.max} ("${words.maxCard}")`,
        `  right split longest: ${shared.rightLongest} of ${shared.cards} shared cards (${Math.round(shared.rightLongestShare * 100)}%)`,
        `  split length ratio: max ${ratio.max} ("${ratio.card}"), ${ratio.over} cards over the limit`,
        `  tasks with a banned word: ${content.bannedWordTasks}`,
      ].join('\n'),
    );
    for (const [name, list] of Object.entries(problems))
      console.log(
        list.length ? `\n${name} rules not yet met:\n- ${list.join('\n- ')}` : `\nAll ${name} rules are met.`,
      );
  }
} catch (error) {
  console.error(error instanceof BankError ? error.message : error);
  process.exit(1);
}
