/**
 * Returns a seeded generator of numbers in [0, 1). It mixes a Weyl sequence (a counter stepped by
 * 0x9e3779b9) through MurmurHash3's 32-bit finaliser, so nearby seeds such as 0, 1 and 42 still give
 * unrelated sequences. Same seed, same sequence, on every platform.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    mixed = (mixed ^ (mixed >>> 16)) >>> 0;
    return mixed / 4294967296;
  };
}

/** Shuffles items in place with the Fisher-Yates algorithm and returns them. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
