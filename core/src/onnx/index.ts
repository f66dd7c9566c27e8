/**
 * Front door of ONNX file reading: the inspector's full model description (with per-node shapes, parameters and
 * MACs, and the comparison of two models) and the light input/output summary the rules use. Reads are bounded and
 * never load onnxruntime. (Writing models is the trainer's business: ./write-model.)
 */
export * from './inspect/inspect-model';
export * from './inspect/model-inspection';
export * from './inspect/graph-analysis';
export * from './inspect/model-diff';
export * from './read-model-info';
