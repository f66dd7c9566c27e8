/**
 * Front door of ONNX file reading: the inspector's full model description and the light input/output summary the
 * rules use. Reads are bounded and never load onnxruntime. (Writing models is the trainer's business: ./write-model.)
 */
export * from './inspect/inspect-model';
export * from './inspect/model-inspection';
export * from './read-model-info';
