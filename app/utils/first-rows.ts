// Duplicate detection over files of millions of rows (decisions 047, 054): the first row of each key,
// held as a 64-bit hash and a row number in typed arrays (12 bytes a slot), not as a Map of strings
// (≈ 100 bytes a key, and the string itself). Two keys with the same 64-bit hash are taken for one:
// the odds for a file of 1M keys are n²/2⁶⁵ ≈ 3 in 100 million. The slots are in buckets of fixed
// size (extendible hashing): a full bucket splits in two, so memory grows a bucket at a time, with
// no moment holding a table and its doubled copy (a single table of 1M keys peaked at 36 MB so).

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

/** Slots per bucket: 48 KB of Uint32Array (high, low, row per slot). */
const BUCKET_SLOTS = 1 << 12;
/** A bucket splits when it holds more keys than this (80%): linear probes stay short. */
const BUCKET_MAX = Math.floor(BUCKET_SLOTS * 0.8);

class Bucket {
  /** Per slot: the hash's high and low halves and the first row; row 0 marks an empty slot. */
  readonly slots = new Uint32Array(BUCKET_SLOTS * 3);
  count = 0;

  /** `depth` leading bits of `high` are the same for every key here. */
  constructor(readonly depth: number) {}

  /** The slot (index of its first word) holding this hash, or the empty one where it would go. */
  find(high: number, low: number): number {
    const { slots } = this;
    for (let slot = low & (BUCKET_SLOTS - 1); ; slot = (slot + 1) & (BUCKET_SLOTS - 1)) {
      const at = slot * 3;
      if (slots[at + 2] === 0 || (slots[at] === high && slots[at + 1] === low)) return at;
    }
  }

  /** Writes a key at `at`, an empty slot `find` gave. */
  store(at: number, high: number, low: number, row: number): void {
    this.slots[at] = high;
    this.slots[at + 1] = low;
    this.slots[at + 2] = row;
    this.count++;
  }
}

export class FirstRows {
  /** 2^depth entries, indexed by the hash's leading bits; buckets of lower depth appear several times. */
  private directory: Bucket[] = [new Bucket(0)];
  private depth = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The row `key` was first seen in, or undefined (then `row` is recorded as its first). */
  firstOrAdd(key: string, row: number): number | undefined {
    if (row < 1) throw new RangeError("row numbers start at 1");
    const [high, low] = hash64(key);
    const bucket = this.directory[this.depth === 0 ? 0 : high >>> (32 - this.depth)];
    const at = bucket.find(high, low);
    if (bucket.slots[at + 2] !== 0) return bucket.slots[at + 2];
    bucket.store(at, high, low, row);
    this.count++;
    if (bucket.count > BUCKET_MAX) this.split(bucket);
    return undefined;
  }

  /** Splits `bucket` by the next bit of the hash, doubling the directory when it has no bit left. */
  private split(bucket: Bucket): void {
    if (bucket.depth === 32)
      throw new RangeError("too many keys share their hash's first 32 bits to split a bucket");
    if (bucket.depth === this.depth) {
      this.directory = this.directory.flatMap((entry) => [entry, entry]);
      this.depth++;
    }
    const halves = [new Bucket(bucket.depth + 1), new Bucket(bucket.depth + 1)];
    const bit = 31 - bucket.depth;
    const { slots } = bucket;
    for (let at = 0; at < slots.length; at += 3)
      if (slots[at + 2] !== 0) {
        const half = halves[(slots[at] >>> bit) & 1];
        half.store(half.find(slots[at], slots[at + 1]), slots[at], slots[at + 1], slots[at + 2]);
      }
    const shift = this.depth - bucket.depth - 1;
    for (let index = 0; index < this.directory.length; index++)
      if (this.directory[index] === bucket) this.directory[index] = halves[(index >>> shift) & 1];
  }
}
