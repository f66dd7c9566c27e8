/**
 * One metrics record as a flat JSON object on one line: `{"step": 10, "epoch": 1, "time": 1767225600.5, "loss": 0.4}`.
 * Every numeric field except `step`, `epoch` and `time` is a metric; `epoch` is also kept as a series (an x axis).
 * Scanned straight from the bytes, without `JSON.parse`: keys are looked up by their bytes, numbers parsed in place.
 *
 * Numbers are exact (as `JSON.parse` reads them), wall times within one unit in the last place (see `scanWallTime`).
 * Accepted beyond strict JSON, because Python writes them: `NaN`, `Infinity`, `-Infinity` (json.dumps), and a Python
 * dict's repr (`{'loss': 0.4, 'lr': nan, 'done': True, 'x': None}`, as Hugging Face's Trainer prints). Strings,
 * booleans, null and nested values are skipped. A line that is not one object is corrupt.
 */
import { NameCache } from './name-cache';
import { NumberScanner } from './number-scan';
import type { Series } from './series-store';

const KIND_METRIC = 0;
const KIND_STEP = 1;
const KIND_EPOCH = 2;
const KIND_TIME = 3;

interface Key {
  readonly name: string;
  readonly kind: number;
  /** The key's bytes between its quotes, as written. */
  readonly raw: Buffer;
  series: Series | undefined;
}

/** The result of `parse`: a record with this many points (≥ 0), a blank line, or a corrupt one. */
export const BLANK = -2;
export const CORRUPT = -1;

export class JsonRecordParser {
  /** The last record's step; a record without one gets the next integer. */
  lastStep = -1;
  private readonly keys: NameCache<Key>;
  private readonly num = new NumberScanner();
  /** The previous record's keys by position: records repeat their keys, so one comparison usually finds the key. */
  private readonly shape: Array<Key | undefined> = [];
  private scratchKeys: Key[] = [];
  private scratchValues = new Float64Array(32);

  /**
   * @param seriesFor where a metric's points go
   * @param clock wall time in seconds for records without `time` (default: NaN, unknown)
   */
  constructor(
    private readonly seriesFor: (name: string) => Series,
    private readonly clock?: () => number,
  ) {
    this.keys = new NameCache<Key>((name, raw) => ({
      name,
      raw,
      series: undefined,
      kind: name === 'step' ? KIND_STEP : name === 'epoch' ? KIND_EPOCH : name === 'time' ? KIND_TIME : KIND_METRIC,
    }));
  }

  reset(): void {
    this.lastStep = -1;
  }

