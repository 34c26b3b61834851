import type { Role } from './words.ts';

/**
 * The languages a question bank or a trainer pack may be written in: those of the interface.
 * The built-in bank is in English (`questions/`) and German (`questions/de/`).
 */
export const BANK_LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type BankLanguage = (typeof BANK_LANGUAGES)[number];

/**
 * The words of one language that the content rules read (src/core/formCues.ts, stats.ts): how
 * split options name each role, which words are absolute, the keyword baseline, the source
 * vocabulary no task may use, and the role words that would give a task's key away.
 */
export interface LanguageCues {
  pmName: RegExp;
  pmmName: RegExp;
  absolute: RegExp;
  /** Words a learner might read as a sign of one answer (see `KEYWORDS` in formCues.ts). */
  keywords: Record<Role, readonly string[]>;
  /** Whether a task's word (lowercased) is a keyword: inflections and compounds differ by language. */
  isKeyword: (word: string, keyword: string) => boolean;
  bannedTaskWords: RegExp;
  giveaways: RegExp;
}

/** A word boundary that knows letters beyond ASCII (ä, ß, é): `\b` does not. */
const word = (alternatives: string, flags = 'iu') =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, flags);

/** English: singular where a plural ends in s (ads, emails, crashes). */
const englishKeyword = (token: string, keyword: string) =>
  token === keyword || token.replace(/(?:es|s)$/, '') === keyword || token.replace(/s$/, '') === keyword;

/**
 * German: a keyword is a stem; inflected forms and compounds carry it (Kampagnen,
 * Werbekampagne, Entwicklerteam). Short stems match whole words or their start only.
 */
const germanKeyword = (token: string, keyword: string) =>
  keyword.length >= 5 ? token.includes(keyword) : token === keyword || token.startsWith(keyword);

const EN_KEYWORDS: Record<Role, readonly string[]> = {
  pm: [
    'build',
    'built',
    'building',
    'feature',
    'engineer',
    'engineering',
    'developer',
    'code',
    'bug',
    'crash',
    'fix',
    'spec',
    'specify',
    'design',
    'designer',
    'prototype',
    'release',
    'version',
    'roadmap',
    'prioritise',
    'priority',
    'priorities',
    'rank',
    'usage',
    'screen',
    'requirement',
    'sprint',
    'backlog',
    'beta',
    'technical',
    'timeline',
    'data',
    'app',
    'test',
  ],
  pmm: [
    'ad',
    'advert',
    'advertising',
    'campaign',
    'email',
    'launch',
    'price',
    'pricing',
    'discount',
    'offer',
    'brand',
    'message',
    'headline',
    'slogan',
    'tagline',
    'press',
    'webinar',
    'event',
    'sales',
    'sell',
    'deck',
    'channel',
    'competitor',
    'rival',
    'promote',
    'promotion',
    'social',
    'influencer',
    'affiliate',
    'referral',
    'market',
    'audience',
    'brochure',
    'buyer',
    'customer',
    'position',
    'name',
  ],
  both: ['both', 'together', 'joint', 'shared', 'share', 'agree', 'align', 'meeting', 'everyone'],
};

/** The English list word for word in German, written as stems before the German bank was checked against it. */
const DE_KEYWORDS: Record<Role, readonly string[]> = {
  pm: [
    'bauen',
    'baut',
    'gebaut',
    'feature',
    'ingenieur',
    'engineering',
    'entwickler',
    'code',
    'bug',
    'absturz',
    'abstürz',
    'crash',
    'fix',
    'beheben',
    'spezifi',
    'design',
    'prototyp',
    'release',
    'version',
    'roadmap',
    'priorisier',
    'priorität',
    'rangfolge',
    'nutzung',
    'bildschirm',
    'screen',
    'anforderung',
    'sprint',
    'backlog',
    'beta',
    'technisch',
    'zeitplan',
    'daten',
    'app',
    'test',
  ],
  pmm: [
    'anzeige',
    'werbung',
    'werbe',
    'kampagne',
    'mail',
    'launch',
    'preis',
    'pricing',
    'rabatt',
    'angebot',
    'marke',
    'botschaft',
    'headline',
    'slogan',
    'tagline',
    'presse',
    'webinar',
    'event',
    'vertrieb',
    'sales',
    'verkauf',
    'deck',
    'kanal',
    'konkurrenz',
    'wettbewerb',
    'bewerben',
    'promotion',
    'social',
    'influencer',
    'affiliate',
    'empfehlung',
    'markt',
    'zielgruppe',
    'broschüre',
    'käufer',
    'kunde',
    'kundschaft',
    'positionier',
    'name',
  ],
  both: ['beide', 'gemeinsam', 'zusammen', 'geteilt', 'teilen', 'einig', 'abstimm', 'ausricht', 'meeting', 'alle'],
};

export const LANGUAGE_CUES: Partial<Record<BankLanguage, LanguageCues>> = {
  en: {
    pmName: /\bproduct manag(?:er|ers|ement)\b|\bDana\b/i,
    pmmName: /\bproduct market(?:er|ers|ing)\b|\bmarketers?\b|\bnew hire\b/i,
    absolute: /\b(only|alone|whole|all|every|everything|everyone|never|always|sole|solely|just)\b/i,
    keywords: EN_KEYWORDS,
    isKeyword: englishKeyword,
    bannedTaskWords:
      /\b(requirements?|user stor(?:y|ies)|messaging frameworks?|positioning statements?|go[- ]to[- ]market|GTM|product[- ]market fit|personas?|sales[- ]enablement|MRDs?|PRDs?|roadmaps?)\b/gi,
    giveaways: /product (manager|marketer|management|marketing)|\bPMM?s?\b/i,
  },
  de: {
    pmName: word('produktmanag(?:ement|er|erin|erinnen)|dana'),
    pmmName: word(
      'produktmarketing|produktmarketer(?:in|innen)?|marketing(?!-)|marketer(?:in|innen)?|neu eingestellte(?:n)? person',
    ),
    absolute: word(
      'nur|allein|alleine|ganz|ganze|ganzen|ganzes|alle|alles|jede|jeder|jedes|jeden|nie|niemals|immer|einzig|ausschließlich|bloß',
    ),
    keywords: DE_KEYWORDS,
    isKeyword: germanKeyword,
    bannedTaskWords: word(
      'anforderung(?:en)?|user[- ]stor(?:y|ies)|messaging[- ]frameworks?|positionierungs(?:aussage|statement)s?|go[- ]to[- ]market|gtm|product[- ]market[- ]fit|personas?|sales[- ]enablement|mrds?|prds?|roadmaps?',
      'giu',
    ),
    giveaways: word('produktmanag\\p{L}*|produktmarket\\p{L}*|pmm?s?|marketing-team|vermarkter\\p{L}*'),
  },
};

/** The content rules' words for a bank in `language`; a language without its own list is read with English's. */
export const cuesFor = (language: BankLanguage = 'en'): LanguageCues => LANGUAGE_CUES[language] ?? LANGUAGE_CUES.en!;
