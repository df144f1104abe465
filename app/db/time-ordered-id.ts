// Time-ordered ids (UUID version 7, RFC 9562: 48 bits of Unix milliseconds, then random bits) for
// rows the periodic jobs insert by the thousand (expire entries, tier changes). Random UUIDs put
// each insert on a random leaf of the primary-key index, so a page of 2,000 inserts dirties ~2,000
// pages of an index that no longer fits in cache; ids that grow with time land next to each other
// on a few pages (docs/decisions/019). They are still unique, opaque strings in UUID format.
import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time (one randomFillSync per 256 ids, as randomUUID caches its own).
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.slice(poolOffset, poolOffset + 16);
  poolOffset += 16;
  return bytes;
}

export function timeOrderedId(now = Date.now()): string {
  // Within one millisecond a 12-bit counter keeps the ids increasing (rand_a as a counter, RFC 9562 §6.2).
  if (now <= lastMs) {
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
  } else {
    lastMs = now;
    sequence = 0;
  }
  const bytes = randomBytes16();
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
