import { BankError } from '../core/bankCheck';
import { balanceProblems, bankStats, contentProblems, contentStats, type ScenarioStats } from '../core/stats';
import { loadBank } from '../core/loadBank';

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
    const { explanationWords: words, shared, splitLengthRatio: ratio, form, keywords, ideas, glance } = content;
    const percent = (share: number) => `${Math.round(share * 100)}%`;
    const taught = ['positioning', 'sales-enablement', 'competitors', 'market-performance'];
    console.log(
      [
        `\nWriting: ${content.tasks} tasks in ${content.companies} companies`,
        `  explanation words: mean ${words.mean}, max ${words.max} ("${words.maxCard}")`,
        `  right split longest: ${shared.rightLongest} of ${shared.cards} shared cards (${Math.round(shared.rightLongestShare * 100)}%)`,
        `  split length ratio: max ${ratio.max} ("${ratio.card}"), ${ratio.over} cards over the limit`,
        `  tasks with a banned word: ${content.bannedWordTasks}`,
        `\nAnswerable from the form?`,
        `  form rules on splits (right split picked): ${Object.entries(form.rules)
          .map(([rule, accuracy]) => `${rule} ${percent(accuracy)}`)
          .join(', ')}`,
        `  best form rule: "${form.best.rule}" ${percent(form.best.accuracy)}`,
        `  right options with a role-swapped twin: ${form.twinCards} of ${shared.cards}`,
        `  product manager named first: ${percent(form.pmFirst.right)} of right options, ${percent(form.pmFirst.wrong)} of wrong ones`,
        `  keyword baseline on tasks: most hits ${percent(keywords.mostHits)}, mixed means Both ${percent(keywords.mixedMeansBoth)}`,
        `\nIdeas: ${ideas.count} ideas, ${ideas.untagged} cards with none, most cards on one idea: ${ideas.most.cards} ("${ideas.most.idea}")`,
        `Taught: ${taught.map((topic) => `${topic} ${stats.byTopic[topic] ?? 0}`).join(', ')}`,
        `Feedback at a glance: takeaway words mean ${glance.takeawayWords.mean}, max ${glance.takeawayWords.max} ("${glance.takeawayWords.maxCard}"); right split and its line mean ${glance.splitWords.mean}, max ${glance.splitWords.max} ("${glance.splitWords.maxCard}")`,
        `  cards naming a source by its code: ${content.sourceCodeCards}`,
        `Ramp: mean difficulty by third of a full game ${content.difficultyByThird.join(', ')} (0 intro, 2 advanced); intro cards with a disagreement: ${content.introDisagreements}`,
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
