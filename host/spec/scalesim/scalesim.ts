// SCALE-Sim v2 input files: .cfg architecture configs (scalesim-cfg.ts) and topology .csv files (scalesim-topology.ts).
import { readText } from '../text/files.ts';
import { parseScaleSimConfig } from './scalesim-cfg.ts';
import { parseScaleSimTopology } from './scalesim-topology.ts';
import type { ArchSpec, Workload } from '../types.ts';

export { parseScaleSimConfig } from './scalesim-cfg.ts';
export { parseScaleSimTopology } from './scalesim-topology.ts';

/** Read a SCALE-Sim .cfg file into a normalised ArchSpec. */
export const loadScaleSimConfig = (path: string): ArchSpec => parseScaleSimConfig(readText(path), path);

/** Read a SCALE-Sim topology .csv (conv or GEMM form) into a Workload. */
export const loadScaleSimTopology = (path: string): Workload => parseScaleSimTopology(readText(path), path);
