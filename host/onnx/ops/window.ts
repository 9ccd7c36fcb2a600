// Conv and pooling: the sliding-window ops. ONNX's attributes (kernel_shape, strides, pads, auto_pad, dilations,
// group, ceil_mode) become a Systole conv/dwconv/gconv or pool layer per sample; the output shape is ONNX's:
//   Eh = floor((H + pad_top + pad_bottom − kH) / sH) + 1   (ceil with ceil_mode = 1), likewise Ew.
// BatchNormalization right after a Conv that nothing else reads is folded into it (a per-channel scale and shift
// of the conv's weights and bias: no layer); elsewhere it is a per-element multiply and add (two eltwise layers).
import { type NodeContext, type TensorInfo, fmtDims } from '../node.ts';
import { layerShape } from './shapes.ts';

interface Window {
  kernel: [number, number];
  stride: [number, number];
  pads: { top: number; bottom: number; left: number; right: number };
  out: [number, number];
}

/** ONNX auto_pad SAME_UPPER / SAME_LOWER: output ceil(H/s), total padding split with the odd pixel at the end
 *  (UPPER) or the beginning (LOWER). */
function samePads(size: number, k: number, s: number, upper: boolean): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + k - size, 0);
  const small = Math.floor(total / 2);
  return upper ? [small, total - small] : [total - small, small];
}

/** The window of a rank-4 NCHW input: kernel, strides, padding (with ceil_mode's extra bottom/right rows) and the
 *  output size; anything Systole's windows cannot do (dilation, 1-D/3-D windows) fails naming the node. */
function windowOf(ctx: NodeContext, x: TensorInfo, kernel: number[], ceil: boolean): Window {
  const { attr } = ctx;
  const [, , h, w] = x.dims;
  const dilations = attr.ints('dilations');
  if (dilations !== null && dilations.some((d) => d !== 1)) {
    ctx.fail(`dilations ${dilations.join(',')} are not supported (Systole's windows are dense)`, 'use an undilated window');
  }
  const strides = attr.ints('strides') ?? [1, 1];
  if (strides.length !== 2 || strides.some((s) => s < 1)) ctx.fail(`strides [${strides.join(',')}] are not two positive integers`, 'fix the model');
  const autoPad = attr.string('auto_pad', 'NOTSET');
  let pads = { top: 0, bottom: 0, left: 0, right: 0 };
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const [top, bottom] = samePads(h, kernel[0], strides[0], autoPad === 'SAME_UPPER');
    const [left, right] = samePads(w, kernel[1], strides[1], autoPad === 'SAME_UPPER');
    pads = { top, bottom, left, right };
  } else if (autoPad === 'NOTSET') {
    const p = attr.ints('pads') ?? [0, 0, 0, 0];
    if (p.length !== 4 || p.some((v) => v < 0)) ctx.fail(`pads [${p.join(',')}] are not four non-negative integers (top, left, bottom, right)`, 'fix the model');
    pads = { top: p[0], left: p[1], bottom: p[2], right: p[3] };
  } else if (autoPad !== 'VALID') {
    ctx.fail(`auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`, 'fix the model');
  }
  const outOf = (size: number, before: number, after: number, k: number, s: number): number => {
    const span = size + before + after - k;
    if (span < 0) ctx.fail(`the ${k}-wide window is larger than the padded input (${size + before + after}) of ${fmtDims(x.dims)}`, 'fix the kernel or the padding');
    let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
    if (ceil && (out - 1) * s >= size + before) out -= 1; // the last window must start inside the input or its leading padding
    return out;
  };
  const eh = outOf(h, pads.top, pads.bottom, kernel[0], strides[0]);
  const ew = outOf(w, pads.left, pads.right, kernel[1], strides[1]);
  // ceil_mode: the windows past the bottom/right edge read padding Systole's floor-sized windows must be given.
  pads.bottom = Math.max(pads.bottom, (eh - 1) * strides[0] + kernel[0] - h - pads.top);
  pads.right = Math.max(pads.right, (ew - 1) * strides[1] + kernel[1] - w - pads.left);
  return { kernel: [kernel[0], kernel[1]], stride: [strides[0], strides[1]], pads, out: [eh, ew] };
}

function nchw(ctx: NodeContext, x: TensorInfo, what: string): void {
  if (x.dims.length !== 4) ctx.fail(`input ${fmtDims(x.dims)} has rank ${x.dims.length}; only 2-D ${what} (a rank-4 NCHW input) is supported`, `use a 2-D ${what}`);
}