  /** Parses `b[start, end)`; returns the number of points added, `BLANK` or `CORRUPT`. Never throws. */
  parse(b: Buffer, start: number, end: number): number {
    let i = ws(b, start, end);
    if (i >= end) return BLANK;
    if (b[i] !== 123 /* { */) return CORRUPT;
    i = ws(b, i + 1, end);
    if (i >= end) return CORRUPT;
    let n = 0;
    let step = NaN;
    let time = NaN;
    let epoch = NaN;
    let epochKey: Key | undefined;
    if (b[i] === 125 /* } */) {
      i++;
    } else {
      const shape = this.shape;
      for (let field = 0; ; field++) {
        const q = i < end ? b[i] : 0;
        if (q !== 34 && q !== 39) return CORRUPT;
        const ks = i + 1;
        let key = shape[field];
        let ke = key ? ks + key.raw.length : -1;
        if (key === undefined || ke >= end || b[ke] !== q || !sameBytes(b, ks, key.raw)) {
          let j = ks;
          let escaped = false;
          while (j < end) {
            const c = b[j];
            if (c === q) break;
            if (c === 92 /* \ */) {
              escaped = true;
              j += 2;
            } else j++;
          }
          if (j >= end) return CORRUPT;
          ke = j;
          key = this.keys.get(b, ks, ke, escaped ? unescapeKey : undefined);
          shape[field] = key;
        }
        i = ke + 1;
        if (i >= end) return CORRUPT;
        if (b[i] !== 58 /* : */) {
          i = ws(b, i, end);
          if (i >= end || b[i] !== 58) return CORRUPT;
        }
        i = ws(b, i + 1, end);
        const c = i < end ? (b[i] as number) : 0;
        if (c === 34 || c === 39) {
          i = skipString(b, i, end);
        } else if (c === 123 || c === 91) {
          i = skipNested(b, i, end);
        } else {
          const v = key.kind === KIND_TIME ? this.num.scanWallTime(b, i, end) : this.num.scan(b, i, end);
          if (this.num.end < 0) {
            i = literal(b, i, end);
          } else {
            i = this.num.end;
            switch (key.kind) {
              case KIND_METRIC:
                if (n === this.scratchValues.length) this.growScratch();
                this.scratchKeys[n] = key;
                this.scratchValues[n++] = v;
                break;
              case KIND_STEP:
                step = v;
                break;
              case KIND_TIME:
                time = v;
                break;
              default:
                epoch = v;
                epochKey = key;
                break;
            }
          }
        }
        if (i < 0) return CORRUPT;
        i = ws(b, i, end);
        if (i >= end) return CORRUPT;
        const d = b[i];
        if (d === 44 /* , */) {
          i = ws(b, i + 1, end);
          continue;
        }
        if (d === 125 /* } */) {
          i++;
          break;
        }
        return CORRUPT;
      }
    }
    if (ws(b, i, end) !== end) return CORRUPT;
    const s = step - step === 0 ? step : this.lastStep + 1;
    this.lastStep = s;
    const t = time - time === 0 ? time : this.clock ? this.clock() : NaN;
    for (let k = 0; k < n; k++) {
      const key = this.scratchKeys[k] as Key;
      (key.series ??= this.seriesFor(key.name)).push(s, t, this.scratchValues[k] as number);
    }
    if (epochKey) {
      (epochKey.series ??= this.seriesFor(epochKey.name)).push(s, t, epoch);
      n++;
    }
    return n;
  }

  private growScratch(): void {
    const v = new Float64Array(this.scratchValues.length * 2);
    v.set(this.scratchValues);
    this.scratchValues = v;
  }
}

function sameBytes(b: Buffer, at: number, raw: Buffer): boolean {
  const n = raw.length;
  for (let k = 0; k < n; k++) if (b[at + k] !== raw[k]) return false;
  return true;
}

function ws(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

/** After the string starting with the quote at `i`; -1 if it never ends. */
function skipString(b: Buffer, i: number, end: number): number {
  const q = b[i];
  for (let j = i + 1; j < end; j++) {
    const c = b[j];
    if (c === 92) j++;
    else if (c === q) return j + 1;
  }
  return -1;
}

/** After the object or array starting at `i` (strings inside understood); -1 if unbalanced. */
function skipNested(b: Buffer, i: number, end: number): number {
  let depth = 0;
  for (let j = i; j < end; j++) {
    const c = b[j];
    if (c === 34 || c === 39) {
      j = skipString(b, j, end);
      if (j < 0) return -1;
      j--;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (--depth === 0) return j + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

const LITERALS = ['true', 'false', 'null', 'True', 'False', 'None'].map((w) => Buffer.from(w));

/** After a non-numeric literal at `i`; -1 if there is none. */
function literal(b: Buffer, i: number, end: number): number {
  for (const w of LITERALS) {
    if (i + w.length <= end && b[i] === w[0] && b.compare(w, 0, w.length, i, i + w.length) === 0) return i + w.length;
  }
  return -1;
}

function unescapeKey(raw: Buffer): string {
  const s = raw.toString('utf8');
  try {
    return JSON.parse(`"${s.replace(/\\'/g, "'")}"`) as string;
  } catch {
    return s;
  }
}
