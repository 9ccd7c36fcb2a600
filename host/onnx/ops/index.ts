// The ONNX operators Systole imports, one line each: ONNX op_type → the handler that maps it onto Systole layers
// (or onto no layer: shape-only ops). An op that is not here is refused naming the node and the op.
import type { NodeContext, TensorInfo } from '../node.ts';
import { activation, eltwise, layerNorm, softmax } from './vector.ts';
import { gemm, matmul } from './matmul.ts';
import { concat, constant, flatten, gather, identity, reshape, shape, squeeze, transpose, unsqueeze } from './shape.ts';
import { batchNorm, conv, pool } from './window.ts';

/** Handler contract: read the node's inputs and attributes through `ctx`, emit its layers with `ctx.emit`, and
 *  return its output tensors in order (fewer than the node declares when the rest are not provided; a node that
 *  reads one of those fails). `convLayers` names the conv layers emitted so far (BatchNormalization folds into them). */
export type OpHandler = (ctx: NodeContext, convLayers: ReadonlySet<string>) => TensorInfo[];

export const OPS: Record<string, OpHandler> = {
  Conv: conv,
  BatchNormalization: batchNorm,
  MaxPool: pool,
  AveragePool: pool,
  GlobalAveragePool: pool,
  GlobalMaxPool: pool,
  Gemm: gemm,
  MatMul: matmul,
  Add: eltwise,
  Sub: eltwise,
  Mul: eltwise,
  Div: eltwise,
  Relu: activation,
  Clip: activation,
  Sigmoid: activation,
  Tanh: activation,
  Gelu: activation,
  Softmax: softmax,
  LayerNormalization: layerNorm,
  Reshape: reshape,
  Flatten: flatten,
  Transpose: transpose,
  Squeeze: squeeze,
  Unsqueeze: unsqueeze,
  Concat: concat,
  Identity: identity,
  Dropout: identity,
  Cast: identity,
  Constant: constant,
  Shape: shape,
  Gather: gather,
};

export const SUPPORTED_OPS = Object.keys(OPS).sort();