/** Conv → conv (group 1), dwconv (group = input channels) or gconv (other groups). */
export function conv(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  const wt = ctx.input(1);
  nchw(ctx, x, 'convolution');
  const [n, c, h, w] = x.dims;
  const group = ctx.attr.int('group', 1);
  if (wt.dims.length !== 4) ctx.fail(`weight ${fmtDims(wt.dims)} is not rank 4 (M × C/group × kH × kW)`, 'fix the model');
  const [m, cPerGroup, kh, kw] = wt.dims;
  if (group < 1 || c % group !== 0 || m % group !== 0) ctx.fail(`group ${group} does not divide the ${c} input channels and ${m} filters`, 'fix the model');
  if (cPerGroup !== c / group) ctx.fail(`weight ${fmtDims(wt.dims)} has ${cPerGroup} channels per group, but the input has ${c} channels in ${group} groups`, 'fix the model');
  const ks = ctx.attr.ints('kernel_shape');
  if (ks !== null && (ks.length !== 2 || ks[0] !== kh || ks[1] !== kw)) ctx.fail(`kernel_shape [${ks.join(',')}] disagrees with the weight ${fmtDims(wt.dims)}`, 'fix the model');
  const win = windowOf(ctx, x, [kh, kw], false);
  const common = {
    ifmap: { h, w, c },
    filter: { h: kh, w: kw },
    stride: { h: win.stride[0], w: win.stride[1] },
    padding: win.pads,
  };
  const layer =
    group === 1 ? { kind: 'conv', ...common, filters: m }
    : group === c ? { kind: 'dwconv', ...common, multiplier: m / c }
    : { kind: 'gconv', ...common, filters: m, groups: group };
  const name = ctx.emit(layer, [x, wt]);
  return [{ dims: [n, m, win.out[0], win.out[1]], sources: [name], constant: false, values: null, layer: name }];
}

const POOL_OPS = { MaxPool: 'max', AveragePool: 'avg', GlobalAveragePool: 'avg', GlobalMaxPool: 'max' } as const;

/** MaxPool, AveragePool (a window) and GlobalAveragePool, GlobalMaxPool (the whole feature map) → pool. */
export function pool(ctx: NodeContext): TensorInfo[] {
  const x = ctx.input(0);
  nchw(ctx, x, 'pooling');
  const [n, c, h, w] = x.dims;
  const op = POOL_OPS[ctx.node.opType as keyof typeof POOL_OPS];
  if (ctx.node.opType.startsWith('Global')) {
    const name = ctx.emit({ kind: 'pool', op, global: true, ifmap: { h, w, c } }, [x]);
    return [{ dims: [n, c, 1, 1], sources: [name], constant: false, values: null, layer: name }];
  }
  const ks = ctx.attr.ints('kernel_shape');
  if (ks === null || ks.length !== 2 || ks.some((k) => k < 1)) ctx.fail(`kernel_shape ${ks === null ? 'is missing' : `[${ks.join(',')}] is not two positive integers`}`, 'give kernel_shape [kH, kW]');
  const win = windowOf(ctx, x, ks, ctx.attr.int('ceil_mode', 0) === 1);
  const layer = {
    kind: 'pool',
    op,
    ifmap: { h, w, c },
    filter: { h: win.kernel[0], w: win.kernel[1] },
    stride: { h: win.stride[0], w: win.stride[1] },
    padding: win.pads,
  };
  const name = ctx.emit(layer, [x]);
  return [{ dims: [n, c, win.out[0], win.out[1]], sources: [name], constant: false, values: null, layer: name }];
}

/** BatchNormalization: folded into the conv that produced its input when nothing else reads that conv's output;
 *  otherwise a multiply and an add per element (two eltwise layers, each with one computed input). */
export function batchNorm(ctx: NodeContext, convLayers: ReadonlySet<string>): TensorInfo[] {
  const x = ctx.input(0);
  for (let i = 1; i <= 4; i++) ctx.input(i);
  if (ctx.attr.int('training_mode', 0) !== 0) ctx.fail('training_mode is set (statistics are updated)', 'export the model for inference (training_mode 0)');
  if (x.layer !== null && convLayers.has(x.layer) && ctx.consumers(x) === 1) return [{ ...x }];
  const shape = layerShape(ctx, x);
  const scale = ctx.emit({ kind: 'eltwise', op: 'mul', shape }, [x], 'scale');
  const scaled: TensorInfo = { dims: x.dims, sources: [scale], constant: false, values: null, layer: scale };
  const shift = ctx.emit({ kind: 'eltwise', op: 'add', shape }, [scaled], 'shift');
  return [{ dims: x.dims, sources: [shift], constant: false, values: null, layer: shift }];
}
