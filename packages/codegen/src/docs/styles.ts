/** The page's stylesheet, inlined so the page is one file that opens from disk with no network. */
export const STYLES = `
:root {
  --bg: #f7f8fa; --panel: #ffffff; --ink: #1b1f24; --muted: #5b6470; --line: #e3e6ea;
  --accent: #3b5bdb; --c2s: #1c7ed6; --s2c: #2b8a3e; --s2s: #7048e8; --ack: #e8590c; --err: #c92a2a;
  --code-bg: #0f172a; --code-ink: #e2e8f0;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 var(--sans); color: var(--ink); background: var(--bg); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: var(--mono); font-size: 0.9em; background: #eef1f5; padding: 0.05em 0.35em; border-radius: 4px; }
.layout { display: grid; grid-template-columns: 280px minmax(0, 1fr); min-height: 100vh; }
nav.sidebar { position: sticky; top: 0; height: 100vh; overflow-y: auto; background: var(--panel); border-right: 1px solid var(--line); padding: 20px 16px; }
.brand { font-weight: 700; font-size: 18px; margin-bottom: 2px; }
.brand-sub { color: var(--muted); font-size: 13px; margin-bottom: 14px; }
.filter { width: 100%; padding: 7px 10px; border: 1px solid var(--line); border-radius: 8px; font: inherit; font-size: 14px; margin-bottom: 12px; }
nav.sidebar h4 { margin: 16px 0 4px; font-size: 13px; color: var(--muted); }
nav.sidebar h4 a { color: var(--ink); font-family: var(--mono); }
nav.sidebar ul { list-style: none; margin: 0; padding: 0; }
nav.sidebar li a { display: flex; align-items: center; gap: 6px; padding: 3px 6px; border-radius: 6px; color: var(--ink); font-family: var(--mono); font-size: 13px; }
nav.sidebar li a:hover { background: #eef1f5; text-decoration: none; }
main { padding: 32px 44px 80px; max-width: 1100px; }
header.hero { margin-bottom: 28px; }
header.hero h1 { margin: 0 0 6px; font-size: 30px; }
.meta { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; color: var(--muted); font-size: 13px; }
.meta > span { min-width: 0; }
.meta code { overflow-wrap: anywhere; }
.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.pill.version { color: var(--accent); }
.pill.c2s { color: var(--c2s); } .pill.s2c { color: var(--s2c); } .pill.s2s { color: var(--s2s); }
.pill.ack { color: var(--ack); } .pill.err { color: var(--err); } .pill.bin { color: #5f3dc4; }
.dot { width: 8px; height: 8px; border-radius: 50%; flex: none; }
.dot.c2s { background: var(--c2s); } .dot.s2c { background: var(--s2c); } .dot.s2s { background: var(--s2s); }
section.namespace { margin-top: 36px; }
section.namespace > h2 { font-size: 24px; margin: 0 0 4px; font-family: var(--mono); }
h3.group { margin: 28px 0 12px; font-size: 17px; display: flex; align-items: center; gap: 8px; }
h3.group .count { color: var(--muted); font-weight: 400; font-size: 14px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); }
.card.c2s { border-left: 4px solid var(--c2s); } .card.s2c { border-left: 4px solid var(--s2c); } .card.s2s { border-left: 4px solid var(--s2s); }
.card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 6px; }
.card-head h4 { margin: 0; font-family: var(--mono); font-size: 17px; }
.card p { margin: 6px 0; }
.label { margin: 14px 0 6px; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 600; }
table.fields { width: 100%; border-collapse: collapse; font-size: 14px; table-layout: fixed; }
table.fields col.c-name { width: 26%; } table.fields col.c-type { width: 24%; } table.fields col.c-req { width: 11%; }
table.errors col.c-code { width: 26%; }
td { overflow-wrap: anywhere; }
table.fields th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; }
table.fields td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
table.fields tr:last-child td { border-bottom: none; }
td.name { font-family: var(--mono); white-space: nowrap; }
td.type { font-family: var(--mono); color: #364fc7; }
td.type code.literal { color: #a61e4d; background: #fff0f6; }
.req { color: var(--err); font-size: 12px; font-weight: 600; }
.opt { color: var(--muted); font-size: 12px; }
.facts { color: #495057; }
.description { color: var(--muted); }
.facts + .description::before { content: " — "; }
.examples { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
.examples.single { grid-template-columns: minmax(0, 1fr); }
figure.code { margin: 0; }
figure.code figcaption { font-size: 12px; color: var(--muted); margin-bottom: 4px; font-weight: 600; }
pre { margin: 0; background: var(--code-bg); color: var(--code-ink); border-radius: 8px; padding: 12px 14px; overflow-x: auto; font: 13px/1.5 var(--mono); }
pre .tok-str { color: #a5d6a7; } pre .tok-num { color: #fcc419; } pre .tok-kw { color: #91a7ff; } pre .tok-comment { color: #94a3b8; }
table.errors td.code { font-family: var(--mono); font-weight: 600; color: var(--err); white-space: nowrap; }
.note { color: var(--muted); font-size: 13px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 16px; }
.hidden { display: none !important; }
@media (max-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  nav.sidebar { position: static; height: auto; border-right: none; border-bottom: 1px solid var(--line); }
  main { padding: 20px; }
  .examples { grid-template-columns: minmax(0, 1fr); }
}
`;

/** Filters the sidebar and the event cards as the reader types; the page works without it. */
export const SCRIPT = `
document.getElementById("filter").addEventListener("input", (event) => {
  const query = event.target.value.trim().toLowerCase();
  for (const item of document.querySelectorAll("[data-event]")) {
    item.classList.toggle("hidden", query !== "" && !item.dataset.event.toLowerCase().includes(query));
  }
});
`;
