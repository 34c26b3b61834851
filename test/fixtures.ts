import { resolve } from 'node:path';
import { loadBank } from '../src/tools/loadBank';

/** A small, validated bank with known keys: alpha (pm, pmm, both) and beta (pm, both). */
export const FIXTURE_DIR = resolve('test/fixtures/questions');

export function fixtureBank() {
  return loadBank(FIXTURE_DIR);
}
