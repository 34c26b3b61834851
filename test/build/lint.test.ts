import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

/**
 * The lint and format gates in `npm test` catch what they are there to catch. Planted code is
 * linted as if it stood at a path of the project: the layer rules go by a file's folder.
 */
describe('lint and format gates', () => {
  it('refuses markup rendered with {@html} in a component', async () => {
    const eslint = new ESLint();
    const [result] = await eslint.lintText(
      '<script lang="ts">\n  let { text }: { text: string } = $props();\n</script>\n\n<p>{@html text}</p>\n',
      {
        filePath: 'src/platform/ui/RoleIcon.svelte',
      },
    );
    expect(result?.messages.map((message) => message.ruleId)).toContain('svelte/no-at-html-tags');
  }, 30_000);

  it('refuses an unused variable in TypeScript', async () => {
    const [result] = await new ESLint().lintText('export const used = 1;\nconst unused = 2;\n', {
      filePath: 'src/core/planted.ts',
    });
    expect(result?.messages.map((message) => message.ruleId)).toContain('@typescript-eslint/no-unused-vars');
  });

  it('refuses an import that runs up the layers or across to another mode', async () => {
    const lint = async (code: string, filePath: string) =>
      (await new ESLint().lintText(code, { filePath }))[0]?.messages.map((message) => message.ruleId);
    expect(await lint("export { playView } from '../modes/solo/playView';\n", 'src/core/planted.ts')).toContain(
      'no-restricted-imports',
    );
    expect(
      await lint(
        "export { phoneView } from '../../../modes/phone/phoneView';\n",
        'src/modes/workshop/screens/planted.ts',
      ),
    ).toContain('no-restricted-imports');
    expect(await lint("export { store } from '../platform/store';\n", 'src/server/planted.ts')).toContain(
      'no-restricted-imports',
    );
    expect(await lint("export { ROLES } from '../../core/schema';\n", 'src/modes/phone/planted.ts')).not.toContain(
      'no-restricted-imports',
    );
  });

  it('refuses code that is not formatted', async () => {
    const options = await prettier.resolveConfig('src/core/planted.ts');
    expect(await prettier.check('export const x = {a:1}\n', { ...options, filepath: 'src/core/planted.ts' })).toBe(
      false,
    );
    expect(await prettier.check('export const x = { a: 1 };\n', { ...options, filepath: 'src/core/planted.ts' })).toBe(
      true,
    );
  });
});
