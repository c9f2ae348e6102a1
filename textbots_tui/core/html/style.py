"""The transcript page's stylesheet: the chat look on screen, clean black-on-white pages when printed.

Self-contained on purpose (no fonts, images or scripts from anywhere): an exported page opens the same
offline, in a mail attachment or years later. Colours meet WCAG AA contrast on their backgrounds.
"""

from __future__ import annotations

from typing import Final

STYLESHEET: Final = """
:root {
  --page: #f4f5f7; --ink: #1d2330; --muted: #4f5869; --line: #c9ced8;
  --bot: #ffffff; --user: #1f4fa8; --user-ink: #ffffff; --chip: #e8eefb; --chip-ink: #163a7d;
  --good: #1d6b34; --bad: #a1261b; --banner: #fff8e6;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
header.tb-head h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
header.tb-head p { margin: 0; color: var(--muted); }
section.tb-chat { margin-top: 1.25rem; display: flex; flex-direction: column; gap: .6rem; }
section.tb-chat + section.tb-chat { border-top: 1px solid var(--line); padding-top: 1.25rem; }
.tb-chat > h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
.tb-msg { display: flex; flex-direction: column; max-width: 85%; gap: .35rem; }
.tb-msg.tb-bot { align-self: flex-start; }
.tb-msg.tb-user { align-self: flex-end; align-items: flex-end; }
.tb-who { font-size: .8rem; color: var(--muted); }
.tb-bubble { padding: .55rem .8rem; border-radius: 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.tb-bot .tb-bubble { background: var(--bot); border: 1px solid var(--line);
  border-bottom-left-radius: .25rem; }
.tb-user .tb-bubble { background: var(--user); color: var(--user-ink); border-bottom-right-radius: .25rem; }
.tb-event .tb-bubble { background: transparent; color: var(--muted); border: 1px dashed var(--line); }
.tb-chips { display: flex; flex-wrap: wrap; gap: .35rem; margin: 0; padding: 0; list-style: none; }
.tb-chips li { background: var(--chip); color: var(--chip-ink); border: 1px solid #b7c6ea;
  border-radius: 999px; padding: .2rem .7rem; font-size: .9rem; }
.tb-chips-title { font-size: .85rem; color: var(--muted); margin: 0; }
.tb-carousel { display: flex; gap: .6rem; overflow-x: auto; padding-bottom: .2rem; }
.tb-card { background: var(--bot); border: 1px solid var(--line); border-radius: .75rem; padding: .7rem .8rem;
  min-width: 13rem; max-width: 17rem; display: flex; flex-direction: column; gap: .35rem; }
.tb-card h3 { font-size: 1rem; margin: 0; }
.tb-card p { margin: 0; white-space: pre-wrap; }
.tb-media, .tb-note { font-size: .85rem; color: var(--muted); margin: 0; overflow-wrap: anywhere; }
a { color: #1a4a9c; }
.tb-raw { font: .8rem/1.35 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; margin: 0;
  background: var(--bot); border: 1px solid var(--line); border-radius: .5rem; padding: .5rem; }
.tb-tag { font: .75rem ui-monospace, Menlo, Consolas, monospace; color: var(--muted); }
.tb-notice { align-self: center; font-size: .85rem; color: var(--muted); }
.tb-error { align-self: stretch; border-left: 4px solid var(--bad); background: #fdecea; padding: .5rem .8rem;
  border-radius: .25rem; }
.tb-end { align-self: stretch; background: var(--banner); border: 1px solid #e2c878; border-radius: .75rem;
  padding: .8rem 1rem; margin-top: .5rem; }
.tb-end h3 { margin: 0 0 .3rem; font-size: 1.05rem; }
.tb-end p { margin: .2rem 0; }
.tb-end ul { margin: .2rem 0 .2rem 1.2rem; padding: 0; }
.tb-ok { color: var(--good); font-weight: 600; }
.tb-ko { color: var(--bad); font-weight: 600; }
.tb-vars { border-collapse: collapse; margin-top: .4rem; font-size: .9rem; }
.tb-vars th, .tb-vars td { text-align: left; padding: .15rem .6rem .15rem 0; vertical-align: top;
  overflow-wrap: anywhere; }
.tb-vars th { font-weight: 600; }
footer.tb-foot { margin-top: 2rem; font-size: .8rem; color: var(--muted); text-align: center; }
@media print {
  @page { margin: 15mm; }
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .tb-msg, .tb-card, .tb-end, .tb-error { break-inside: avoid; }
  .tb-carousel { flex-wrap: wrap; overflow: visible; }
  .tb-user .tb-bubble { background: #fff; color: #000; border: 1.5px solid #000; }
  .tb-bot .tb-bubble, .tb-card, .tb-raw { border-color: #777; }
  .tb-chips li { background: #fff; color: #000; border-color: #555; }
  .tb-end { background: #fff; border: 1.5px solid #000; }
  a { color: #000; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; overflow-wrap: anywhere; }
}
""".strip()
"""CSS for a transcript page (``tb-`` prefixed classes, so it can sit inside another report's page)."""
