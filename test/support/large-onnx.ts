/** A large ONNX model for the inspector's test and bench, written as a sparse file (no weights on disk). */
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { ProtoWriter, varint } from '../../core/src/onnx/protobuf-writer';
import { FLOAT } from './onnx-graphs';

/**
 * A model of `tensors` float initializers of [side, side] each, written with holes for their data (a sparse file:
 * hundreds of MB on paper, nothing on disk), and a MatMul per initializer.
 */
export function writeLargeModel(file: string, tensors: number, side: number): number {
  const dataBytes = side * side * 4;
  const head = (k: number) => new ProtoWriter().int(1, side).int(1, side).int(2, FLOAT).string(8, `W${k}`).finish();
  const initializer = (k: number) => {
    const h = head(k);
    const body = h.length + 1 + varint(dataBytes).length + dataBytes; // + tag of field 9
    return { h, body, size: 1 + varint(body).length + body };
  };
  const small = new ProtoWriter();
  for (let k = 0; k < tensors; k++)
    small.message(1, (n) =>
      n
        .string(1, k ? `h${k}` : 'x')
        .string(1, `W${k}`)
        .string(2, `h${k + 1}`)
        .string(4, 'MatMul'),
    );
  small.message(11, (v) =>
    v.string(1, 'x').message(2, (t) =>
      t.message(1, (tt) =>
        tt.int(1, FLOAT).message(2, (s) => {
          s.message(1, (d) => d.string(2, 'batch'));
          s.message(1, (d) => d.int(1, side));
        }),
      ),
    ),
  );
  small.message(12, (v) => v.string(1, `h${tensors}`).message(2, (t) => t.message(1, (tt) => tt.int(1, FLOAT))));
  const smallBytes = small.finish();
  const inits = Array.from({ length: tensors }, (_, k) => initializer(k));
  const graphLen = smallBytes.length + inits.reduce((a, i) => a + i.size, 0);
  const modelHead = new ProtoWriter().int(1, 8).string(2, 'big-test').finish();
  const fd = openSync(file, 'w');
  let pos = 0;
  const put = (b: Uint8Array) => {
    writeSync(fd, b, 0, b.length, pos);
    pos += b.length;
  };
  put(modelHead);
  put(Uint8Array.of(7 * 8 + 2));
  put(varint(graphLen));
  put(smallBytes);
  for (const i of inits) {
    put(Uint8Array.of(5 * 8 + 2));
    put(varint(i.body));
    put(i.h);
    put(Uint8Array.of(9 * 8 + 2));
    put(varint(dataBytes));
    pos += dataBytes; // a hole
  }
  put(new ProtoWriter().message(8, (o) => o.string(1, '').int(2, 17)).finish());
  ftruncateSync(fd, pos);
  closeSync(fd);
  return pos;
}
