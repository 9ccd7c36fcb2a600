import { describe, expect, it } from 'vitest';
import { renderTable } from '../../host/report/table.ts';
import { DW_LAYER, GEMM_LAYER, makeReport } from './fixture.ts';

// Expected cells are worked out by hand from the fixture's numbers (see fixture.ts), not produced by the renderer.
const lines = (s: string): string[] => s.split('\n');
const rowOf = (table: string, first: string): string => {
  const row = lines(table).find((l) => l.startsWith(first));
  if (row === undefined) throw new Error(`no row starting with ${first}`);
  return row;
};
const cells = (row: string): string[] => row.trim().split(/\s{2,}/);

describe('renderTable', () => {
  const table = renderTable(makeReport(), { wide: true });

  it('starts with a header line naming arch, array size, timing and workload', () => {
    const header = lines(table)[0];
    expect(header).toContain('tiny-4');
    expect(header).toContain('4×4');
    expect(header).toContain('timing scalesim');
    expect(header).toContain('workload tiny_net');
    expect(header).toContain('2 layers');
  });

  it('has one row per layer with every column, numbers grouped by thousands', () => {
    expect(cells(rowOf(table, 'fc1'))).toEqual(
      ['fc1', 'gemm', 'os', '8×4×3', '2×1', '96', '17', '0', '100.0', '33.3', '35.3', '48', '48', '68', '28.8 pJ', 'yes'],
    );
    // SRAM reads = ifmap + filter + ofmap reads = 1,000,000 + 2,000 + 5.
    expect(cells(rowOf(table, 'conv_dw_1'))).toEqual([
      'conv_dw_1', 'dwconv', 'os', '12544×1×9×32g', '3136×1', '3,612,672', '1,234,567', '34,567',
      '25.0', '50.0', '93.8', '1,002,005', '401,408', '803,104', '1.08 µJ', '-',
    ]);
  });

  it('ends with a totals row: summed cycles, MACs and SRAM, overall utilization, verified summary', () => {
    // cycles 17 + 1,234,567; stall 0 + 34,567; MACs 96 + 3,612,672; util 3,612,768 / (1,234,584 · 16) = 0.1829;
    // SRAM rd 48 + 1,002,005; DRAM 68 + 803,104; energy 28.8 pJ + 1,083,801.6 pJ.
    expect(cells(rowOf(table, 'total'))).toEqual(
      ['total', '3,612,768', '1,234,584', '34,567', '18.3', '1,002,053', '401,456', '803,172', '1.08 µJ', 'yes'],
    );
  });

  it('right-aligns numeric columns under their titles', () => {
    const titles = lines(table).find((l) => l.startsWith('layer'))!;
    const end = titles.indexOf('cycles') + 'cycles'.length;
    for (const name of ['fc1', 'conv_dw_1', 'total']) {
      const row = rowOf(table, name);
      const cyclesCell = name === 'fc1' ? '17' : name === 'conv_dw_1' ? '1,234,567' : '1,234,584';
      expect(row.indexOf(cyclesCell) + cyclesCell.length).toBe(end);
    }
  });

  it('marks a failed verification and has no colour codes unless asked', () => {
    const failed = renderTable(makeReport([{ ...GEMM_LAYER, verified: false }, DW_LAYER]));
    expect(cells(rowOf(failed, 'fc1')).at(-1)).toBe('NO');
    expect(cells(rowOf(failed, 'total')).at(-1)).toBe('NO');
    expect(failed).not.toContain('\u001b');
    expect(renderTable(makeReport(), { color: true })).toContain('\u001b[1m');
  });

  it('shows how many groups were packed into each fold', () => {
    const packed = { ...DW_LAYER, grouping: { strategy: 'packed' as const, groupsPerFold: 4 } };
    expect(cells(rowOf(renderTable(makeReport([packed])), 'conv_dw_1'))[3]).toBe('12544×1×9×32g (4/fold)');
  });

  it('has no verified column when nothing was checked', () => {
    const unchecked = renderTable(makeReport([DW_LAYER]), { wide: true });
    expect(cells(rowOf(unchecked, 'total'))).toHaveLength(9); // every total; no 'verified'
    expect(rowOf(unchecked, 'layer')).not.toContain('verified');
    expect(lines(unchecked)[0]).toContain('1 layer)');
  });

  it('names the unit of every count under its title', () => {
    const titles = lines(table).findIndex((l) => l.startsWith('layer'));
    const units = lines(table)[titles + 1];
    const at = (title: string) => lines(table)[titles].indexOf(title) + title.length; // right edge of the title
    for (const [title, unit] of [['cycles', 'cycles'], ['stall', 'cycles'], ['util%', '%'], ['SRAM rd', 'words'], ['DRAM', 'words']]) {
      const end = at(title);
      expect(units.slice(end - unit.length, end), title).toBe(unit);
    }
  });

  it('fits the width by leaving out the least important columns, says which, and --wide keeps all', () => {
    // Every column of the fixture's table: 16, with a line 160-odd characters wide at most.
    const wide = renderTable(makeReport(), { wide: true, width: 60 });
    expect(cells(rowOf(wide, 'fc1'))).toHaveLength(16);
    const narrow = renderTable(makeReport(), { width: 100 });
    const width = Math.max(...lines(narrow).map((l) => l.length));
    expect(width).toBeLessThanOrEqual(100);
    expect(lines(narrow)[1]).toMatch(/^\(\d columns left out to fit 100 characters: MACs, folds.*; --wide shows them\)$/);
    expect(rowOf(narrow, 'layer')).not.toContain('MACs');
    // The columns that are never left out stay, even when they alone are wider than asked.
    const tiny = renderTable(makeReport(), { width: 10 });
    expect(cells(rowOf(tiny, 'layer'))).toEqual(['layer', 'df', 'cycles', 'stall', 'util%', 'energy', 'verified']);
  });
});
