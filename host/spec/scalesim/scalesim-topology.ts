// SCALE-Sim v2 topology .csv → Workload, by the rules of scalesim/topology_utils.py (load_arrays_conv,
// load_arrays_gemm, append_topo_arrays):
// - The first line is a header and is skipped; blank lines are skipped; each line is stripped.
// - Every row is split on ',' and its LAST piece is dropped (`row.split(',')[:-1]`): rows end with a trailing comma,
//   and anything after the last comma (SCALE-Sim's own files put `#dw` there) is ignored. A row without the trailing
//   comma loses its last number, so it is reported with the wrong field count.
// - Conv form, header `Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,
//   Strides,` (or the short `name,H,W,R_f,S_f,C,N,stride,`; see detectForm): `name, H, W, R, S, C, N, stride` (stride used for both axes) or `..., stride_h, stride_w`. H and W are
//   already padded, so padding is 0, except that SCALE-Sim's Eh = ceil((H − R + s)/s) also counts a last partial
//   window when s does not divide H − R: that window is reproduced as (s − (H − R) mod s) mod s rows of zero padding
//   at the bottom (columns at the right), so Systole's M and MACs equal SCALE-Sim's. R ≤ H and S ≤ W (its ISSUE #9).
// - Depthwise: a conv row whose name contains `DP` (case-sensitive) becomes C layers, one per channel, named
//   `<name>Channel_<i>` (i = 0..C−1), each with 1 channel and the row's N filters (load_arrays_conv).
// - GEMM form, header `Layer, M, N, K,` (SCALE-Sim chooses it with `-i gemm`; here the header decides):
//   `name, M, N, K` → a gemm layer (SCALE-Sim runs it as an M×K ifmap, a 1×K filter and N filters).
// - Fields are Python int()s: optional sign, digits, surrounding spaces. Systole also requires them to be >= 1
//   and layer names to be unique. Layers are chained: each reads the previous one.
import { InputError } from '../../errors.ts';
import { stemOf } from '../text/files.ts';
import type { ConvLayer, GemmLayer, Layer, Workload } from '../types.ts';
import { MAX_WORKLOAD_LAYERS } from '../workload/workload-schema.ts';

const CONV_FIELDS = ['IFMAP Height', 'IFMAP Width', 'Filter Height', 'Filter Width', 'Channels', 'Num Filter', 'Strides'];
const GEMM_FIELDS = ['M', 'N', 'K'];
const CONV_HEADER = `Layer name, ${CONV_FIELDS.join(', ')},`;
const GEMM_HEADER = `Layer, ${GEMM_FIELDS.join(', ')},`;
const SHORT_CONV_HEADER = 'name,H,W,R_f,S_f,C,N,stride,';

/**
 * The header names each column may have (compared case-insensitively, spaces collapsed): SCALE-Sim's own and the
 * short names of shared/DESIGN.md (`name,H,W,R_f,S_f,C,N,stride,`). SCALE-Sim skips the header unread; Systole
 * reads it to tell the two forms apart and refuses a column it does not know, so a file in another layout is not
 * misread.
 */
const NAME_COLUMN = ['layer name', 'layer', 'name'];
const CONV_COLUMNS = [
  ['ifmap height', 'h'], ['ifmap width', 'w'], ['filter height', 'r_f', 'r'], ['filter width', 's_f', 's'],
  ['channels', 'c'], ['num filter', 'num filters', 'n'], ['strides', 'stride', 'stride height', 'stride_h'],
  ['stride width', 'stride_w'],
];
const GEMM_COLUMNS = [['m'], ['n'], ['k']];

type Form = 'conv' | 'gemm';

const normalise = (c: string) => c.trim().toLowerCase().replace(/\s+/g, ' ');

function detectForm(header: string, source: string): Form {
  const cols = header.split(',').map(normalise);
  while (cols.length > 0 && cols[cols.length - 1] === '') cols.pop();
  const fix = `start the file with '${CONV_HEADER}' or '${SHORT_CONV_HEADER}' (conv) or '${GEMM_HEADER}' (GEMM)`;
  const form: Form | null = GEMM_COLUMNS[0].includes(cols[1]) ? 'gemm' : CONV_COLUMNS[0].includes(cols[1]) ? 'conv' : null;
  if (form === null) throw new InputError(`${source} row 1`, `header '${header}' is neither topology form`, fix);
  const expected = form === 'gemm' ? GEMM_COLUMNS : CONV_COLUMNS;
  const columns = [NAME_COLUMN, ...expected];
  const required = form === 'gemm' ? 4 : 8;
  if (cols.length < required || cols.length > columns.length) {
    throw new InputError(`${source} row 1`, `a ${form} header has ${required}${form === 'conv' ? ' or 9' : ''} columns, this one ${cols.length}`, fix);
  }
  cols.forEach((c, i) => {
    if (!columns[i].includes(c)) {
      const names = columns[i].join("' or '");
      throw new InputError(`${source} row 1, column ${i + 1}`, `'${c}' is not a ${form} topology column here`, `name it '${names}' (${fix})`);
    }
  });
  return form;
}

/** The extra bottom/right zero padding that makes floor((H + p − R)/s) + 1 equal SCALE-Sim's ceil((H − R + s)/s). */
const partialWindowPad = (size: number, window: number, stride: number) => (stride - ((size - window) % stride)) % stride;

