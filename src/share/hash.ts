/** True when a location hash is meant as a shared result (chat apps may percent-encode its `=`). */
export function isShareHash(hash: string): boolean {
  return /^#r(=|%3D)/i.test(hash);
}
