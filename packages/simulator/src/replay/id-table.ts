/** Characters: one byte each while every id is Latin-1 (most are ASCII), two from the first that is not. */
type Chars = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;

// Beyond this many occupied slots in a row, an id goes to a Map: ids made to
// collide cost a bounded probe each, never a scan of the table.
const MAX_PROBES = 64;
const FIRST_ENTRIES = 1 << 14;
const FNV_OFFSET = -2128831035;
const FNV_PRIME = 16777619;

/**
 * A set of strings, each with a number (0 or more), kept in typed arrays: no
 * object per string, so the garbage collector never walks them. A Map of the
 * strings JSON.parse returns keeps each alive, and at a million ids costs more
 * time in the collector than the rest of a replay.
 *
 * Histories are usually written in order of their ids (a sequence, a time-
 * ordered id), and while every id added is greater than the one before, the
 * table is a sorted list: an id is compared with the last as it is copied,
 * and appended; binary search finds one that is not greater. The first id
 * that is not greater and not present turns the table into a hash table
 * (open addressing, at most half full) for good.
 *
 * Memory, a million ids of 12 ASCII characters: 12 MB of characters and 12 MB
 * of index (where each starts, its number), 28 MB allocated in all; in a hash
 * table, 4 MB of hashes and 16 to 32 MB of slots more, 48 MB in all.
 */
export class IdTable {
  private chars: Chars = new Uint8Array(FIRST_ENTRIES * 16);
  private wide = false;
  private used = 0;
  // starts[i] is where entry i begins in chars; starts[count] is `used`.
  private starts = new Int32Array(FIRST_ENTRIES + 1);
  private values = new Float64Array(FIRST_ENTRIES);
  private count = 0;
  private sorted = true;
  // The hash table, once the ids came out of order: per slot, entry + 1 (0 when empty) and the entry's hash.
  private hashes = new Int32Array(0);
  private slots = new Int32Array(0);
  private mask = 0;
  private overflow: Map<string, number> | undefined;
  // Set by `find` for the `add` that follows: the slot a new entry takes, -1 when the probe ran out.
  private free = -1;

  get size(): number {
    return this.count + (this.overflow?.size ?? 0);
  }

  /** The value of `id` when it is in the table; else adds it with `value` and returns -1. */
  claim(id: string, value: number): number {
    const length = id.length;
    const at = this.room(length);
    const chars = this.chars;
    // The hot path, once a record: while sorted, the copy compares with the last entry on the way.
    if (this.sorted && this.count > 0) {
      const start = this.starts[this.count - 1]!;
      const lastLength = at - start;
      const common = lastLength < length ? lastLength : length;
      let order = 0;
      let all = 0;
      let i = 0;
      for (; i < common; i++) {
        const code = id.charCodeAt(i);
        all |= code;
        chars[at + i] = code;
        if (order === 0) order = chars[start + i]! - code;
      }
      for (; i < length; i++) {
        const code = id.charCodeAt(i);
        all |= code;
        chars[at + i] = code;
      }
      if (all > 0xff && !this.wide) {
        this.widen();
        return this.claim(id, value);
      }
      if ((order === 0 ? lastLength - length : order) < 0) {
        this.append(at, length, value);
        return -1;
      }
    } else if (!this.sorted) {
      // A hash table: the copy hashes on the way.
      let hash = FNV_OFFSET;
      let all = 0;
      for (let i = 0; i < length; i++) {
        const code = id.charCodeAt(i);
        all |= code;
        chars[at + i] = code;
        hash = Math.imul(hash ^ code, FNV_PRIME);
      }
      if (all > 0xff && !this.wide) {
        this.widen();
        return this.claim(id, value);
      }
      return this.claimHashed(mix(hash), at, length, value, id);
    } else {
      this.stage(id, at);
    }
    return this.claimStaged(at, length, value, id);
  }

  /** The value of `id`, or -1 when it is not in the table. */
  get(id: string): number {
    const at = this.room(id.length);
    this.stage(id, at);
    if (this.sorted) {
      const entry = this.search(at, id.length);
      return entry < 0 ? -1 : this.values[entry]!;
    }
    return this.find(this.hash(at, id.length), at, id.length, id);
  }

