/**
 * A MobileNetV2 image classifier (width 1.0, 224 × 224 RGB in, 1,000 classes out: 3.5 M parameters, ~300 M
 * multiply-adds an image) for bench/inference, written at bench time with core's protobuf writer. The layers are
 * MobileNetV2's (Sandler et al. 2018, as torchvision builds it): a 3 × 3 stride-2 stem, 17 inverted residual blocks
 * (1 × 1 expansion, 3 × 3 depthwise, 1 × 1 linear projection, a residual add where the shape allows), a 1 × 1 conv
 * to 1,280 channels, global average pooling and a fully connected layer; batch norm folded into the convolutions'
 * biases, as an exported, constant-folded model has it; ReLU6 as Clip(0, 6). The weights are random (He-uniform from
 * a fixed seed, so activations stay in range): the run time depends on the shapes, not the values. The batch
 * dimension is symbolic ("N"), so Liftoff runs any number of images in one run.
 */
import { writeFileSync } from 'node:fs';
import { float32Bytes, ProtoWriter } from '../core/src/onnx/protobuf-writer';
import { mulberry32 } from '../test/support/random';

const FLOAT = 1;

interface Node {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly output: string;
  readonly ints?: Readonly<Record<string, readonly number[]>>;
  readonly int?: Readonly<Record<string, number>>;
}

export interface CnnModel {
  readonly bytes: number;
  readonly parameters: number;
  readonly description: string;
}

/** Writes the model to `file`; its input is "image" float32 [N, 3, 224, 224], its output "logits" [N, 1000]. */
export function writeMobileNetV2(file: string): CnnModel {
  const rand = mulberry32(20); // a fixed seed: the same model every run
  const nodes: Node[] = [];
  const weights: Array<{ name: string; dims: number[]; data: Float32Array }> = [];
  let parameters = 0;
  let k = 0;
  const weight = (dims: number[], fanIn: number, zero = false): string => {
    const name = `w${weights.length}`;
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    const bound = Math.sqrt(6 / fanIn);
    if (!zero) for (let i = 0; i < data.length; i++) data[i] = (rand() * 2 - 1) * bound;
    weights.push({ name, dims, data });
    parameters += data.length;
    return name;
  };
  const clipMin = 'relu6_min';
  const clipMax = 'relu6_max';
  weights.push({ name: clipMin, dims: [], data: Float32Array.of(0) });
  weights.push({ name: clipMax, dims: [], data: Float32Array.of(6) });
  /** Conv (+ folded batch-norm bias) and ReLU6 unless `linear`. */
  const conv = (x: string, cin: number, cout: number, kernel: number, stride: number, groups = 1, linear = false) => {
    const w = weight([cout, cin / groups, kernel, kernel], (cin / groups) * kernel * kernel);
    const b = weight([cout], 1, true);
    const pad = (kernel - 1) / 2;
    const y = `t${k++}`;
    nodes.push({
      op: 'Conv',
      inputs: [x, w, b],
      output: y,
      ints: { kernel_shape: [kernel, kernel], strides: [stride, stride], pads: [pad, pad, pad, pad] },
      int: { group: groups },
    });
    if (linear) return y;
    const r = `t${k++}`;
    nodes.push({ op: 'Clip', inputs: [y, clipMin, clipMax], output: r });
    return r;
  };
  let x = conv('image', 3, 32, 3, 2);
  let c = 32;
  const settings: Array<[number, number, number, number]> = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ];
  for (const [t, out, n, s] of settings) {
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      const hidden = c * t;
      let y = t === 1 ? x : conv(x, c, hidden, 1, 1);
      y = conv(y, hidden, hidden, 3, stride, hidden);
      y = conv(y, hidden, out, 1, 1, 1, true);
      if (stride === 1 && c === out) {
        const sum = `t${k++}`;
        nodes.push({ op: 'Add', inputs: [x, y], output: sum });
        y = sum;
      }
      x = y;
      c = out;
    }
  }
  x = conv(x, c, 1280, 1, 1);
  nodes.push({ op: 'GlobalAveragePool', inputs: [x], output: 'pooled' });
  nodes.push({ op: 'Flatten', inputs: ['pooled'], output: 'features', int: { axis: 1 } });
  const fc = weight([1000, 1280], 1280);
  const fcBias = weight([1000], 1, true);
  nodes.push({ op: 'Gemm', inputs: ['features', fc, fcBias], output: 'logits', int: { transB: 1 } });

  const value = (w: ProtoWriter, name: string, dims: ReadonlyArray<number | string>) =>
    w.string(1, name).message(2, (type) =>
      type.message(1, (tensor) =>
        tensor.int(1, FLOAT).message(2, (shape) => {
          for (const d of dims) shape.message(1, (dim) => (typeof d === 'string' ? dim.string(2, d) : dim.int(1, d)));
        }),
      ),
    );
  const model = new ProtoWriter()
    .int(1, 8)
    .string(2, 'liftoff-bench')
    .message(7, (g) => {
      nodes.forEach((n, i) =>
        g.message(1, (w) => {
          for (const input of n.inputs) w.string(1, input);
          w.string(2, n.output).string(3, `${n.op.toLowerCase()}_${i}`).string(4, n.op);
          for (const [name, v] of Object.entries(n.ints ?? {}))
            w.message(5, (a) => {
              a.string(1, name);
              for (const e of v) a.int(8, e);
              a.int(20, 7);
            });
          for (const [name, v] of Object.entries(n.int ?? {}))
            w.message(5, (a) => a.string(1, name).int(3, v).int(20, 2));
        }),
      );
      g.string(2, 'mobilenet_v2');
      for (const t of weights)
        g.message(5, (w) => {
          for (const d of t.dims) w.int(1, d);
          w.int(2, FLOAT).string(8, t.name).bytes(9, float32Bytes(t.data));
        });
      g.message(11, (w) => value(w, 'image', ['N', 3, 224, 224]));
      g.message(12, (w) => value(w, 'logits', ['N', 1000]));
    })
    .message(8, (o) => o.string(1, '').int(2, 13))
    .finish();
  writeFileSync(file, model);
  return {
    bytes: model.length,
    parameters,
    description: `MobileNetV2 (1.0, 224 × 224, 1,000 classes; ${(parameters / 1e6).toFixed(2)} M parameters, random weights)`,
  };
}
