// Duplicate detection over files of millions of rows (decision 047): the first row of each key, held
// as a 64-bit hash and a row number in typed arrays (≈ 24 bytes a key at the table's fill), not as
// a Map of strings (≈ 100 bytes a key, and the string itself). Two keys with the same 64-bit hash are
// taken for one: the odds for a file of 1M keys are n²/2⁶⁵ ≈ 3 in 100 million.

/** Murmur3's 32-bit finalizer: spreads every input bit over the output. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Two independent 32-bit FNV-1a lanes (different multipliers and offsets) of the key's UTF-16 units. */
function hash64(key: string): [number, number] {
  let high = 0x811c9dc5;
  let low = 0x2f3a9b51;
  for (let index = 0; index < key.length; index++) {
    const unit = key.charCodeAt(index);
    high = Math.imul(high ^ unit, 0x01000193);
    low = Math.imul(low ^ unit, 0x5bd1e995);
  }
  return [mix(high ^ key.length), mix(low + key.length)];
}

export class FirstRows {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  /** 0: empty slot (row numbers start at 1). */
  private rows = new Uint32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row `key` was first seen in, or undefined (then `row` is recorded as its first). */
  firstOrAdd(key: string, row: number): number | undefined {
    if (row < 1) throw new RangeError("row numbers start at 1");
    const [high, low] = hash64(key);
    const slot = this.find(high, low);
    if (this.rows[slot] !== 0) return this.rows[slot];
    this.high[slot] = high;
    this.low[slot] = low;
    this.rows[slot] = row;
    // Kept at most half full, so probes stay short.
    if (++this.count * 2 > this.rows.length) this.grow();
    return undefined;
  }

  /** The slot holding this hash, or the empty slot where it would go (linear probing). */
  private find(high: number, low: number): number {
    const mask = this.rows.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask)
      if (this.rows[slot] === 0 || (this.high[slot] === high && this.low[slot] === low))
        return slot;
  }

  private grow(): void {
    const { high, low, rows } = this;
    this.high = new Uint32Array(rows.length * 2);
    this.low = new Uint32Array(rows.length * 2);
    this.rows = new Uint32Array(rows.length * 2);
    for (let slot = 0; slot < rows.length; slot++) {
      if (rows[slot] === 0) continue;
      const to = this.find(high[slot], low[slot]);
      this.high[to] = high[slot];
      this.low[to] = low[slot];
      this.rows[to] = rows[slot];
    }
  }
}
