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

/**
 * Reading a trainer's file. A file is read off the main thread (src/packs/packReader.ts) and
 * refused, in plain words, as soon as it passes one of these, so no file can freeze the tab.
 * A pack of the most companies and tasks fits well inside every one of them.
 */
/** Characters of a pack's text (YAML or JSON) or of a spreadsheet saved as text. */
export const MAX_PACK_TEXT = 256 * 1024;
/** Lines of a pack's text: a 256 KB pack written out runs to some 8,000. */
export const MAX_PACK_LINES = 20_000;
/** Bytes of an Excel workbook, of one part of it unzipped, and of the parts it reads together. */
export const MAX_WORKBOOK_BYTES = 2 * 1024 * 1024;
export const MAX_WORKBOOK_PART = 8 * 1024 * 1024;
export const MAX_WORKBOOK_UNZIPPED = 16 * 1024 * 1024;
/** Columns, rows under the header, and filled cells of a sheet: the template has 37 columns and a task a row. */
export const MAX_SHEET_COLUMNS = 64;
export const MAX_SHEET_ROWS = MAX_PACK_COMPANIES * MAX_PACK_CARDS + MAX_PACK_SOURCES;
export const MAX_SHEET_CELLS = 50_000;
/** How long reading one file may take before it is stopped (its worker ended). */
export const MAX_READ_MS = 10_000;
