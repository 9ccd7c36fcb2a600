// SCALE-Sim v2's own sample outputs, reproduced column by column. Sources (repository scalesim-project/scale-sim-v2):
// 1. test/general/golden_trace/{DETAILED_ACCESS_REPORT,BANDWIDTH_REPORT}.csv — the CALC regression run of
//    test/general/scripts/function_test.sh: configs/scale.cfg (32×32, 64 kB SRAMs, CALC) with Dataflow: ws on
//    topologies/conv_nets/alexnet_part.csv (Conv1 224×224×3, 11×11, 96 filters, stride 4).
// 2. rundir-accelergy/output/scale_sim_output_scale_example_run_32x32_os/DETAILED_ACCESS_REPORT.csv and
//    output/scale_sim_output_scale_example_run_32x32_os/BANDWIDTH_REPORT.csv — configs/scale.cfg with Dataflow: os
//    (32×32, 64 kB, CALC) on topologies/conv_nets/test.csv (Inc5b_3x3: 7×7×192, 3×3, 384 filters, stride 1).
// 3. test/general/golden_trace_user_{os,ws,is}/DETAILED_ACCESS_REPORT.csv — USER mode (Bandwidth 10) on
//    topologies/GEMM_mnk/test_mnk_input.csv (M 256, N 128, K 256). Their IFMAP and Filter DRAM columns are
//    reproduced exactly. Their OS/WS stall cycles and OFMAP columns are not: those files were regenerated (commit
//    18975c2, on its dev branches) by a read_buffer.py that adds SRAM bank modelling and counts a positive prefetch
//    stall twice (d78b477 before 22f88b1 removed the double count), so they are not its main branch's figures
//    (README.md § Differences); runs of 22f88b1 itself are checked below.
import { describe, expect, test } from 'vitest';
import type { ComputeLayer } from '../../../host/spec/types.ts';
import { type CfgOptions, cfgArch, convTopology, gemmTopology, run } from './helpers.ts';

describe('SCALE-Sim v2 CALC goldens', () => {
  test('WS, alexnet_part Conv1 (test/general/golden_trace)', () => {
    const [conv1] = convTopology('Conv1,  224, 224,    11, 11,    3,      96,     4,');
    const r = run(cfgArch({ dataflow: 'ws', mode: 'CALC' }), conv1);
    // DETAILED_ACCESS_REPORT: DRAM IFMAP -3243.0, 111824.0, 1805023; Filter -3275.0, 102937.0, 34848;
    // OFMAP 1102.0, 112639.0, 3484831. SRAM IFMAP 33.0, 112176.0; Filter 1.0, 109197.0; OFMAP 63.0, 112283.0.
    expect(r.dram).toEqual({ ifmapReads: 1805023, filterReads: 34848, ofmapWrites: 3484831 });
    expect(r.dramWindows).toEqual({ ifmap: { start: -3243, stop: 111824 }, filter: { start: -3275, stop: 102937 }, ofmap: { start: 1102, stop: 112639 } });
    expect(r.sramWindows).toEqual({ ifmap: { start: 33, stop: 112176 }, filter: { start: 1, stop: 109197 }, ofmap: { start: 63, stop: 112283 } });
    // test/golden_trace/COMPUTE_REPORT.csv: 112283 total cycles, 0 stalls.
    expect(r.cycles).toEqual({ total: 112283, stall: 0 });
    // BANDWIDTH_REPORT: Avg IFMAP/FILTER/OFMAP DRAM BW.
    expect(r.avgBandwidth.ifmapRead).toBe(15.686576632947475);
    expect(r.avgBandwidth.filterRead).toBe(0.3280954308794592);
    expect(r.avgBandwidth.ofmapWrite).toBe(31.243441697000126);
  });

  test('OS, test.csv Inc5b_3x3 (scale_example_run_32x32_os)', () => {
    const [inc] = convTopology('Inc5b_3x3, 7, 7, 3, 3, 192, 384, 1,');
    const r = run(cfgArch({ dataflow: 'os', mode: 'CALC' }), inc);
    // DETAILED_ACCESS_REPORT: DRAM IFMAP -983.0, -1.0, 9408; Filter -3275.0, 21167.0, 663552;
    // OFMAP 21479.0, 21778.0, 9600. SRAM IFMAP 1.0, 21442.0; Filter 1.0, 21449.0; OFMAP 1734.0, 21479.0.
    expect(r.dram).toEqual({ ifmapReads: 9408, filterReads: 663552, ofmapWrites: 9600 });
    expect(r.dramWindows).toEqual({ ifmap: { start: -983, stop: -1 }, filter: { start: -3275, stop: 21167 }, ofmap: { start: 21479, stop: 21778 } });
    expect(r.sramWindows).toEqual({ ifmap: { start: 1, stop: 21442 }, filter: { start: 1, stop: 21449 }, ofmap: { start: 1734, stop: 21479 } });
    // COMPUTE_REPORT: 21479 total cycles, 0 stalls.
    expect(r.cycles).toEqual({ total: 21479, stall: 0 });
    // BANDWIDTH_REPORT: 9.570701932858595, 27.146913226690668, 32.0.
    expect(r.avgBandwidth).toEqual({ ifmapRead: 9.570701932858595, filterRead: 27.146913226690668, ofmapWrite: 32 });
  });
});

