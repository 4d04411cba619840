// The pages' one style sheet, inline (the content security policy allows it by
// its hash). It styles renderPacket's `article.oversight-packet` as a card a
// reviewer decides from: summary, route, why, the action, context, impact, who
// answers by when, and the choices with the reason and amount beside them.
export const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f3f5f7; --card: #fff; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1320px; margin: 0 auto; padding: 0 1.25rem 2.5rem; }
.topbar { background: #24292f; color: #fff; }
.topbar .inner { max-width: 1320px; margin: 0 auto; padding: .7rem 1.25rem; display: flex; align-items: center; gap: 1rem; flex-wrap: wrap; }
.topbar h1 { font-size: 1.1rem; margin: 0; flex: 1; }
.topbar .who { font-size: .9rem; }
.topbar form { margin: 0; }
.topbar button { background: transparent; color: #fff; border: 1px solid #8c959f; border-radius: 6px; padding: .25rem .7rem; font: inherit; font-size: .85rem; cursor: pointer; }
.demo-note { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .55rem .8rem; margin: 1rem 0; font-size: .9rem; }
.flash { border-radius: 6px; padding: .65rem .9rem; margin: 1rem 0; font-weight: 600; border: 1px solid; }
.flash.ok { background: #dafbe1; border-color: #4ac26b; color: #116329; }
.flash.error { background: #ffebe9; border-color: #ff8182; color: #a40e26; }
h2.section { font-size: 1.15rem; margin: 1.5rem 0 .25rem; }
p.section-note { margin: 0 0 .9rem; color: var(--muted); font-size: .9rem; }
.queue { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
.empty { background: var(--card); border: 1px dashed var(--line); border-radius: 8px; padding: 1.25rem; color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 8px; box-shadow: 0 1px 2px rgba(31,35,40,.06); padding: .9rem 1.1rem 1rem; }
.card.overdue { border-left-color: var(--bad); }
.card-meta { display: flex; flex-wrap: wrap; gap: .4rem; margin-bottom: .5rem; font-size: .8rem; }
.badge { border-radius: 999px; padding: .1rem .6rem; background: #eef1f4; color: var(--muted); border: 1px solid var(--line); }
.badge.due { background: #ddf4ff; color: #0550ae; border-color: #80ccff; font-weight: 600; }
.badge.due.late { background: #ffebe9; color: #a40e26; border-color: #ff8182; }
.badge.note { background: #fff8c5; color: #7d4e00; border-color: #d4a72c; }
/* The packet's parts by their structure, not their place: header, the why list, the form and the footer take the
   whole width; the fact lists (the action, context, impact, review) stand side by side, each as wide as its values,
   and wrap to the next line when the card is narrow. */
.oversight-packet { display: flex; flex-wrap: wrap; gap: .7rem 2.2rem; }
.oversight-packet > * { flex: 1 1 100%; min-width: 0; }
.oversight-packet > section:has(> dl) { flex: 0 1 auto; }
.oversight-packet h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .2rem; }
.oversight-route { margin: 0; font-size: .85rem; color: var(--muted); }
.oversight-route strong { color: var(--warn); }
.oversight-packet h3 { font-size: .72rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 .25rem; }
.oversight-packet section ul { margin: 0; padding-left: 1.1rem; }
.oversight-packet section li { margin: .1rem 0; }
.oversight-packet > section:has(> ul) { background: #fff8c5; border-radius: 6px; padding: .45rem .7rem; }
.oversight-packet dl { display: grid; grid-template-columns: max-content auto; gap: .1rem .8rem; margin: 0; font-size: .9rem; }
.oversight-packet dt { color: var(--muted); }
.oversight-packet dd { margin: 0; font-variant-numeric: tabular-nums; max-width: 34rem; overflow-wrap: anywhere; font-weight: 500; }
.oversight-packet footer { font-size: .75rem; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.oversight-choices { display: flex; flex-wrap: wrap; gap: .5rem; border-top: 1px solid var(--line); padding-top: .75rem; margin: 0; }
.answer-fields { flex: 1 1 100%; display: grid; grid-template-columns: minmax(0, 1fr) 12rem; gap: .6rem; margin-bottom: .25rem; }
.answer-fields label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); gap: .2rem; }
.answer-fields input { font: inherit; font-size: .95rem; color: var(--ink); padding: .4rem .55rem; border: 1px solid var(--line); border-radius: 6px; }
.answer-fields input:focus, .oversight-choices button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.oversight-choices button { font: inherit; font-weight: 600; border-radius: 6px; padding: .45rem 1.1rem; cursor: pointer; border: 1px solid var(--line); background: #f6f8fa; color: var(--ink); }
.oversight-choices button[value="approve"] { background: var(--ok); border-color: var(--ok); color: #fff; }
.oversight-choices button[value="reject"] { background: var(--bad); border-color: var(--bad); color: #fff; }
.oversight-choices button[value="edit"] { color: var(--warn); border-color: #d4a72c; background: #fff; }
.oversight-choices button[value="escalate"] { margin-left: auto; }
table.settled { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); border-radius: 8px; font-size: .9rem; }
table.settled th, table.settled td { text-align: left; padding: .45rem .7rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.settled th { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: #f6f8fa; }
table.settled td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; white-space: nowrap; }
.outcome { font-weight: 600; }
.outcome.approved, .outcome.ran, .outcome.reviewed { color: var(--ok); }
.outcome.rejected, .outcome.denied, .outcome.expired { color: var(--bad); }
.outcome.rerouted, .outcome.escalated { color: var(--warn); }
.login { max-width: 520px; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1.2rem 1.4rem; }
.login label { display: flex; flex-direction: column; gap: .25rem; margin-bottom: .9rem; font-weight: 600; }
.login input, .login select { font: inherit; padding: .45rem .55rem; border: 1px solid var(--line); border-radius: 6px; font-weight: 400; }
.login button { font: inherit; font-weight: 600; padding: .5rem 1.2rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
.login ul { padding-left: 1.1rem; color: var(--muted); font-size: .9rem; }
.clock { color: var(--muted); font-size: .85rem; }
`;
