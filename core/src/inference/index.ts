/**
 * Front door of ONNX inference: which model an experiment points at, running it on parsed input rows through a
 * cached onnxruntime session, and the prediction table as text, CSV or JSON. Shells import this module only.
 */
export * from './errors';
export * from './experiment-settings';
export * from './infer';
export * from './model-resolution';
export * from './result-export';
export * from './session-cache';
export * from './score-file';
export * from './score-sink';
export type { RowError } from './score-rows';
export type { Predictions } from './outputs';
export * from './image/decode-image';
export * from './image/image-tensor';
export * from './image/image-inference';
export * from './image/thumbnail';
export * from './text/tokenize';
export * from './text/text-inference';
