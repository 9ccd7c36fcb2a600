// Layer lowering: GEMM shapes (shape.ts), im2col operand layout (im2col.ts), direct reference convolution (reference.ts).
export { type LoweredGemm, convOutput, layerMacs, lowerLayer } from './shape.ts';
export { filtersToB, im2col } from './im2col.ts';
export { referenceConv } from './reference.ts';
