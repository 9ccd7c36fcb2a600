// Text tables of the depthwise and E2GC studies.
import { GROUPING_KINDS } from '../../mappings/index.ts';
import { groupThousands, percent } from '../report/format.ts';
import { renderGrid } from '../report/grid.ts';
import { type ArchSpec, DATAFLOW_KINDS, type TimingMode } from '../spec/types.ts';
import type { DepthwiseStudy, StudyRow } from './depthwise.ts';
import type { E2gcRow } from './e2gc.ts';

type Runs = StudyRow['runs'][keyof StudyRow['runs']];
// Packed is null under --timing scalesim (SCALE-Sim cannot pack): the sequential run is then the best true mapping.
const bestRun = (r: Runs) => (r.packed !== null && r.packed.cycles < r.sequential.cycles ? r.packed : r.sequential);
const best = (r: Runs) => bestRun(r).cycles;
const NOT_RUN = 'n/a';

/** One table per dataflow: both group strategies, the dense encoding of depthwise layers, the roofline verdict. */
export function renderDepthwiseStudy(s: DepthwiseStudy): string {
  const titles = ['layer', 'kind', 'MACs', 'seq cycles', 'seq util%', 'packed cycles', 'packed util%', 'g/fold', 'dense-enc cycles', 'dense/true', 'DRAM cycles', 'roofline', 'stall%'];
  const right = titles.map((_, i) => i >= 2 && i !== 11);
  const sections = DATAFLOW_KINDS.map((df) => {
    const rows = s.rows.map((r) => {
      const run = r.runs[df];
      const b = best(run);
      return [
        r.layer,
        r.kind,
        groupThousands(r.macs),
        groupThousands(run.sequential.cycles),
        percent(run.sequential.utilization),
        run.packed === null ? NOT_RUN : groupThousands(run.packed.cycles),
        run.packed === null ? NOT_RUN : percent(run.packed.utilization),
        run.packed === null ? NOT_RUN : String(run.packed.groupsPerFold),
        run.dense === null ? '' : groupThousands(run.dense.cycles),
        run.dense === null ? '' : `${(run.dense.cycles / b).toFixed(2)}×`,
        groupThousands(r.dramCycles),
        r.dramCycles > bestRun(run).cycles - bestRun(run).stall ? 'memory' : 'compute',
        percent(bestRun(run).stall / b),
      ];
    });
    const sum = (f: (r: StudyRow) => number) => s.rows.reduce((a, r) => a + f(r), 0);
    const seq = sum((r) => r.runs[df].sequential.cycles);
    const packed = s.timing === 'scalesim' ? NOT_RUN : groupThousands(sum((r) => r.runs[df].packed?.cycles ?? 0));
    rows.push(['total', '', groupThousands(sum((r) => r.macs)), groupThousands(seq), '', packed, '', '', '', '', '', '', '']);
    return `dataflow ${df}\n${renderGrid(titles, rows, right)}`;
  });
  const { rows: R, cols: C } = s.arch.array;
  return [
    `depthwise study: ${s.workload} on ${s.arch.name} (${R}×${C}), timing ${s.timing}, DRAM ${s.arch.dram.bandwidthWordsPerCycle} words/cycle`,
    'seq = groups one after another; packed = block-diagonal (g/fold groups per fold); dense-enc = SCALE-Sim\'s',
    'encoding of a depthwise layer (C channels, 1 filter); dense/true = its cycles over the better true mapping;',
    'roofline = memory when moving the compulsory DRAM words takes longer than the better true mapping\'s stall-free cycles;',
    'stall% = share of the better true mapping\'s cycles the array stalled on the simulated memory system.',
    ...(s.timing === 'scalesim' ? ['packed: n/a under --timing scalesim (SCALE-Sim has no block-diagonal packing).'] : []),
    '',
    ...sections.flatMap((x) => [x, '']),
  ].join('\n');
}

/** The arch as the study ran it: name, array and, under native timing, the memory model (and DRAM bandwidth). */
function describeArch(arch: ArchSpec, timing: TimingMode): string {
  const { rows, cols } = arch.array;
  if (timing !== 'native') return `${arch.name} (${rows}×${cols}, timing ${timing})`;
  const memory = arch.memory.model === 'ideal' ? 'ideal memory' : `simulated memory, DRAM ${arch.dram.bandwidthWordsPerCycle} words/cycle`;
  return `${arch.name} (${rows}×${cols}, ${memory})`;
}

/** Per stage and policy, every dataflow's cycles and utilization under both group strategies. */
export function renderE2gcStudy(rows: E2gcRow[], arch: ArchSpec | string, timing: TimingMode = 'native'): string {
  const on = typeof arch === 'string' ? arch : describeArch(arch, timing);
  const combos = DATAFLOW_KINDS.flatMap((df) => GROUPING_KINDS.map((g) => [df, g] as const));
  const titles = ['stage', 'policy', 'groups', 'group size', 'MACs', ...combos.map(([df, g]) => `${df}/${g === 'sequential' ? 'seq' : 'packed'} cycles (util%)`)];
  const right = titles.map((_, i) => i !== 1);
  const body = rows.map((r) => [
    String(r.stage),
    r.policy,
    String(r.groups),
    String(r.groupSize),
    groupThousands(r.macs),
    ...combos.map(([df, g]) => {
      const run = r.runs[df][g];
      return run === undefined ? 'n/a (SCALE-Sim cannot pack)' : `${groupThousands(run.cycles)} (${percent(run.utilization)})`;
    }),
  ]);
  return `E2GC: ResNeXt-style grouped 3×3 conv on ${on}, constant group count vs constant group size\n${renderGrid(titles, body, right)}\n`;
}
