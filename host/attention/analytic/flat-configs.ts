// FLAT's per-(model, sequence length) choices, as the FuseMax artifact feeds them to its FLAT model: data, not code,
// from FPSG-UIUC/micro24-fusemax-artifact at commit f543beb9, workspace/outputs/pregenerated/results/
// flat_validation.csv, platform `cloud` (columns H, E, F, D, seq_len, *_loc, *_stationarity, fusion_granularity, P1,
// proportion_spilled). Where each tensor lives (on chip in the global buffer, or off chip in DRAM), the dataflow of
// the QK and AV GEMMs, the fusion granularity (a whole head, or blocks of P1 query rows), and the share of the
// on-chip intermediates that does not fit and spills to DRAM. flat.ts falls back to a rule for other points.

export interface FlatConfig {
  onchip: { Q: boolean; K: boolean; QK: boolean; A: boolean; V: boolean; AV: boolean };
  stationarity: { QK: 'output' | 'weight' | 'input'; AV: 'output' | 'weight' | 'input' };
  granularity: 'head' | 'row';
  /** Query rows per block (row granularity). */
  P1: number;
  /** Share of the on-chip intermediates spilled to DRAM. */
  spilled: number;
}

/** Key: `H,E,F,D,seq`. */
export const FLAT_CLOUD_CONFIGS: Record<string, FlatConfig> = {
  '12,64,64,768,512': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // BERT 512
  '12,64,64,768,1024': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // BERT 1K
  '12,64,64,768,2048': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // BERT 2K
  '12,64,64,768,4096': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.007751937984496138 }, // BERT 4K
  '12,64,64,768,8192': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // BERT 8K
  '12,64,64,768,16384': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.007751937984496138 }, // BERT 16K
  '12,64,64,768,32768': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 512, spilled: 0.007751937984496138 }, // BERT 32K
  '12,64,64,768,65536': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: true }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.007751937984496138 }, // BERT 64K
  '12,64,64,768,131072': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.5019455252918288 }, // BERT 128K
  '12,64,64,768,262144': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // BERT 256K
  '12,64,64,768,524288': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // BERT 512K
  '12,64,64,768,1048576': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // BERT 1M
  '16,64,64,1024,512': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // TrXL 512
  '16,64,64,1024,1024': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // TrXL 1K
  '16,64,64,1024,2048': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // TrXL 2K
  '16,64,64,1024,4096': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.007751937984496138 }, // TrXL 4K
  '16,64,64,1024,8192': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // TrXL 8K
  '16,64,64,1024,16384': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.007751937984496138 }, // TrXL 16K
  '16,64,64,1024,32768': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 512, spilled: 0.007751937984496138 }, // TrXL 32K
  '16,64,64,1024,65536': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: true }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.007751937984496138 }, // TrXL 64K
  '16,64,64,1024,131072': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.5019455252918288 }, // TrXL 128K
  '16,64,64,1024,262144': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // TrXL 256K
  '16,64,64,1024,524288': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // TrXL 512K
  '16,64,64,1024,1048576': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // TrXL 1M
  '8,64,64,512,512': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // T5 512
  '8,64,64,512,1024': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // T5 1K
  '8,64,64,512,2048': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // T5 2K
  '8,64,64,512,4096': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.007751937984496138 }, // T5 4K
  '8,64,64,512,8192': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // T5 8K
  '8,64,64,512,16384': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.007751937984496138 }, // T5 16K
  '8,64,64,512,32768': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 512, spilled: 0.007751937984496138 }, // T5 32K
  '8,64,64,512,65536': { onchip: { Q: false, K: false, QK: true, A: true, V: false, AV: true }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.007751937984496138 }, // T5 64K
  '8,64,64,512,131072': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.5019455252918288 }, // T5 128K
  '8,64,64,512,262144': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // T5 256K
  '8,64,64,512,524288': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // T5 512K
  '8,64,64,512,1048576': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // T5 1M
  '16,128,128,2048,512': { onchip: { Q: false, K: true, QK: true, A: true, V: true, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // XLM 512
  '16,128,128,2048,1024': { onchip: { Q: false, K: false, QK: true, A: true, V: true, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // XLM 1K
  '16,128,128,2048,2048': { onchip: { Q: false, K: false, QK: true, A: true, V: true, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.0 }, // XLM 2K
  '16,128,128,2048,4096': { onchip: { Q: false, K: false, QK: true, A: true, V: true, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'head', P1: 256, spilled: 0.06909090909090909 }, // XLM 4K
  '16,128,128,2048,8192': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // XLM 8K
  '16,128,128,2048,16384': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 1024, spilled: 0.026615969581749055 }, // XLM 16K
  '16,128,128,2048,32768': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: false }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 512, spilled: 0.019157088122605415 }, // XLM 32K
  '16,128,128,2048,65536': { onchip: { Q: true, K: false, QK: true, A: true, V: false, AV: true }, stationarity: { QK: 'output', AV: 'output' }, granularity: 'row', P1: 256, spilled: 0.01538461538461533 }, // XLM 64K
  '16,128,128,2048,131072': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // XLM 128K
  '16,128,128,2048,262144': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // XLM 256K
  '16,128,128,2048,524288': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // XLM 512K
  '16,128,128,2048,1048576': { onchip: { Q: true, K: false, QK: false, A: false, V: false, AV: true }, stationarity: { QK: 'weight', AV: 'weight' }, granularity: 'row', P1: 1024, spilled: 0.0 }, // XLM 1M
};