function toInts(fields: string[], names: string[], at: string): number[] {
  return fields.map((f, i) => {
    const v = f.trim();
    if (!/^[+-]?\d+$/.test(v)) throw new InputError(`${at}, ${names[i]}`, `expected an integer, got '${v}'`, `write ${names[i]} as a whole number`);
    const n = Number(v);
    if (n < 1) throw new InputError(`${at}, ${names[i]}`, `expected a positive integer, got ${n}`, `set ${names[i]} to 1 or more`);
    return n;
  });
}

function convRow(name: string, nums: number[], at: string): Omit<ConvLayer, 'name' | 'inputs'> {
  const [h, w, r, s, c, n, sh, sw = sh] = nums;
  if (r > h) throw new InputError(`${at}, Filter Height`, `filter height ${r} is larger than the IFMAP height ${h}`, 'use a filter no taller than the (pre-padded) input');
  if (s > w) throw new InputError(`${at}, Filter Width`, `filter width ${s} is larger than the IFMAP width ${w}`, 'use a filter no wider than the (pre-padded) input');
  return {
    kind: 'conv',
    ifmap: { h, w, c },
    filter: { h: r, w: s },
    filters: n,
    stride: { h: sh, w: sw },
    padding: { top: 0, bottom: partialWindowPad(h, r, sh), left: 0, right: partialWindowPad(w, s, sw) },
    groups: 1,
  };
}

function fieldCountError(form: Form, got: number, row: string, at: string): InputError {
  const expected = form === 'conv' ? `8 fields (name, ${CONV_FIELDS.join(', ')}) or 9 (… Stride height, Stride width)` : `4 fields (name, M, N, K)`;
  const hint = row.endsWith(',') ? '' : ' (this row has no trailing comma, so SCALE-Sim drops its last field)';
  return new InputError(at, `expected ${expected} before the trailing comma, got ${got}${hint}`, 'end every row with a comma, e.g. ' + (form === 'conv' ? "'Conv1, 224, 224, 3, 3, 3, 32, 2,'" : "'Layer1, 256, 128, 256,'"));
}

/** The lines of `text` one at a time (\r\n, \r or \n), so a huge file is not split whole before its first row. */
function* linesOf(text: string): Generator<string, void> {
  const eol = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = eol.exec(text); m !== null; m = eol.exec(text)) {
    yield text.slice(start, m.index);
    start = eol.lastIndex;
  }
  yield text.slice(start);
}

/** Parse the text of a SCALE-Sim topology .csv (conv or GEMM form, detected from the header) into a Workload. */
export function parseScaleSimTopology(text: string, source: string, maxLayers: number = MAX_WORKLOAD_LAYERS): Workload {
  const lines = linesOf(text.replace(/^\uFEFF/, ''));
  const form = detectForm(lines.next().value!.trim(), source);
  const layers: Layer[] = [];
  const rowOf = new Map<string, number>();
  const tooMany = (rowNo: number) =>
    new InputError(`${source} row ${rowNo}`, `the topology has more than ${maxLayers.toLocaleString('en-US')} layers (Systole's limit per workload)`, 'split it into several files');
  const push = (layer: Omit<ConvLayer, 'name' | 'inputs'> | Omit<GemmLayer, 'name' | 'inputs'>, name: string, rowNo: number) => {
    if (layers.length >= maxLayers) throw tooMany(rowNo);
    if (name === '') throw new InputError(`${source} row ${rowNo}`, 'empty layer name', 'give the layer a name in the first field');
    const first = rowOf.get(name);
    if (first !== undefined) throw new InputError(`${source} row ${rowNo}`, `duplicate layer name '${name}' (also row ${first})`, 'give every layer its own name');
    rowOf.set(name, rowNo);
    const inputs = layers.length === 0 ? [] : [layers[layers.length - 1].name];
    layers.push({ name, inputs, ...layer } as Layer);
  };

  let rowNo = 1;
  for (const raw of lines) {
    rowNo++;
    const row = raw.trim();
    if (row === '') continue;
    const at = `${source} row ${rowNo}`;
    const fields = row.split(',').slice(0, -1);
    const name = (fields[0] ?? '').trim();
    if (form === 'gemm') {
      if (fields.length !== 4) throw fieldCountError(form, fields.length, row, at);
      const [m, n, k] = toInts(fields.slice(1), GEMM_FIELDS, at);
      push({ kind: 'gemm', m, n, k, groups: 1 }, name, rowNo);
      continue;
    }
    if (fields.length !== 8 && fields.length !== 9) throw fieldCountError(form, fields.length, row, at);
    const names = fields.length === 9 ? [...CONV_FIELDS.slice(0, 6), 'Stride height', 'Stride width'] : CONV_FIELDS;
    const conv = convRow(name, toInts(fields.slice(1), names, at), at);
    if (!name.includes('DP')) {
      push(conv, name, rowNo);
      continue;
    }
    if (layers.length + conv.ifmap.c > maxLayers) throw tooMany(rowNo);
    for (let ch = 0; ch < conv.ifmap.c; ch++) push({ ...conv, ifmap: { ...conv.ifmap, c: 1 } }, `${name}Channel_${ch}`, rowNo);
  }
  if (layers.length === 0) throw new InputError(source, 'no layer rows after the header', 'add one row per layer');
  return { name: stemOf(source), batch: 1, layers };
}
