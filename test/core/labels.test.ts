import { describe, expect, it } from 'vitest';
import {
  confidenceInSentence,
  confidenceName,
  difficultyName,
  roleInSentence,
  roleName,
  roleShort,
  stageLine,
  stageName,
  topicName,
} from '../../src/core/labels';
import { playModeName } from '../../src/core/history';
import { ROLES } from '../../src/core/words';

// Tests run in the English build; each language's words are in src/i18n/messages/core.
describe("the game's words", () => {
  it('name the roles as the screens always have in English, with a form for inside a sentence', () => {
    expect(ROLES.map((role) => roleName(role))).toEqual(['Product management', 'Product marketing', 'Both']);
    expect(roleShort('pmm')).toBe('PMM');
    expect(roleInSentence('pmm')).toBe('product marketing');
    expect([topicName('sales-enablement'), difficultyName('core'), confidenceName('medium')]).toEqual([
      'Sales enablement',
      'Core',
      'Fairly sure',
    ]);
    expect([confidenceInSentence('high'), stageName('pre-launch'), stageLine('pre-launch')]).toEqual([
      'certain',
      'Pre-launch',
      'pre-launch stage',
    ]);
    expect(playModeName('replay')).toBe('Replay of missed tasks');
  });
});
