import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Right to left ready: styles place things by the flow of the text (margin-inline-start,
 * text-align: start), so a right-to-left language is a message file, not a redesign. A rule
 * that is truly physical (a confetti burst, a box centred with left: 50%) says so in a
 * comment on its line: `/* physical: why *\/`.
 */
const PHYSICAL =
  /(?:^|[;{\s])(?:(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right|float|clear)\s*:|text-align\s*:\s*(?:left|right)|(?:float|clear)\s*:\s*(?:left|right)/;

/** The lines of CSS in a stylesheet or in a component's <style> block, numbered as in the file. */
function cssLines(file: string): Array<{ line: number; text: string }> {
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n');
  if (file.endsWith('.css')) return lines.map((text, index) => ({ line: index + 1, text }));
  const start = lines.findIndex((text) => /^<style\b/.test(text));
  const end = lines.findIndex((text, index) => index > start && /^<\/style>/.test(text));
  return start < 0 ? [] : lines.slice(start + 1, end).map((text, index) => ({ line: start + index + 2, text }));
}

function physicalRules(file: string): string[] {
  return cssLines(file)
    .filter(({ text }) => PHYSICAL.test(text) && !/\/\*\s*physical:/.test(text))
    .map(({ line, text }) => `${file}:${line}: ${text.trim()}`);
}

describe('the styles', () => {
  it('place things by the flow of the text, not left and right', () => {
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(css|svelte)$/.test(name))
      .map((name) => join('src', name));
    expect(files.flatMap(physicalRules)).toEqual([]);
  });

  it('would catch a rule by left or right, and pass one by the flow or marked physical', () => {
    for (const rule of ['  margin-left: 1rem;', '  text-align: right;', '  right: 0;', '  border-right: 1px solid;'])
      expect(PHYSICAL.test(rule), rule).toBe(true);
    for (const rule of [
      '  margin-inline-start: 1rem;',
      '  text-align: end;',
      '  inset-inline-end: 0;',
      '  left: number;',
    ])
      expect(PHYSICAL.test(rule) && !/\/\*\s*physical:/.test(rule), rule).toBe(rule === '  left: number;');
  });
});
