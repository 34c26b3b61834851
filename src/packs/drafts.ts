import { type Pack } from '../core/schema';
import { stringify } from 'yaml';
import template from '../../public/packs/template.yaml?raw';
import type { Scenario } from '../core/schema';

/** The text a new pack starts from: public/packs/template.yaml, with its comments. */
export const TEMPLATE = template;

/** A pack as YAML to edit: stored packs keep their data, not the text they were written in. */
export function packText(pack: Pack, comment?: string): string {
  const head = comment ? `${comment.replace(/^/gm, '# ')}\n` : '';
  return head + stringify(pack, { lineWidth: 100 });
}

/**
 * A new pack holding a copy of one of the game's companies, to change freely. Its ids may stay:
 * a pack's ids never meet the game's. A look-alike it points to in another company is left out.
 */
export function companyCopyText(scenario: Scenario): string {
  const own = new Set(scenario.cards.map((card) => card.id));
  const pack: Pack = {
    pack: { id: 'my-pack', title: `My ${scenario.title}`.slice(0, 80), version: 1 },
    companies: [
      {
        ...scenario,
        cards: scenario.cards.map(({ compare, ...card }) => ({
          ...card,
          ...(compare && own.has(compare) && { compare }),
        })),
      },
    ],
  };
  return packText(pack, `A copy of "${scenario.title}" from the game, to change as you like.`);
}

/** The file name a pack downloads as. */
export const packFileName = (pack: Pack) => `${pack.pack.id}${pack.pack.version ? `-v${pack.pack.version}` : ''}.yaml`;