describe('SCALE-Sim v2 USER goldens: DRAM reads (test/general/golden_trace_user_*)', () => {
  const [gemm] = gemmTopology('Test 1, 256, 128, 256,');
  // IFMAP: start, stop, reads; Filter: start, stop, reads — the same in the three files except the IS ifmap.
  test.each([
    { df: 'os', ifmap: [-3277, 49169, 524320] },
    { df: 'ws', ifmap: [-3277, 49169, 524320] },
    { df: 'is', ifmap: [-3277, 9833, 131080] },
  ] as const)('$df', ({ df, ifmap }) => {
    const r = run(cfgArch({ dataflow: df, mode: 'USER', bandwidth: 10 }), gemm);
    expect([r.dramWindows.ifmap.start, r.dramWindows.ifmap.stop, r.dram.ifmapReads]).toEqual(ifmap);
    expect([r.dramWindows.filter.start, r.dramWindows.filter.stop, r.dram.filterReads]).toEqual([-3277, -1, 32770]);
  });
});

// SCALE-Sim v2 at its newest commit 22f88b1 (with d78b477: an ofmap write stall counts served − cycle, a prefetch's
// potential stall is added only when positive), run as is (python3, numpy 2) on these .cfg/topology pairs — figures
// that are in no file of its repository, taken from its own COMPUTE_REPORT and DETAILED_ACCESS_REPORT. All three
// CSVs of 36 such runs (OS/WS/IS × Bandwidth 1, 3, 10 × 1 and 4 kB SRAMs × a GEMM and a strided conv) agree with
// Systole's byte for byte; 13 of them differ under the rules of 48f6938 that Systole followed before (those below
// marked "changed"), e.g. WS 100×40×70 at B = 1: 31353 stalls then, 31356 now.
describe('SCALE-Sim v2 22f88b1, USER mode, runs of its own code', () => {
  const [gemm256] = gemmTopology('Test 1, 256, 128, 256,');
  const [g] = gemmTopology('G, 100, 40, 70,');
  const [c] = convTopology('C, 14, 14, 3, 3, 8, 24, 2,');
  const cases: { what: string; layer: ComputeLayer; o: Omit<CfgOptions, 'mode'>; cycles: number[]; ofmap: number[]; ifmapSram: number[] }[] = [
    // test/general/golden_trace_user_is's COMPUTE_REPORT also says 5777 stalls (changed: 5775 at 48f6938).
    { what: 'IS GEMM 256×128×256, 32×32, 64 kB, B 10', layer: gemm256, o: { dataflow: 'is', bandwidth: 10 }, cycles: [19984, 5777], ofmap: [1839, 26537, 262144], ifmapSram: [1, 19795] },
    { what: 'WS GEMM 100×40×70, 8×16, 1 kB, B 1 (changed)', layer: g, o: { rows: 8, cols: 16, kib: [1, 1, 1], dataflow: 'ws', bandwidth: 1 }, cycles: [34865, 31356], ofmap: [54, 35536, 36000], ifmapSram: [9, 34849] },
    { what: 'WS GEMM 100×40×70, 8×16, 4 kB, B 10 (changed)', layer: g, o: { rows: 8, cols: 16, kib: [4, 4, 4], dataflow: 'ws', bandwidth: 10 }, cycles: [3816, 307], ofmap: [180, 3935, 36041], ifmapSram: [9, 3800] },
    { what: 'OS GEMM 100×40×70, 8×16, 1 kB, B 3', layer: g, o: { rows: 8, cols: 16, kib: [1, 1, 1], dataflow: 'os', bandwidth: 3 }, cycles: [34463, 30876], ofmap: [3974, 34599, 4000], ifmapSram: [1, 34445] },
    { what: 'IS conv 14×14×8, 3×3, 24 filters, stride 2, 16×8, 1 kB, B 1 (changed: SRAM IFMAP stop 28904 then)', layer: c, o: { rows: 16, cols: 8, kib: [1, 1, 1], dataflow: 'is', bandwidth: 1 }, cycles: [32362, 30193], ofmap: [1034, 32609, 5880], ifmapSram: [1, 28905] },
    { what: 'WS conv 14×14×8, 3×3, 24 filters, stride 2, 16×8, 1 kB, B 1', layer: c, o: { rows: 16, cols: 8, kib: [1, 1, 1], dataflow: 'ws', bandwidth: 1 }, cycles: [22108, 20804], ofmap: [1033, 22355, 5880], ifmapSram: [17, 22086] },
  ];
  test.each(cases)('$what', ({ layer, o, cycles, ofmap, ifmapSram }) => {
    const r = run(cfgArch({ mode: 'USER', ...o }), layer);
    expect([r.cycles.total, r.cycles.stall]).toEqual(cycles);
    expect([r.dramWindows.ofmap.start, r.dramWindows.ofmap.stop, r.dram.ofmapWrites]).toEqual(ofmap);
    expect([r.sramWindows.ifmap.start, r.sramWindows.ifmap.stop]).toEqual(ifmapSram);
  });
});
