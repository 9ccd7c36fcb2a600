// Expanding a sweep into points: the product with zipped axes, where, the arch schema on every point, the keys.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandPoints } from '../../host/sweep/points.ts';
import { parseSweep } from '../../host/sweep/spec.ts';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const spec = (extra: Record<string, unknown>) => parseSweep({ arch: 'tiny-arch.yaml', workloads: ['tiny.csv'], ...extra }, `${FIX}sweep.yaml`);

describe('expandPoints', () => {
  it('crosses the axes, the last one fastest; zipped axes move together', () => {
    // rows×cols zipped (3 pairs) × dataflow (2) = 6 points, not 3·3·2 = 18.
    const points = expandPoints(spec({ axes: { 'array.rows': [2, 4, 8], 'array.cols': [3, 5, 7], dataflow: ['os', 'ws'] }, zip: [['array.rows', 'array.cols']] }));
    expect(points.map((p) => Object.values(p.params).join('/'))).toEqual(['2/3/os', '2/3/ws', '4/5/os', '4/5/ws', '8/7/os', '8/7/ws']);
    const arch = points[3].arch;
    expect('error' in arch ? arch : { rows: arch.array.rows, cols: arch.array.cols, dataflow: arch.dataflow }).toEqual({ rows: 4, cols: 5, dataflow: 'ws' });
  });

  it('the unzipped product has every combination', () => {
    const points = expandPoints(spec({ axes: { 'array.rows': [2, 4, 8], 'array.cols': [3, 5, 7], dataflow: ['os', 'ws'] } }));
    expect(points).toHaveLength(18);
    expect(new Set(points.map((p) => p.key)).size).toBe(18);
  });

  it('where keeps the points its expression holds for', () => {
    const points = expandPoints(spec({ axes: { 'array.rows': [2, 4, 8], 'array.cols': [2, 4, 8] }, where: 'array.rows * array.cols <= 16 and workload == "tiny"' }));
    // pairs with product ≤ 16: 2·2, 2·4, 2·8, 4·2, 4·4, 8·2
    expect(points.map((p) => `${p.params['array.rows']}x${p.params['array.cols']}`)).toEqual(['2x2', '2x4', '2x8', '4x2', '4x4', '8x2']);
  });

  it('a value the arch schema refuses makes that point an error, not the sweep', () => {
    const points = expandPoints(spec({ axes: { 'array.rows': [4, 0, 1024] } }));
    expect(points.map((p) => 'error' in p.arch)).toEqual([false, true, true]);
    const err = points[1].arch as { error: string };
    expect(err.error).toContain('array.rows');
    expect(err.error).toContain('1..512');
    expect(err.error).not.toContain('\n');
  });

  it('keys depend on the normalised arch, the workload and the timing, and nothing else', () => {
    const a = expandPoints(spec({ axes: { 'array.rows': [4, 8] } }));
    const b = expandPoints(spec({ axes: { 'array.rows': [8, 4] } }));
    expect(a[0].key).toBe(b[1].key); // same point, other order
    expect(a[0].key).not.toBe(a[1].key);
    // 64 KiB is the default ifmap size of tiny-arch: the same normalised arch as not sweeping it
    const c = expandPoints(spec({ axes: { 'sram.ifmapKiB': [64] } }));
    const d = expandPoints(spec({ axes: { 'array.rows': [4] } }));
    expect(c[0].key).toBe(d[0].key);
    const e = expandPoints(spec({ axes: { 'array.rows': [4] }, timing: 'scalesim' }));
    expect(e[0].key).not.toBe(d[0].key);
  });
});
