import { resolve } from 'node:path';
import { indexBank } from '../../src/core/bank';
import type { WorkshopSettings } from '../../src/core/workshop';
import { loadBank } from '../../src/core/loadBank';

/** A small, validated bank with known keys: alpha (pm, pmm, both) and beta (pm, both). */
export const FIXTURE_DIR = resolve('test/support/fixtures/questions');

export function fixtureBank() {
  return indexBank(loadBank(FIXTURE_DIR));
}

/** A store that keeps values in memory, as localforage would keep them on disk. */
export function memoryStore(values = new Map<string, unknown>()) {
  return {
    values,
    getItem: async (key: string) => structuredClone(values.get(key) ?? null),
    setItem: async (key: string, value: unknown) => void values.set(key, structuredClone(value)),
    removeItem: async (key: string) => void values.delete(key),
  };
}

/** Workshop settings for the fixture bank: three teams over both companies, 60 s a task. */
export function workshopSettings(change: Partial<WorkshopSettings> = {}): WorkshopSettings {
  return {
    teams: ['Owls', 'Foxes', 'Hares'],
    room: false,
    scenarioIds: ['alpha', 'beta'],
    secondsPerCard: 60,
    speedBonus: false,
    scoreboard: 'between',
    phones: 'off',
    voteTwice: false,
    talkSeconds: 60,
    ...change,
  };
}
