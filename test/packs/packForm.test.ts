import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lineCount, TEMPLATE, textWindow, WINDOW_LINES, yamlWith } from '../../src/packs/drafts';
import { checkForm, plainProblem, problemsByField, shownProblems } from '../../src/packs/formCheck';
import { dataFromForm, formFor, newCompany, newTask, sameData } from '../../src/packs/packForm';

const template = readFileSync('public/packs/template.yaml', 'utf8');
const templateForm = () => formFor(parse(template))!;

describe('the pack form and pack data', () => {
  it('reads the template into the form and back to the same data', () => {
    const form = templateForm();
    expect(form.companies[0]!.tasks.map((task) => task.key)).toEqual(['pm', 'pmm', 'both']);
    expect(form.companies[0]!.tasks[2]!.correct).toBe(0);
    expect(sameData(dataFromForm(form), parse(template))).toBe(true);
    expect(checkForm(form).ok).toBe(true);
  });

  it('keeps fields it does not show, and keeps each role’s fields while the role changes', () => {
    const data = parse(template);
    data.companies[0].cards[0].storyFact = 'launch date in six weeks';
    const form = formFor(data)!;
    const task = form.companies[0]!.tasks[0]!;
    expect(task.more).toEqual({ storyFact: 'launch date in six weeks' });
    task.key = 'both';
    expect(dataFromForm(form).companies).not.toHaveProperty('0.cards.0.otherRole');
    task.key = 'pm';
    expect(sameData(dataFromForm(form), data)).toBe(true);
  });

  it('leaves in YAML what the form cannot show', () => {
    expect(formFor('text')).toBeNull();
    expect(formFor({ ...parse(template), companies: { a: 1 } })).toBeNull();
    const twoRight = parse(template);
    twoRight.companies[0].cards[2].overlap.options[1].correct = true;
    expect(formFor(twoRight)).toBeNull();
  });

  it('gives new companies and tasks ids no other has', () => {
    const form = templateForm();
    form.companies.push(newCompany(form));
    form.companies[1]!.tasks.push(newTask(form));
    expect(form.companies.map((company) => company.id)).toEqual(['first-company', 'company-1']);
    expect(form.companies[1]!.tasks.map((task) => task.id)).toEqual(['task-1', 'task-2']);
  });

  it('writes the form’s changes into the YAML and keeps its comments', () => {
    const form = templateForm();
    form.title = 'Launch week';
    form.companies[0]!.tasks.pop();
    const text = yamlWith(TEMPLATE, dataFromForm(form));
    expect(text).toContain('title: Launch week');
    expect(text).toContain('# lowercase letters, digits and hyphens');
    expect(text).not.toContain('first-launch-plan');
    expect(sameData(parse(text), dataFromForm(form))).toBe(true);
    expect(yamlWith(TEMPLATE, parse(TEMPLATE))).toBe(TEMPLATE);
    expect(TEMPLATE).not.toContain('yaml-language-server');
  });
});

describe('problems in plain words', () => {
  const form = templateForm();

  // What the game's check found (`Fault`: its words, the value given, its kind), and the form's words for it.
  it.each([
    [
      ['companies', 0, 'cards', 1, 'key'],
      { message: 'key must be one of: pm, pmm, both', got: '"x"' },
      'Task 2: choose who does it',
    ],
    [['companies', 0, 'cards', 0, 'task'], { message: 'is missing', kind: 'absent' }, 'Task 1: write the task'],
    [['companies', 0, 'stage'], { message: 'is missing', kind: 'absent' }, 'The company: choose its stage'],
    [
      ['companies', 0, 'cards', 2, 'overlap', 'options'],
      { message: 'exactly one overlap option must have "correct: true"', got: '[]', kind: 'one-right' },
      'Task 3: mark the right split',
    ],
    [
      ['companies', 0, 'cards', 2, 'overlap', 'options', 1, 'why'],
      { message: 'is missing', kind: 'absent' },
      'Task 3, split 2: say why',
    ],
    [
      ['companies', 0, 'cards', 0, 'takeaway'],
      { message: 'the takeaway is longer than 300 characters', got: '"…"', kind: 'too-long', max: 300 },
      'Task 1: the takeaway is too long: keep it under 300 characters',
    ],
    [
      ['companies', 0, 'cards', 1, 'sources'],
      { message: 'unknown source "P9" (known: S1, P1)', kind: 'unknown-source' },
      'Task 2: a source it cites is not in the list: choose it again',
    ],
    [['pack', 'title'], { message: 'is missing', kind: 'absent' }, 'Pack: give the pack a title'],
    [
      ['pack', 'colour'],
      { message: 'is not a known field (check its spelling)', kind: 'unknown-field' },
      'Pack: "colour" is not a field the game knows: remove it under Advanced (YAML)',
    ],
  ] as const)('at %j, %j reads "%s"', (path, fault, text) => {
    expect(plainProblem(path, fault, form).text).toBe(text);
  });

  it('names the company when the pack has more than one, and places each problem at its field', () => {
    const two = templateForm();
    two.companies.push(newCompany(two));
    const checked = checkForm(two);
    expect(checked.ok).toBe(false);
    const byField = problemsByField(checked.ok ? [] : checked.error);
    expect(byField.get('companies.1.title')).toEqual(['Company 2: give it a title']);
    expect(byField.get('companies.1.cards.0.key')).toEqual(['Company 2, task 1: choose who does it']);
    // Beside a field once the trainer has left it, or tried to use the pack; a whole item's always.
    byField.set('companies.1', ['Company 2: its id is used twice: change it under Advanced (YAML)']);
    const shown = shownProblems(byField, new Set(['companies.1.title']), false);
    expect([...shown.keys()]).toEqual(['companies.1.title', 'companies.1']);
    expect(shownProblems(byField, new Set(), true).size).toBe(byField.size);
  });
});

describe('the window of a long text the YAML editor holds', () => {
  it('holds all of a short text, and whole lines of a long one that put it back together', () => {
    expect(textWindow(TEMPLATE, lineCount(TEMPLATE), 10)).toEqual({
      first: 0,
      lines: lineCount(TEMPLATE),
      from: 0,
      to: TEMPLATE.length,
    });
    const long = Array.from({ length: 131_000 }, (_, i) => `line ${i + 1}`).join('\n');
    const held = textWindow(long, lineCount(long), 1000);
    const text = long.slice(held.from, held.to);
    expect(text.split('\n')).toHaveLength(WINDOW_LINES);
    expect(text.startsWith('line 1001\n') && text.endsWith(`line ${1000 + WINDOW_LINES}`)).toBe(true);
    const end = textWindow(long, 131_000, 200_000);
    expect(long.slice(end.from, end.to).endsWith('line 131000')).toBe(true);
    expect(end.first + end.lines).toBe(131_000);
  });
});
