/**
 * ONNX `TensorProto.DataType` codes: their ONNX names, the names onnxruntime-node uses, and element sizes — one
 * table for the inspector (which shows ONNX's names) and inference (which checks ORT's).
 */

interface ElemType {
  readonly onnx: string;
  readonly ort: string;
  readonly bytes: number;
}

const TYPES: Readonly<Record<number, ElemType>> = {
  1: { onnx: 'float', ort: 'float32', bytes: 4 },
  2: { onnx: 'uint8', ort: 'uint8', bytes: 1 },
  3: { onnx: 'int8', ort: 'int8', bytes: 1 },
  4: { onnx: 'uint16', ort: 'uint16', bytes: 2 },
  5: { onnx: 'int16', ort: 'int16', bytes: 2 },
  6: { onnx: 'int32', ort: 'int32', bytes: 4 },
  7: { onnx: 'int64', ort: 'int64', bytes: 8 },
  8: { onnx: 'string', ort: 'string', bytes: 0 },
  9: { onnx: 'bool', ort: 'bool', bytes: 1 },
  10: { onnx: 'float16', ort: 'float16', bytes: 2 },
  11: { onnx: 'double', ort: 'float64', bytes: 8 },
  12: { onnx: 'uint32', ort: 'uint32', bytes: 4 },
  13: { onnx: 'uint64', ort: 'uint64', bytes: 8 },
  14: { onnx: 'complex64', ort: 'complex64', bytes: 8 },
  15: { onnx: 'complex128', ort: 'complex128', bytes: 16 },
  16: { onnx: 'bfloat16', ort: 'bfloat16', bytes: 2 },
  17: { onnx: 'float8e4m3fn', ort: 'float8e4m3fn', bytes: 1 },
  18: { onnx: 'float8e4m3fnuz', ort: 'float8e4m3fnuz', bytes: 1 },
  19: { onnx: 'float8e5m2', ort: 'float8e5m2', bytes: 1 },
  20: { onnx: 'float8e5m2fnuz', ort: 'float8e5m2fnuz', bytes: 1 },
  21: { onnx: 'uint4', ort: 'uint4', bytes: 0.5 },
  22: { onnx: 'int4', ort: 'int4', bytes: 0.5 },
};

/** ONNX's name of a data type code (`float`, `int64`, …); `type 99` for codes this table does not know. */
export function onnxTypeName(code: number): string {
  return TYPES[code]?.onnx ?? (code === 0 ? 'undefined' : `type ${code}`);
}

/** Bytes per element (0 for strings and unknown codes). */
export function elemBytes(code: number): number {
  return TYPES[code]?.bytes ?? 0;
}
