// SCALE-Sim topology .csv reading. Fixtures copy the format of SCALE-Sim v2's topologies/ files (test.csv,
// alexnet.csv, mobilnet_*.csv with '#dw' after the trailing comma, GEMM_mnk/test_mnk_input.csv); the expected
// output sizes use SCALE-Sim's own formula from topology_utils.py, written out here: Eh = ceil((H − R + s)/s).
import { describe, expect, it } from 'vitest';
import { layerMacs, lowerLayer } from '../../host/lower/index.ts';
import { loadScaleSimTopology, parseScaleSimTopology } from '../../host/spec/scalesim/scalesim.ts';
import type { ComputeLayer, ConvLayer } from '../../host/spec/types.ts';
import { loadWorkload, parseWorkload } from '../../host/spec/workload/workload.ts';
import { MAX_WORKLOAD_LAYERS } from '../../host/spec/workload/workload-schema.ts';
import { inputError } from './input-error.ts';
import { convLayer } from '../helpers/layers.ts';

const FIX = 'tests/fixtures/scalesim';
const scalesimE = (h: number, r: number, s: number) => Math.ceil((h - r + s) / s);

describe('conv topologies', () => {
  it('test.csv: Inc5b_3x3 7x7x192, 3x3, 384 filters', () => {
    const w = loadWorkload(`${FIX}/test.csv`);
    expect(w.name).toBe('test');
    expect(w.layers).toEqual([convLayer({ name: 'Inc5b_3x3', ifmap: { h: 7, w: 7, c: 192 }, filters: 384 })]);
  });

  it("alexnet.csv: padded columns; Conv1 224/11/4 lowers to SCALE-Sim's 55x55 and its MAC count", () => {
    const w = loadScaleSimTopology(`${FIX}/alexnet.csv`);
    expect(w.layers.map((l) => l.name)).toEqual(['Conv1', 'Conv2', 'Conv3', 'Conv4', 'Conv5']);
    expect(w.layers[1].inputs).toEqual(['Conv1']);
    const rows: [number, number, number, number, number][] = [
      [224, 11, 3, 96, 4], [27, 5, 96, 256, 1], [13, 3, 256, 384, 1], [13, 3, 384, 384, 1], [13, 3, 384, 256, 1],
    ];
    w.layers.forEach((layer, i) => {
      const [h, r, c, n, s] = rows[i];
      const e = scalesimE(h, r, s);
      expect(lowerLayer(layer as ComputeLayer).M).toBe(e * e);
      expect(layerMacs(layer as ComputeLayer)).toBe(e * e * r * r * c * n); // SCALE-Sim's num_mac
    });
    expect(scalesimE(224, 11, 4)).toBe(55);
  });

  it("a 'DP' row splits into one layer per channel named <name>Channel_<i>; '#dw' rows and tabs are fine", () => {
    const w = loadScaleSimTopology(`${FIX}/mobilenet_dp.csv`);
    expect(w.layers.map((l) => l.name)).toEqual([
      'Conv1', 'Conv2_DPChannel_0', 'Conv2_DPChannel_1', 'Conv2_DPChannel_2', 'Conv2_DPChannel_3', 'Conv3', 'Conv4_dw',
    ]);
    const dp = w.layers[2] as ConvLayer;
    expect([dp.ifmap.c, dp.filters, dp.groups]).toEqual([1, 1, 1]);
    expect(dp.inputs).toEqual(['Conv2_DPChannel_0']);
    // Conv1 224, 3x3, stride 2: SCALE-Sim's ceil((224 − 3 + 2)/2) = 112, one more than floor(221/2) + 1 = 111.
    expect(lowerLayer(w.layers[0] as ConvLayer).eh).toBe(scalesimE(224, 3, 2));
    expect(lowerLayer(w.layers[6] as ConvLayer).eh).toBe(scalesimE(112, 3, 2));
  });

  it('the 9-field form has separate strides; CRLF line ends are fine', () => {
    const layer = loadScaleSimTopology(`${FIX}/stride_hw.csv`).layers[0] as ConvLayer;
    expect(layer.stride).toEqual({ h: 2, w: 3 });
    const g = lowerLayer(layer);
    expect([g.eh, g.ew]).toEqual([scalesimE(9, 3, 2), scalesimE(12, 2, 3)]);
  });
});

describe('the short header of shared/DESIGN.md and the README', () => {
  it("'name,H,W,R_f,S_f,C,N,stride,' reads as SCALE-Sim's own header does, any case, with or without the final comma", () => {
    const rows = 'c1,8,8,3,3,4,8,1,\nc2,6,6,3,3,8,8,2,\n';
    const expected = parseScaleSimTopology(CONV_HEAD + rows, 't.csv');
    expect(expected.layers).toHaveLength(2);
    for (const head of ['name,H,W,R_f,S_f,C,N,stride,', 'Name, h, w, r_f, s_f, c, n, Stride', 'layer,H,W,R,S,C,N,stride_h,stride_w,']) {
      expect(parseScaleSimTopology(`${head}\n${rows}`, 't.csv')).toEqual(expected);
    }
  });
});

