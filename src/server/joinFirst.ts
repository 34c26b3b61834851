/**
 * What the room server puts first on its front page: a field for the room code. A phone that
 * types the address the projector shows lands on the join screen; one that types the bare
 * address lands here, and is one code away from it. The form needs no script (a GET to the
 * app with `?join=CODE`), so it shows in the page's first paint, with nothing moving after it.
 * A static host, which runs no room server, never shows it.
 */
export const JOIN_FIRST = [
  '<form id="join-first" class="join-first" action="./" method="get">',
  '<label for="join-code">In a workshop? Type the room code from the big screen</label>',
  '<span><input id="join-code" name="join" required maxlength="12" autocomplete="off" autocapitalize="characters"',
  ' spellcheck="false"><button type="submit" class="primary">Join</button></span>',
  '</form>',
].join('');

/** The app's page with the code field first in its body. */
export function withJoinFirst(html: string): string {
  return html.replace(/<body([^>]*)>/, (body) => `${body}${JOIN_FIRST}`);
}
