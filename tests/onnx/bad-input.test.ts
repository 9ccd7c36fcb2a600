// Malformed and unsupported ONNX input: each kind ends with one line naming the file (and the node and its op where
// one is at fault), exit code 2, nothing on stdout, no stack trace (tests/helpers/bad-input.ts). The models are
// built by the tests' encoder; each case breaks one thing in a small valid network.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectBadCli } from '../helpers/bad-input.ts';
import { OnnxBuilder } from '../helpers/onnx.ts';
import { assertBuilt } from '../cli/run-cli.ts';

/** input [1, 3, 8, 8] → Conv 3×3 (4 filters, pad 1) → Relu → output [1, 4, 8, 8]. */
function tiny(edit: (b: OnnxBuilder) => void = () => {}, opts: { batch?: number | string; skipConv?: boolean } = {}): OnnxBuilder {
  const b = new OnnxBuilder('tiny', 17);
  b.input('x', [opts.batch ?? 1, 3, 8, 8]);
  b.init('w', { dims: [4, 3, 3, 3] });
  edit(b);
  if (opts.skipConv !== true) {
    b.node('Conv', ['x', 'w'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, { name: 'conv' });
    b.node('Relu', ['conv'], {}, { name: 'relu' });
    b.output('relu', [1, 4, 8, 8]);
  }
  return b;
}

/** A model whose graph is `build`'s nodes on input x [1, 3, 8, 8] (conv output 'conv' available when `conv`). */
function graphOf(build: (b: OnnxBuilder) => void): OnnxBuilder {
  return tiny(build, { skipConv: true });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'systole-onnx-bad-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};
const model = (name: string, b: OnnxBuilder) => file(`${name}.onnx`, b.bytes());

type Case = [label: string, args: () => string[], expected: RegExp];
const run = (p: string, ...more: string[]) => ['run', '--workload', p, ...more];

const CASES: Case[] = [
  ['an empty file', () => run(file('empty.onnx', '')), /empty\.onnx: empty file, not an ONNX model; give an \.onnx model file/],
  ['a text file named .onnx', () => run(file('text.onnx', 'name: net\nlayers: []\n')), /text\.onnx: not an ONNX model/],
  ['a truncated model', () => run(file('cut.onnx', tiny().bytes().slice(0, 150))), /cut\.onnx: not an ONNX model: its protobuf does not decode/],
  ['a model without a graph', () => run(model('nograph', Object.assign(tiny(), { model: { graph: null } }))), /nograph\.onnx: not an ONNX model: it has no graph/],
  ['ir_version 0', () => run(model('ir0', Object.assign(tiny(), { model: { ir_version: 0 } }))), /ir0\.onnx: ir_version 0 is not an ONNX IR version/],
  ['no default-domain opset', () => run(model('noopset', Object.assign(tiny(), { model: { opset_import: [{ domain: 'com.example', version: 1 }] } }))), /noopset\.onnx: the model imports no default-domain \(ai\.onnx\) operator set/],
  ['an unsupported operator', () => run(model('lstm', graphOf((b) => { b.node('LSTM', ['x'], {}, { name: 'rnn' }); b.output('rnn'); }))), /lstm\.onnx: node 'rnn' \(LSTM\): unsupported operator 'LSTM'; Systole imports .*Conv/],
  ['an operator of another domain', () => run(model('domain', graphOf((b) => { b.node('FusedGelu', ['x'], {}, { name: 'g', domain: 'com.microsoft' }); b.output('g'); }))), /node 'g' \(com\.microsoft\.FusedGelu\): operator domain 'com\.microsoft' is not supported/],
  ['a dynamic batch without --input-shape', () => run(model('dynamic', tiny(undefined, { batch: 'N' }))), /dynamic\.onnx: graph input 'x' \(read by node 'conv' \(Conv\)\): dimension 0 is symbolic \('N'\).*--input-shape x=1x3x8x8/],
  ['an input without a shape', () => run(model('noshape', (() => { const b = tiny(); b.inputs[0] = { name: 'x', type: { tensor_type: { elem_type: 1 } } }; return b; })())), /graph input 'x' \(read by node 'conv' \(Conv\)\): has no declared shape; give its shape with --input-shape/],
  ['weights in an external file', () => run(model('external', (() => { const b = tiny(); b.initializers[0] = { name: 'w', dims: [4, 3, 3, 3], data_type: 1, data_location: 1, external_data: [{ key: 'location', value: 'w.bin' }] }; return b; })())), /external\.onnx: node 'conv' \(Conv\): reads initializer 'w', whose data is in an external file; save the model with its weights inside/],
  ['--input-shape naming no input', () => run(model('ok1', tiny()), '--input-shape', 'image=1x3x8x8'), /--input-shape image=…: the model has no input 'image' \(its inputs: 'x'\)/],
  ['--input-shape that is not a shape', () => run(model('ok2', tiny()), '--input-shape', 'x=1xAx8'), /--input-shape "x=1xAx8": is not a shape of positive integers/],
  ['--input-shape against a static dimension', () => run(model('ok3', tiny()), '--input-shape', '2x3x8x8'), /graph input 'x' \(read by node 'conv' \(Conv\)\): dimension 0 is 1 in the model, but --input-shape gives 2/],
  ['--input-shape on a YAML workload', () => ['run', '--workload', 'mobilenet_v1', '--input-shape', '1x3x224x224'], /--input-shape: applies to ONNX models only/],
  ['a node reading an undefined tensor', () => run(model('order', graphOf((b) => { b.node('Relu', ['later'], {}, { name: 'first' }); b.node('Relu', ['x'], {}, { name: 'later' }); b.output('first'); }))), /node 'first' \(Relu\): input 'later' is not a graph input, an initializer or an earlier node's output; fix the model \(nodes must be listed in topological order\)/],
  ['a tensor defined twice', () => run(model('twice', graphOf((b) => { b.node('Relu', ['x'], {}, { name: 'a', outputs: ['y'] }); b.node('Sigmoid', ['x'], {}, { name: 'b', outputs: ['y'] }); b.output('y'); }))), /node 'b' \(Sigmoid\): output 'y' is already defined/],
  ['a dilated convolution', () => run(model('dilated', graphOf((b) => { b.node('Conv', ['x', 'w'], { dilations: [2, 2] }, { name: 'c' }); b.output('c'); }))), /node 'c' \(Conv\): dilations 2,2 are not supported/],
  ['a 1-D convolution', () => run(model('conv1d', (() => { const b = new OnnxBuilder('c1', 17); b.input('x', [1, 3, 16]); b.init('w', { dims: [4, 3, 3] }); b.node('Conv', ['x', 'w'], {}, { name: 'c' }); b.output('c'); return b; })())), /node 'c' \(Conv\): input 1×3×16 has rank 3; only 2-D convolution/],
  ['a group that does not divide the channels', () => run(model('group', graphOf((b) => { b.init('w2', { dims: [4, 1, 3, 3] }); b.node('Conv', ['x', 'w2'], { group: 2 }, { name: 'g' }); b.output('g'); }))), /node 'g' \(Conv\): group 2 does not divide the 3 input channels and 4 filters/],
  ['a MatMul with unequal inner dimensions', () => run(model('matmul', graphOf((b) => { b.init('m', { dims: [7, 5] }); b.node('MatMul', ['x', 'm'], {}, { name: 'mm' }); b.output('mm'); }))), /node 'mm' \(MatMul\): inner dimensions differ: 1×3×8×8 · 7×5/],
  ['a Reshape to the wrong element count', () => run(model('reshape', graphOf((b) => { b.init('s', { dims: [2], int64: [1, 100] }); b.node('Reshape', ['x', 's'], {}, { name: 'r' }); b.output('r'); }))), /node 'r' \(Reshape\): cannot reshape 1×3×8×8 \(192 elements\) to 1×100 \(100\)/],
  ['a Reshape to a computed shape', () => run(model('reshape2', graphOf((b) => { b.node('Reshape', ['x', 'x'], {}, { name: 'r' }); b.output('r'); }))), /node 'r' \(Reshape\): its target shape \(input 1\) is not a constant integer tensor/],
  ['a declared output shape the graph does not compute', () => run(model('declared', (() => { const b = tiny(); b.outputs[0] = { name: 'relu', type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_value: 1 }, { dim_value: 5 }, { dim_value: 8 }, { dim_value: 8 }] } } } }; return b; })())), /value 'relu': is declared 1×5×8×8, but its producers compute 1×4×8×8/],
  ['a graph output nothing produces', () => run(model('noout', (() => { const b = tiny(); b.output('ghost'); return b; })())), /graph output 'ghost': is not produced by any node/],
  ['a MaxPool whose Indices output is read', () => run(model('indices', graphOf((b) => { b.node('MaxPool', ['x'], { kernel_shape: [2, 2] }, { name: 'mp', outputs: ['y', 'idx'] }); b.node('Relu', ['idx'], {}, { name: 'r' }); b.output('r'); }))), /node 'r' \(Relu\): reads 'idx', output 1 of node 'mp' \(MaxPool\), which Systole does not provide/],
  ['a sequence-typed input', () => run(model('sequence', (() => { const b = tiny(); b.inputs.push({ name: 'seq', type: { sequence_type: { elem_type: { tensor_type: { elem_type: 1 } } } } }); return b; })())), /graph input 'seq': is a sequence, not a tensor/],
  ['a BatchNormalization in training mode', () => run(model('training', graphOf((b) => { const p = ['s', 'bb', 'm', 'v'].map((n) => b.init(n, { dims: [3] })); b.node('BatchNormalization', ['x', ...p], { training_mode: 1 }, { name: 'bn' }); b.output('bn'); }))), /node 'bn' \(BatchNormalization\): training_mode is set/],
  ['a Div by a computed tensor', () => run(model('div', graphOf((b) => { b.node('Sigmoid', ['x'], {}, { name: 's' }); b.node('Div', ['x', 's'], {}, { name: 'd' }); b.output('d'); }))), /node 'd' \(Div\): the divisor is computed, not a constant/],
  ['an embedding lookup (Gather of activations)', () => run(model('gather', graphOf((b) => { b.init('i', { dims: [1], int64: [0] }); b.node('Gather', ['x', 'i'], {}, { name: 'g' }); b.output('g'); }))), /node 'g' \(Gather\): it gathers from a computed tensor/],
  ['a computed operand broadcast', () => run(model('bcast', graphOf((b) => { b.node('GlobalAveragePool', ['x'], {}, { name: 'gap' }); b.node('Mul', ['x', 'gap'], {}, { name: 'se' }); b.output('se'); }))), /node 'se' \(Mul\): a computed 1×3×1×1 operand is broadcast to 1×3×8×8/],
  ['a Concat of two computed tensors', () => run(model('concat', graphOf((b) => { b.node('Relu', ['x'], {}, { name: 'a' }); b.node('Sigmoid', ['x'], {}, { name: 'c' }); b.node('Concat', ['a', 'c'], { axis: 1 }, { name: 'cat' }); b.output('cat'); }))), /node 'cat' \(Concat\): it concatenates 2 computed tensors \(from 'a', 'c'\); Systole's layers read one producer per operand/],
  ['a missing .onnx file', () => run(path.join(dir, 'missing.onnx')), /missing\.onnx: file not found; check the path/],
];

describe('bad ONNX input: one line, exit 2', () => {
  beforeAll(assertBuilt);

  test('there are at least 20 kinds', () => expect(CASES.length).toBeGreaterThanOrEqual(20));

  test.each(CASES)('%s', async (_label, args, expected) => {
    const line = await expectBadCli(args(), { cwd: dir });
    expect(line).toMatch(expected);
  });

  test('graph --workload refuses the same way', async () => {
    const line = await expectBadCli(['graph', '--workload', model('lstm2', graphOf((b) => { b.node('LSTM', ['x'], {}, { name: 'rnn' }); b.output('rnn'); }))], { cwd: dir });
    expect(line).toMatch(/node 'rnn' \(LSTM\): unsupported operator/);
  });
});
