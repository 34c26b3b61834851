/**
 * Every limit that more than one part of Role Call has to agree on, in one place: the screens
 * that take input, the schemas that check it (the bank's, a pack's, the room's messages, what a
 * device stores, what a link carries) and the room server all read them from here.
 */

/** The longest name of a player or a team, as typed and as shown everywhere. */
export const MAX_NAME = 30;

/** Phones in one workshop room. */
export const MAX_PLAYERS = 500;
/** Named teams in a workshop. */
export const MIN_TEAMS = 2;
export const MAX_TEAMS = 12;
/** Hands a room can count for one role. */
export const MAX_HANDS = 9999;

/** Options of a shared task's split of the work. */
export const MIN_SPLIT_OPTIONS = 3;
export const MAX_SPLIT_OPTIONS = 4;

/** Companies in one trainer pack, packs on one device, sources of a pack's own, tasks of a pack's company. */
export const MAX_PACK_COMPANIES = 20;
export const MAX_PACKS = 20;
export const MAX_PACK_SOURCES = 50;
export const MAX_PACK_CARDS = 60;
/** Trainer packs one room with phones takes, and their weight together, as JSON. */
export const MAX_ROOM_PACKS = 5;
export const MAX_ROOM_PACK_BYTES = 256 * 1024;

/** Players (teams, or a room's best phones) a result link carries. */
export const MAX_LINK_PLAYERS = 12;