  // Room for `length` characters where a new entry's go: they are written
  // there first, and stay only if the entry is added.
  private room(length: number): number {
    // Four times over: the characters are most of the table, and pages never written cost no memory.
    if (this.used + length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 4, this.used + length));
    return this.used;
  }

  // Writes the id's characters at `at`, in two bytes each from the first that needs it.
  private stage(id: string, at: number): void {
    const chars = this.chars;
    let all = 0;
    for (let i = 0; i < id.length; i++) {
      const code = id.charCodeAt(i);
      all |= code;
      chars[at + i] = code;
    }
    if (all > 0xff && !this.wide) {
      this.widen();
      this.stage(id, at);
    }
  }

  private widen(): void {
    const chars = new Uint16Array(this.chars.length);
    chars.set(this.chars);
    this.chars = chars;
    this.wide = true;
  }

  private claimStaged(at: number, length: number, value: number, id: string): number {
    if (this.sorted) {
      if (this.count === 0 || this.compare(this.count - 1, at, length) < 0) {
        this.append(at, length, value);
        return -1;
      }
      const entry = this.search(at, length);
      if (entry >= 0) return this.values[entry]!;
      this.unsort();
    }
    return this.claimHashed(this.hash(at, length), at, length, value, id);
  }

  private claimHashed(hash: number, at: number, length: number, value: number, id: string): number {
    const earlier = this.find(hash, at, length, id);
    if (earlier !== -1) return earlier;
    if (this.free === -1) {
      (this.overflow ??= new Map()).set(id, value);
      return -1;
    }
    const entry = this.append(at, length, value);
    this.hashes[entry] = hash;
    this.slots[this.free * 2] = entry + 1;
    this.slots[this.free * 2 + 1] = hash;
    if (this.count * 2 > this.mask) this.rehash(this.slots.length);
    return -1;
  }

  private append(at: number, length: number, value: number): number {
    const entry = this.count++;
    if (this.count === this.values.length) this.reserve(this.count + 1);
    this.used = at + length;
    this.starts[entry + 1] = this.used;
    this.values[entry] = value;
    return entry;
  }

  // Room in the index for `entries` entries and one more.
  private reserve(entries: number): void {
    if (entries < this.values.length) return;
    const size = Math.max(this.values.length * 2, entries + 1);
    this.starts = grown(this.starts, size + 1);
    this.values = grown(this.values, size);
    if (!this.sorted) this.hashes = grown(this.hashes, size);
  }

  // Entry `entry` against the characters at chars[at..at + length), as JavaScript compares strings: < 0, 0 or > 0.
  private compare(entry: number, at: number, length: number): number {
    const chars = this.chars;
    const start = this.starts[entry]!;
    const entryLength = this.starts[entry + 1]! - start;
    const common = Math.min(entryLength, length);
    for (let i = 0; i < common; i++) {
      const difference = chars[start + i]! - chars[at + i]!;
      if (difference !== 0) return difference;
    }
    return entryLength - length;
  }

  // The entry equal to the characters at `at`, or -1: entries are in order while `sorted`.
  private search(at: number, length: number): number {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.compare(middle, at, length);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  // From here on, a hash table over every entry so far.
  private unsort(): void {
    this.sorted = false;
    this.hashes = new Int32Array(this.values.length);
    for (let entry = 0; entry < this.count; entry++) this.hashes[entry] = this.hash(this.starts[entry]!, this.starts[entry + 1]! - this.starts[entry]!);
    let slots = 1 << 12;
    while (slots < this.count * 4) slots *= 2;
    this.rehash(slots);
  }

  private hash(at: number, length: number): number {
    return hashChars(this.chars, at, length);
  }

  // The value of the id at chars[at..at + length) in the hash table, or -1; sets `free`.
  private find(hash: number, at: number, length: number, id: string): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    this.free = -1;
    for (let probe = 0; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
      const occupant = slots[slot * 2]!;
      if (occupant === 0) {
        this.free = slot;
        break;
      }
      if (slots[slot * 2 + 1] === hash && this.compare(occupant - 1, at, length) === 0) return this.values[occupant - 1]!;
    }
    // An id that found no free slot went to the overflow; after a rehash its probe may end early.
    if (this.overflow === undefined) return -1;
    return this.overflow.get(id) ?? -1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size * 2);
    const mask = size - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const hash = this.hashes[entry]!;
      let slot = hash & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = entry + 1;
      slots[slot * 2 + 1] = hash;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/**
 * The hash of chars[at..at + length): FNV-1a, then murmur3's finaliser, since
 * FNV's low bits (the slot) vary little between ids that differ at the end.
 */
export function hashChars(chars: Chars, at: number, length: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < length; i++) hash = Math.imul(hash ^ chars[at + i]!, FNV_PRIME);
  return mix(hash);
}

function mix(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

function grown<T extends Chars | Int32Array | Float64Array>(array: T, atLeast: number): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(array.length * 2, atLeast));
  next.set(array);
  return next;
}
