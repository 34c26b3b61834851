import * as v from 'valibot';
import { m } from '../i18n/paraglide/messages.js';
import { summarize, type BankPack } from './bank.ts';
import { crossCheck, describeIssues, problemAt, type FileData, type ScenarioEntry } from './bankCheck.ts';
import { firstProblems, MAX_PROBLEMS, quoted, type Problem } from './problems.ts';
import { deriveSeed } from './random.ts';
import { fail, ok, type Result } from './result.ts';
import { packItemId } from './packIds.ts';
import { roomPacksTooBig } from './roomPacks.ts';
import { packSchema, PACK_SOURCE } from './questionSchema.ts';
import type { Pack, Scenario, Source } from './schema.ts';

/**
 * A trainer pack: companies and tasks a trainer writes, in the bank's own format, loaded in the
 * browser without a rebuild. A pack is untrusted input, so its schema is strict (unknown keys
 * refused, every text and list capped) and it is checked against itself and the bank's sources
 * the way the build checks the bank.
 */

/** Checks parsed data as a pack: its schema, then ids, sources, compares and story facts. */
export function checkPack(file: FileData, bankSources: readonly Source[]): Result<Pack, Problem[]> {
  const result = v.safeParse(packSchema, file.data);
  // Only the problems shown are placed on their lines: finding a line walks the file.
  if (!result.success) return fail(firstProblems(describeIssues(file, result.issues.slice(0, MAX_PROBLEMS))));
  const pack = result.output;
  const problems: Problem[] = [];
  const own = pack.sources ?? [];
  own.forEach((source, index) => {
    if (own.findIndex((other) => other.id === source.id) < index)
      problems.push(
        problemAt(file, ['sources', index, 'id'], {
          message: m.packs_check_source_twice({ id: quoted(source.id) }),
          kind: 'twice',
        }),
      );
  });
  const entries: ScenarioEntry[] = pack.companies.map((scenario, index) => ({
    scenario,
    file,
    name: m.packs_check_company_name({ id: scenario.id }),
    path: ['companies', index],
  }));
  const known = new Set([...bankSources, ...own].map((source) => source.id));
  problems.push(...crossCheck(entries, known).map(({ problem }) => problem));
  return problems.length ? fail(firstProblems(problems)) : ok(pack);
}

/** A 32-bit fingerprint of a pack's content: a share link names the version it was played with. */
export function packFingerprint(pack: Pack): number {
  return deriveSeed(0, JSON.stringify(pack));
}

/** A pack's companies, with the game's ids, and the sources they cite (the bank's and its own). */
export function packPart(pack: Pack, bankSources: readonly Source[]): BankPack {
  const own = (id: string) => (PACK_SOURCE.test(id) ? packItemId(pack.pack.id, id) : id);
  const ownSources = (pack.sources ?? []).map((source) => ({ ...source, id: own(source.id) }));
  const sources = [...bankSources, ...ownSources];
  const scenarios: Scenario[] = pack.companies.map((scenario) => ({
    ...scenario,
    id: packItemId(pack.pack.id, scenario.id),
    cards: scenario.cards.map((card) => ({
      ...card,
      id: packItemId(pack.pack.id, card.id),
      sources: card.sources.map(own),
      ...(card.views && { views: card.views.map((view) => ({ ...view, sources: view.sources.map(own) })) }),
      ...(card.compare && { compare: packItemId(pack.pack.id, card.compare) }),
    })),
  }));
  return {
    id: pack.pack.id,
    title: pack.pack.title,
    version: pack.pack.version,
    fingerprint: packFingerprint(pack),
    data: pack,
    sources: ownSources,
    summaries: summarize(scenarios).map((summary) => ({
      ...summary,
      pack: pack.pack.title,
      language: pack.pack.language ?? 'en',
    })),
    companies: scenarios.map((scenario) => {
      const cited = new Set(
        scenario.cards.flatMap((card) => [...card.sources, ...(card.views ?? []).flatMap((view) => view.sources)]),
      );
      return { scenario, sources: sources.filter((source) => cited.has(source.id)), lookalikes: {} };
    }),
  };
}

/** The pack at a place in the list, as a refusal names it: by its title when it has one. */
function packName(data: unknown, index: number): string {
  const title = (data as { pack?: { title?: unknown } } | null)?.pack?.title;
  return typeof title === 'string'
    ? m.packs_room_pack_titled({ title: quoted(title) })
    : m.packs_room_pack_number({ n: index + 1 });
}

/**
 * The room server's check of the packs a host sent: each checked again as a pack against the
 * server's own bank sources, none twice. Gives them as the bank takes them, or the first reason
 * to refuse the room, in words the host can show.
 */
export function checkRoomPacks(packs: readonly unknown[], bankSources: readonly Source[]): Result<BankPack[], string> {
  const tooBig = roomPacksTooBig(packs);
  if (tooBig) return fail(tooBig);
  const parts: BankPack[] = [];
  for (const [index, data] of packs.entries()) {
    const checked = checkPack({ data }, bankSources);
    if (!checked.ok)
      return fail(m.packs_room_does_not_check({ pack: packName(data, index), problem: checked.error[0]!.message }));
    if (parts.some((part) => part.id === checked.value.pack.id))
      return fail(m.packs_room_sent_twice({ pack: packName(data, index) }));
    parts.push(packPart(checked.value, bankSources));
  }
  return ok(parts);
}
