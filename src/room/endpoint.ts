/**
 * Where the room server is. A build for a separate room server names it in VITE_ROOM_SERVER
 * (its origin, which the Content-Security-Policy then allows); `npm start` serves the app and
 * the rooms from one origin; `npm run dev` runs the room server beside Vite on port 2567.
 */
export const DEV_ROOM_PORT = 2567;

export function roomEndpoint(): string {
  const configured = import.meta.env.VITE_ROOM_SERVER as string | undefined;
  if (configured) return configured.replace(/\/$/, '');
  if (import.meta.env.DEV) return `${location.protocol}//${location.hostname}:${DEV_ROOM_PORT}`;
  return location.origin;
}

/** Whether a room server answers at the endpoint; never throws. */
export async function roomServerUp(endpoint: string, timeoutMs = 4000): Promise<{ up: boolean; lan: string[] }> {
  try {
    const response = await fetch(`${endpoint}/rooms/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as { ok?: unknown; lan?: unknown };
    const lan = Array.isArray(body.lan) ? body.lan.filter((ip): ip is string => typeof ip === 'string') : [];
    return { up: response.ok && body.ok === true, lan };
  } catch {
    return { up: false, lan: [] };
  }
}

/**
 * Where a phone joins a room: the address a person types (short, without the scheme) and the
 * link in the QR code (with the code in it). A laptop that opened the app as localhost is named
 * by its address on the local network instead, which phones reach. The room server (and the dev
 * server) answer the short path `/join`; an app on a static host is joined at `?join`.
 */
export function joinLinks(
  code: string,
  page: URL,
  lan: readonly string[],
  servedWithRooms: boolean,
): { typed: string; link: string } {
  const url = new URL(page.pathname, page.origin);
  if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) && lan[0]) url.hostname = lan[0];
  const typed = servedWithRooms ? `${url.host}/join` : `${url.host}${url.pathname}?join`;
  url.searchParams.set('join', code);
  return { typed, link: url.href };
}

/** Whether this page comes from the room server itself (`npm start`) or the dev server beside it. */
export function servedWithRooms(endpoint: string, page: URL): boolean {
  return import.meta.env.DEV || new URL(endpoint).origin === page.origin;
}
