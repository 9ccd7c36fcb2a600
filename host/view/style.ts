// The HTML report's styles (inline in the document; the playground's page uses them too).
export const REPORT_CSS = `
:root { --fg: #1d2733; --muted: #5c6773; --line: #d9dee4; --bg: #ffffff; --accent: #3b6ea8; --bad: #c9453f; --good: #2f7d4a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1280px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 18px 0 6px; }
.sub, .note { color: var(--muted); font-size: 12.5px; margin: 4px 0; }
dl.totals { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 12px 0 4px; }
dl.totals div { min-width: 110px; }
dl.totals dt { color: var(--muted); font-size: 12px; }
dl.totals dd { margin: 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 4px 24px; }
section.chart { min-width: 0; }
.plot { width: 100%; height: 340px; }
table { border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
#layers { overflow-x: auto; }
th, td { padding: 3px 7px; border-bottom: 1px solid var(--line); white-space: nowrap; text-align: left; }
td.n { text-align: right; }
table.sortable th { cursor: pointer; user-select: none; position: sticky; top: 0; background: #f3f5f7; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
tr.beyond td { background: #fbeaea; }
p.pass { color: var(--good); font-weight: 600; }
p.fail { color: var(--bad); font-weight: 600; }
`;
