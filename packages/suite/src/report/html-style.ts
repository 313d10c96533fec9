/** Light and dark from the reader's setting; charts take their colours from the page. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1d1f; --muted: #b8c2cc; --accent: #1f6fd1; --band: #e8f1fc; --ceiling: #c0392b; --rule: #ddd; --failed: #fdecea; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181c; --fg: #e6e6e6; --muted: #4a5563; --accent: #5aa2ff; --band: #1d2a3b; --ceiling: #ff7b6b; --rule: #333; --failed: #3b1f1f; }
}
body { font-family: system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 1100px; background: var(--bg); color: var(--fg); }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid var(--rule); padding: 0.25rem 0.5rem; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
.table-box { max-width: 100%; overflow-x: auto; }
.verdicts th, .verdicts td { white-space: normal; text-align: left; }
.failed { background: var(--failed); }
figure { margin: 1rem 0; }
svg { max-width: 100%; height: auto; }
svg text { fill: var(--fg); }
svg rect.background { fill: var(--bg); }
svg line { stroke: var(--rule); }
.bars .fill.winner, .bars .fill.tied { fill: var(--accent); }
.bars .fill.other { fill: var(--muted); }
.bars .fill.open { fill: var(--accent); opacity: 0.45; }
.bars .band { fill: var(--band); }
.bars line.whisker { stroke: var(--fg); stroke-width: 1.5; }
.bars line.loop { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 3 3; }
.bars line.ceiling { stroke: var(--ceiling); stroke-width: 1.5; stroke-dasharray: 6 4; }
.bars text.failed { fill: var(--ceiling); }
`;
