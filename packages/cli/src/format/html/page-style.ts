// The one style sheet every report page inlines. System fonts only: a report
// must render the same offline, so it names no web font and loads nothing.
export const PAGE_STYLE = `
:root {
  --ink: #0f172a; --text: #1e293b; --muted: #64748b; --faint: #94a3b8;
  --line: #e2e8f0; --panel: #ffffff; --page: #f1f5f9; --code: #f1f5f9;
  --ok: #047857; --ok-bg: #ecfdf5; --ok-line: #10b981;
  --warn: #9a3412; --warn-bg: #fff7ed; --warn-line: #f97316;
  --bad: #991b1b; --bad-bg: #fef2f2; --bad-line: #dc2626;
  --baseline: #94a3b8; --candidate: #4f46e5; --accent: #4338ca;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { background: var(--page); }
body {
  margin: 0; color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  font-variant-numeric: tabular-nums;
}
main { max-width: 1160px; margin: 0 auto; padding: 28px 28px 48px; }
h1 { font-size: 24px; line-height: 1.25; margin: 0 0 4px; color: var(--ink); letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 0 0 14px; color: var(--ink); }
h3 { font-size: 15px; font-weight: 650; margin: 30px 0 8px; color: var(--ink); }
h2 code, h3 code { font-size: 0.9em; }
h2 + h3, .card > h3:first-child { margin-top: 4px; }
p { margin: 6px 0 10px; }
a { color: var(--accent); }
code { font-family: var(--mono); font-size: 12.5px; background: var(--code); border-radius: 4px; padding: 1px 5px; white-space: nowrap; }
.page-head { margin-bottom: 18px; }
.subtitle { color: var(--muted); margin: 0; }
.subtitle code { background: #e2e8f0; }
nav.toc { margin: 10px 0 0; font-size: 13px; color: var(--muted); }
nav.toc a { margin-right: 14px; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 20px 24px; margin: 18px 0; box-shadow: 0 1px 2px rgba(15, 23, 42, 0.04); }
.banner { border-radius: 12px; padding: 18px 22px 16px; margin: 0 0 14px; border: 1px solid; border-left-width: 8px; }
.banner.pass { background: var(--ok-bg); border-color: var(--ok-line); }
.banner.fail { background: var(--bad-bg); border-color: var(--bad-line); }
.banner .verdict { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
.banner .verdict-word { font-size: 22px; font-weight: 800; letter-spacing: 0.08em; }
.banner.pass .verdict-word { color: var(--ok); }
.banner.fail .verdict-word { color: var(--bad); }
.banner .verdict-text { font-size: 16px; font-weight: 600; color: var(--ink); }
.banner ul { margin: 10px 0 0; padding-left: 20px; }
.banner li { margin: 6px 0; }
.banner .breach-detail { display: block; color: var(--muted); font-size: 12.5px; }
.alert { border-radius: 12px; padding: 14px 20px; margin: 0 0 14px; border: 1px solid; border-left-width: 8px; }
.alert strong.alert-title { display: block; font-size: 16px; margin-bottom: 4px; }
.alert .alert-detail { font-weight: 500; font-size: 14px; color: var(--text); margin-left: 6px; }
.alert p { margin: 4px 0 6px; }
.alert ul { margin: 4px 0 8px; }
.alert ul { padding-left: 20px; }
.alert.warn { background: var(--warn-bg); border-color: var(--warn-line); }
.alert.warn .alert-title { color: var(--warn); }
.alert.bad { background: var(--bad-bg); border-color: var(--bad-line); }
.alert.bad .alert-title { color: var(--bad); }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 4px 0 8px; }
.stat { border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; background: #fbfcfe; }
.stat .label { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
.stat .value { font-size: 22px; font-weight: 700; color: var(--ink); line-height: 1.3; }
.stat .detail { font-size: 12.5px; color: var(--muted); }
.stat.ok { border-left: 4px solid var(--ok-line); }
.stat.warn { border-left: 4px solid var(--warn-line); background: var(--warn-bg); }
.stat.bad { border-left: 4px solid var(--bad-line); background: var(--bad-bg); }
.good { color: var(--ok); }
.worse { color: var(--bad); }
.muted, .note { color: var(--muted); }
.note { font-size: 12.5px; }
.unknown { color: var(--muted); font-style: italic; }
.badge { display: inline-block; border-radius: 999px; padding: 0 9px; font-size: 12px; font-weight: 600; line-height: 20px; white-space: nowrap; }
.badge.ok { background: #d1fae5; color: var(--ok); }
.badge.warn { background: #ffedd5; color: var(--warn); }
.badge.bad { background: #fee2e2; color: var(--bad); }
.badge.info { background: #e0e7ff; color: var(--accent); }
.table-wrap { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 13px; }
table.data th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 6px 10px; border-bottom: 2px solid var(--line); vertical-align: bottom; }
table.data td { padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data tbody tr:hover { background: #f8fafc; }
table.data .num { text-align: right; }
table.data td.num { white-space: nowrap; }
table.data tr.pareto { background: #eef2ff; }
table.data tr.pareto:hover { background: #e0e7ff; }
table.data tr.current td:first-child { box-shadow: inset 4px 0 0 var(--ink); }
table.data tr.total td { font-weight: 700; border-top: 2px solid var(--line); }
table.data td.reason { min-width: 260px; }
table.data.narrow { width: auto; min-width: 560px; }
table.data td.marks { white-space: nowrap; }
table.data.glance td:first-child { font-weight: 600; color: var(--ink); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 4px 0 14px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.threshold-changed { background: #fef3c7; border-radius: 4px; padding: 0 4px; font-weight: 600; }
.pair { display: flex; flex-wrap: wrap; gap: 18px 28px; align-items: flex-start; }
.pair > * { flex: 1 1 440px; min-width: 0; }
figure.chart { margin: 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: 12.5px; color: var(--muted); margin-top: 6px; }
svg text { fill: #334155; font-size: 12px; }
svg .axis-label { fill: var(--muted); font-size: 11.5px; }
svg .axis-title { fill: var(--muted); font-size: 12px; font-weight: 600; }
svg .value-label { fill: var(--ink); font-size: 11.5px; }
svg .unknown-label { fill: var(--muted); font-size: 11.5px; font-style: italic; }
svg .grid { stroke: #e2e8f0; stroke-width: 1; }
svg .axis { stroke: #94a3b8; stroke-width: 1; }
svg .series-0 { fill: var(--baseline); }
svg .series-1 { fill: var(--candidate); }
svg .series-2 { fill: #0d9488; }
svg .series-3 { fill: #d97706; }
svg .bar:hover { opacity: 0.8; }
svg .point { fill: #cbd5e1; stroke: #64748b; stroke-width: 1.2; }
svg .point.pareto { fill: var(--candidate); stroke: #312e81; }
svg .pareto-front { fill: none; stroke: var(--candidate); stroke-width: 2.5; stroke-linejoin: round; }
svg .current-marker { fill: none; stroke: var(--ink); stroke-width: 2; }
svg .current-label { fill: var(--ink); font-weight: 700; font-size: 12px; }
svg .point-label { fill: #475569; font-size: 11px; }
svg .point-label.pareto { fill: #312e81; font-weight: 600; }
svg .legend-line { stroke: var(--candidate); stroke-width: 2.5; }
table.route-matrix { border-collapse: separate; border-spacing: 3px; font-size: 13px; }
table.route-matrix th { font-size: 12px; font-weight: 600; color: var(--muted); padding: 4px 8px; white-space: nowrap; }
table.route-matrix thead th { text-align: center; vertical-align: bottom; }
table.route-matrix tbody th { text-align: right; }
table.route-matrix th.corner { text-align: left; font-weight: 500; font-size: 11.5px; }
table.route-matrix td { min-width: 92px; height: 40px; padding: 4px 10px; text-align: right; border-radius: 6px; }
table.route-matrix td.cell { border: 1px solid var(--line); }
table.route-matrix td.cell.zero { color: #cbd5e1; }
table.route-matrix td.cell.diagonal { border: 2px dashed #64748b; }
table.route-matrix td.cell.dark { color: #ffffff; font-weight: 600; }
table.route-matrix td.total { color: var(--muted); font-weight: 600; }
table.route-matrix .axis-name { font-weight: 700; color: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); margin-top: 8px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; vertical-align: -2px; margin-right: 5px; border: 1px solid rgba(0, 0, 0, 0.08); }
.route { font-family: var(--mono); font-size: 12.5px; white-space: nowrap; }
.route-auto { color: #047857; }
.route-review_after { color: #0e7490; }
.route-approve_before { color: #a16207; }
.route-escalate { color: #a21caf; }
.route-deny { color: #b91c1c; }
footer { color: var(--faint); font-size: 12px; margin-top: 28px; text-align: center; }
@media print {
  html, body { background: #ffffff; }
  .card { box-shadow: none; break-inside: avoid; }
  nav.toc { display: none; }
}
`;
