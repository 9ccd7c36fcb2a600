// ONNX import: host/onnx/ turns an ONNX model (protobuf bytes) into a Systole workload. No node-only imports here:
// the file is read, and the raw workload validated, by host/spec/workload/workload.ts (one loader dispatching on the extension).
export { importOnnx, importModel, type OnnxImportOptions, type RawWorkload } from './import.ts';
export { decodeOnnx, type OnnxModel } from './decode.ts';
export { parseInputShapes } from './input-shape.ts';
export { SUPPORTED_OPS } from './ops/index.ts';
