/** True when a location hash is meant as a shared result (chat apps may percent-encode its `=`). */
export function isShareHash(hash: string): boolean {
  return /^#r(=|%3D)/i.test(hash);
}

/** True when a location hash carries a trainer pack (`#pack=…`, its `=` perhaps percent-encoded). */
export function isPackHash(hash: string): boolean {
  return /^#pack(=|%3D)/i.test(hash);
}

/**
 * Which view of the Packs page a location hash opens: its list (`#packs`), a pack that came
 * in a link (`#pack=…`), or none (any other hash belongs to another page).
 */
export function packsRoute(hash: string): 'list' | 'link' | null {
  if (isPackHash(hash)) return 'link';
  return /^#packs$/i.test(hash) ? 'list' : null;
}
