// host/view's pure functions on the hand-made report of tests/report/fixture.ts (no simulator, no browser): the
// roofline's figures by hand, which charts a report gets, and that names from the input cannot break the page.
import { describe, expect, it } from 'vitest';
import type { LayerReport } from '../../host/report/types.ts';
import { chartSpecs } from '../../host/view/charts.ts';
import { escapeHtml, htmlDocument, layerTable, reportBody } from '../../host/view/html.ts';
import { reportView } from '../../host/view/model.ts';
import { DW_LAYER, GEMM_LAYER, makeReport } from '../report/fixture.ts';

const ids = (r = makeReport()) => chartSpecs(reportView(r), '').map((c) => c.id);

describe('reportView', () => {
  it('puts each layer on the roofline at MACs per DRAM word moved, attaining MACs per cycle (by hand)', () => {
    const { roofline } = reportView(makeReport());
    expect(roofline.traffic).toBe('dram');
    expect(roofline.computeRoof).toBe(16); // 4×4 PEs
    // fc1: 96 MACs / (24 + 12 + 32) DRAM words, 96 MACs / 17 cycles
    expect(roofline.points[0]).toEqual({ layer: 'fc1', intensity: 96 / 68, attained: 96 / 17 });
    // conv_dw_1: 3,612,672 MACs / (401,408 + 288 + 401,408) words, / 1,234,567 cycles
    expect(roofline.points[1].intensity).toBeCloseTo(3_612_672 / 803_104, 12);
    expect(roofline.points[1].attained).toBeCloseTo(3_612_672 / 1_234_567, 12);
  });

  it('without simulated DRAM, takes the GEMM operands moved once: groups × (M·K + K·N + M·N)', () => {
    const report = makeReport([{ ...GEMM_LAYER, dram: null }]);
    const { roofline, dram, energy } = reportView(report);
    expect(roofline.traffic).toBe('operands');
    expect(roofline.points[0].intensity).toBe(96 / (8 * 3 + 3 * 4 + 8 * 4)); // 96 / 68 words by hand
    expect(dram).toBeNull();
    expect(energy.map((s) => s.name)).toEqual(['MAC', 'registers', 'SRAM']);
    expect(ids(report)).not.toContain('dram');
  });

  it('leaves a layer that moved no DRAM word off the roofline and names it', () => {
    const noTraffic: LayerReport = { ...GEMM_LAYER, name: 'cached', dram: { ifmapReads: 0, filterReads: 0, ofmapWrites: 0, ofmapReads: 0 } };
    const { roofline } = reportView(makeReport([noTraffic, DW_LAYER]));
    expect(roofline.points.map((p) => p.layer)).toEqual(['conv_dw_1']);
    expect(roofline.omitted).toEqual(['cached']);
  });

  it('stacks compute and the stall causes that occur; their sum is each layer\'s cycles', () => {
    const { cycles } = reportView(makeReport());
    expect(cycles.map((s) => s.name)).toEqual(['compute', 'stall: ifmap', 'stall: filter', 'stall: ofmap']); // bank and unattributed are 0
    expect(cycles.reduce((a, s) => a + s.values[1], 0)).toBe(DW_LAYER.cycles.total);
  });

  it('draws the validation chart only for a validate report', () => {
    expect(ids()).toEqual(['cycles', 'utilization', 'roofline', 'energy', 'sram', 'dram']);
    const metrics = { cycles: { predicted: 10, simulated: 17, error: -7 / 17 } };
    const layers = [{ ...GEMM_LAYER, validation: { metrics, beyondTolerance: true } }];
    const report = { ...makeReport(layers), validation: { model: 'mine', tolerance: 0.05, metrics: { cycles: { layers: 1, meanAbsError: 7 / 17, maxError: -7 / 17, maxErrorLayer: 'fc1', undefinedErrors: 0 } }, layersBeyondTolerance: ['fc1'], pass: false } };
    expect(ids(report)).toContain('validation');
    expect(reportView(report).validation!.errors.cycles).toEqual([-7 / 17]);
    expect(reportBody(report)).toContain('FAIL: 1 layer(s) beyond tolerance (fc1)');
  });
});

describe('the HTML', () => {
  const hostile = '</script><script>alert(1)</script><!--';
  const report = makeReport([{ ...GEMM_LAYER, name: hostile }, DW_LAYER]);

  it('escapes names from the input in the page and in the embedded data', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const doc = htmlDocument(report, 'console.log("</script>")');
    expect(doc.match(/<script/g)).toHaveLength(2); // the data and the app, nothing from the layer name
    expect(doc).not.toContain('alert(1)</script>');
    expect(doc).toContain('console.log("<\\/script>")');
    const data = /<script type="application\/json" id="systole-report">(.*?)<\/script>/s.exec(doc)![1];
    expect(JSON.parse(data).layers[0].name).toBe(hostile);
  });

  it('forbids every request in its Content-Security-Policy', () => {
    expect(htmlDocument(report, '')).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('has one table row per layer, each cell with its sort key', () => {
    const table = layerTable(report);
    expect(table.match(/<tr>/g)).toHaveLength(1 + 2); // header + 2 layers
    expect(table).toContain('<td class="n" data-v="1234567">1,234,567</td>');
  });
});
