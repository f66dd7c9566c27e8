/**
 * Reads an ONNX model's `metadata_props` (ModelProto field 14: key/value strings) without dependencies — where the
 * builtin trainer stores labels, feature order, task and the folded standardization.
 */

const utf8 = new TextDecoder('utf-8');

/** Top-level length-delimited fields of one message, as [field number, bytes]; other wire types are skipped. */
function delimited(buf: Uint8Array): Array<[number, Uint8Array]> {
  const out: Array<[number, Uint8Array]> = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new Error('not an ONNX model: truncated varint');
      const b = buf[pos++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
    throw new Error('not an ONNX model: varint too long');
  };
  while (pos < buf.length) {
    const key = varint();
    const wire = key % 8;
    if (wire === 0) varint();
    else if (wire === 1 || wire === 5) pos += wire === 1 ? 8 : 4;
    else if (wire === 2) {
      const len = varint();
      if (pos + len > buf.length) throw new Error('not an ONNX model: a field is longer than the data');
      out.push([Math.floor(key / 8), buf.subarray(pos, pos + len)]);
      pos += len;
    } else throw new Error(`not an ONNX model: unsupported wire type ${wire}`);
  }
  return out;
}

/** The model's metadata as a plain object (later duplicates win). */
export function readModelMetadata(bytes: Uint8Array): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const [no, entry] of delimited(bytes)) {
    if (no !== 14) continue;
    let key = '';
    let value = '';
    for (const [f, b] of delimited(entry)) {
      if (f === 1) key = utf8.decode(b);
      else if (f === 2) value = utf8.decode(b);
    }
    meta[key] = value;
  }
  return meta;
}
