import { BankError } from '../game/bank';
import { balanceProblems, bankStats, type ScenarioStats } from '../game/stats';
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
  if (json) {
    const { scenarios, cards, byKey, bySource, byTopic, byDifficulty } = stats;
    console.log(JSON.stringify({ scenarios, cards, byKey, bySource, byTopic, byDifficulty }, null, 2));
  } else {
    for (const scenario of stats.scenarios) console.log(`${scenario.id}\n${line(scenario)}`);
    console.log(
      `\nWhole bank: ${stats.scenarios.length} scenarios, ${stats.disagreements} cards on disagreements\n${line(stats)}`,
    );
    const problems = balanceProblems(bank, stats);
    console.log(
      problems.length ? `\nBalance rules not yet met:\n- ${problems.join('\n- ')}` : '\nAll balance rules are met.',
    );
  }
} catch (error) {
  console.error(error instanceof BankError ? error.message : error);
  process.exit(1);
}