describe('the layer limit', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `c${i},8,8,3,3,4,8,1,`).join('\n');
  it('accepts a topology of exactly the limit and refuses one more layer with one line', () => {
    expect(parseScaleSimTopology(CONV_HEAD + rows(5), 't.csv', 5).layers).toHaveLength(5);
    expect(inputError(() => parseScaleSimTopology(CONV_HEAD + rows(6), 't.csv', 5))).toBe(
      "t.csv row 7: the topology has more than 5 layers (Systole's limit per workload); split it into several files",
    );
  });
  it('counts a depthwise row as one layer per channel, before splitting it', () => {
    expect(inputError(() => parseScaleSimTopology(`${CONV_HEAD}a,8,8,3,3,4,8,1,\nb_DP,8,8,3,3,10,1,1,\n`, 't.csv', 10))).toMatch(/^t\.csv row 3: the topology has more than 10 layers/);
  });
  it('the default limit is 100,000 layers, for YAML/JSON workloads too', () => {
    expect(MAX_WORKLOAD_LAYERS).toBe(100_000);
    const text = CONV_HEAD + rows(MAX_WORKLOAD_LAYERS + 1);
    expect(inputError(() => parseScaleSimTopology(text, 'big.csv'))).toMatch(/^big\.csv row 100002: the topology has more than 100,000 layers/);
    const layers = Array.from({ length: MAX_WORKLOAD_LAYERS + 1 }, (_, i) => ({ name: `g${i}`, kind: 'gemm', m: 1, n: 1, k: 1 }));
    expect(inputError(() => parseWorkload({ layers }, 'big.yaml'))).toMatch(/^big\.yaml: layers: expected a list of at most 100,000 layers/);
  });
});

describe('GEMM topologies', () => {
  it('test_mnk_input.csv (header "Layer Name, M, N, K,", no final newline)', () => {
    expect(loadWorkload(`${FIX}/test_mnk_input.csv`).layers).toEqual([
      { name: 'Test 1', kind: 'gemm', inputs: [], m: 256, n: 128, k: 256, groups: 1 },
    ]);
  });
});

const CONV_HEAD = 'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n';
const bad = (text: string) => inputError(() => parseScaleSimTopology(text, 't.csv'));

describe('bad topology input: one InputError each, naming file and row', () => {
  it('unrecognised header', () => {
    expect(bad('name, a, b,\nx, 1, 2,\n')).toMatch(/^t\.csv row 1: header 'name, a, b,' is neither topology form; start the file with 'Layer name, IFMAP Height.*' or 'name,H,W,R_f,S_f,C,N,stride,' \(conv\)/);
  });
  it('a header column that is not one of its position\'s names, or a header of the wrong width', () => {
    expect(bad('name,H,W,R_f,S_f,C,N,strdie,\nc,8,8,3,3,4,8,1,\n')).toMatch(/^t\.csv row 1, column 8: 'strdie' is not a conv topology column here; name it 'strides' or 'stride' or /);
    expect(bad('name,H,W,S_f,R_f,C,N,stride,\nc,8,8,3,3,4,8,1,\n')).toMatch(/^t\.csv row 1, column 4: 's_f' is not a conv topology column here; name it 'filter height' or 'r_f' or 'r'/);
    expect(bad('Layer, M, N,\nx,1,2,\n')).toMatch(/^t\.csv row 1: a gemm header has 4 columns, this one 3/);
    expect(bad(CONV_HEAD.replace('Strides,', 'Strides, Batch Size,') + 'c,8,8,3,3,4,8,1,\n')).toMatch(/^t\.csv row 1, column 9: 'batch size' is not a conv topology column here/);
  });
  it('row without the trailing comma (as Conv11 in SCALE-Sim\'s mobilnet_paper.csv)', () => {
    expect(bad(CONV_HEAD + 'Conv9,28,28,1,1,128,256,1,\nConv11,28,28,1,1,256,256,1\n')).toMatch(
      /^t\.csv row 3: expected 8 fields .* before the trailing comma, got 7 \(this row has no trailing comma, so SCALE-Sim drops its last field\)/,
    );
  });
  it('too many fields', () => {
    expect(bad(CONV_HEAD + 'c,8,8,3,3,1,1,1,1,1,\n')).toMatch(/^t\.csv row 2: expected 8 fields .* got 10/);
  });
  it('non-integer field names row and column', () => {
    expect(bad(CONV_HEAD + 'c,8,8,3,3,one,1,1,\n')).toBe("t.csv row 2, Channels: expected an integer, got 'one'; write Channels as a whole number");
  });
  it('zero field', () => {
    expect(bad(CONV_HEAD + 'c,8,8,3,3,4,8,0,\n')).toMatch(/^t\.csv row 2, Strides: expected a positive integer, got 0/);
  });
  it('filter larger than the IFMAP', () => {
    expect(bad(CONV_HEAD + 'c,2,8,3,3,4,8,1,\n')).toMatch(/^t\.csv row 2, Filter Height: filter height 3 is larger than the IFMAP height 2/);
  });
  it('duplicate layer names', () => {
    expect(bad(CONV_HEAD + 'c,8,8,3,3,4,8,1,\nc,6,6,3,3,8,8,1,\n')).toMatch(/^t\.csv row 3: duplicate layer name 'c' \(also row 2\)/);
  });
  it('GEMM row with a field missing', () => {
    expect(bad('Layer, M, N, K,\nQKT,1024,1024,64\n')).toMatch(/^t\.csv row 2: expected 4 fields \(name, M, N, K\) before the trailing comma, got 3/);
  });
  it('header only', () => {
    expect(bad(CONV_HEAD)).toMatch(/^t\.csv: no layer rows after the header/);
  });
});
