import { describe, expect, it } from 'vitest';
import { pythonFloat } from '../../host/report/format.ts';
import { bandwidthReportCsv, computeReportCsv, detailedAccessReportCsv } from '../../host/report/scalesim-csv.ts';
import { GEMM_LAYER, makeReport } from './fixture.ts';

// The header lines exactly as SCALE-Sim v2 writes them, quoted from scalesim/simulator.py, generate_reports():
//   header = 'LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,\n'
//   header = 'LayerID, '
//   header += 'SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, '
//   header += 'SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, '
//   header += 'SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, '
//   header += 'DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, '
//   header += 'DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, '
//   header += 'DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,\n'
// and its sample output test/golden_trace/COMPUTE_REPORT.csv has the row layout `0, 112283, 0, 91.68309650614964, ...,`.
const SCALESIM_COMPUTE_HEADER =
  'LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,';
const SCALESIM_DETAIL_HEADER =
  'LayerID, ' +
  'SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, ' +
  'SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, ' +
  'SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, ' +
  'DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, ' +
  'DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, ' +
  'DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,';

describe('COMPUTE_REPORT.csv', () => {
  const csv = computeReportCsv(makeReport());

  it("has SCALE-Sim v2's header line, byte for byte", () => {
    expect(csv.split('\n')[0]).toBe(SCALESIM_COMPUTE_HEADER);
  });

  it('has one row per layer, LayerID 0-based, percentages as Python floats, a trailing comma', () => {
    const rows = csv.split('\n').slice(1);
    expect(rows).toHaveLength(3); // two rows and the empty string after the final newline
    expect(rows[2]).toBe('');
    // Layer 1 of the fixture: 1,234,567 cycles, 34,567 stalls, mapping 0.25, compute 0.5; Overall Util % is
    // SCALE-Sim's (MACs · 100) / (cycles · PEs) = 361,267,200 / 19,753,072 (Python prints 18.289165351090706).
    expect(rows[1]).toBe('1, 1234567, 34567, 18.289165351090706, 25.0, 50.0,');
    expect(rows[0].startsWith('0, 17, 0, ')).toBe(true);
    expect(rows[0].split(', ')[4]).toBe('100.0');
  });
});

describe('DETAILED_ACCESS_REPORT.csv', () => {
  const csv = detailedAccessReportCsv(makeReport());

  it("has SCALE-Sim v2's header line, byte for byte", () => {
    expect(csv.split('\n')[0]).toBe(SCALESIM_DETAIL_HEADER);
  });

  it('fills reads/writes from the report and start/stop with the layer window [0, total cycles]', () => {
    const row = csv.split('\n')[1];
    // fixture layer 0: 17 cycles; SRAM ifmap 24, filter 24, ofmap writes 48; DRAM ifmap 24, filter 12, ofmap 32.
    expect(row).toBe(
      '0, 0.0, 17.0, 24, 0.0, 17.0, 24, 0.0, 17.0, 48, 0.0, 17.0, 24, 0.0, 17.0, 12, 0.0, 17.0, 32,',
    );
  });

  it('writes zero DRAM traffic in an empty window when the report has no DRAM figures', () => {
    const row = detailedAccessReportCsv(makeReport([{ ...GEMM_LAYER, dram: null }])).split('\n')[1];
    expect(row).toBe(
      '0, 0.0, 17.0, 24, 0.0, 17.0, 24, 0.0, 17.0, 48, 0.0, 0.0, 0, 0.0, 0.0, 0, 0.0, 0.0, 0,',
    );
  });

  it('has as many cells per row as header columns', () => {
    const [header, ...rows] = csv.trimEnd().split('\n');
    for (const row of rows) expect(row.split(', ').length).toBe(header.split(', ').length);
  });
});

describe('pythonFloat', () => {
  // Expected strings are what CPython 3 prints for repr(float) of the same values.
  it.each([
    [100, '100.0'],
    [0, '0.0'],
    [93.75, '93.75'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [0.0001, '0.0001'],
    [1e16, '1e+16'],
    [123456789012345, '123456789012345.0'],
  ])('%d → %s', (x, expected) => {
    expect(pythonFloat(x)).toBe(expected);
  });
});

// SCALE-Sim v2's sample output output/scale_sim_output_scale_example_run_32x32_os/BANDWIDTH_REPORT.csv starts with
//   LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,
const SCALESIM_BANDWIDTH_HEADER =
  'LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,';

describe('BANDWIDTH_REPORT.csv', () => {
  it("has SCALE-Sim v2's header line and words per cycle over the layer's cycles", () => {
    const lines = bandwidthReportCsv(makeReport([GEMM_LAYER])).split('\n');
    expect(lines[0]).toBe(SCALESIM_BANDWIDTH_HEADER);
    // fc1: 17 cycles; SRAM ifmap 24, filter 24, ofmap 48; DRAM 24, 12, 32 (no SCALE-Sim windows in the fixture).
    expect(lines[1]).toBe(`0, ${[24 / 17, 24 / 17, 48 / 17, 24 / 17, 12 / 17, 32 / 17].map(pythonFloat).join(', ')},`);
  });
});
