/** Screen and A4 print styles; system fonts only, so the file works offline. */
export const PROTOCOL_CSS = `
@page { size: A4; margin: 22mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #1f2937; line-height: 1.4; max-width: 190mm; margin: 0 auto; }
h1 { font-size: 24pt; margin: 4mm 0 2mm; color: #0f2c4c; }
h2 { font-size: 15pt; color: #0f2c4c; border-bottom: 2px solid #0f2c4c; padding-bottom: 1mm; margin-top: 8mm; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; color: #0f2c4c; }
h4 { font-size: 10pt; margin: 4mm 0 1.5mm; }
section { break-before: page; }
section.cover, nav.toc { break-before: auto; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding-left: 0; }
.cover { padding-top: 20mm; }
.kicker { text-transform: uppercase; letter-spacing: 0.15em; color: #64748b; margin: 0; }
.subtitle { font-size: 12pt; color: #475569; margin-top: 0; }
.overall { font-size: 13pt; margin: 6mm 0; }
.mark { font-weight: bold; padding: 2mm 3mm; border: 2px solid; display: inline-block; }
.mark.unsigned { color: #b91c1c; border-color: #b91c1c; }
.mark.demo { color: #a16207; border-color: #a16207; }
.mark.signed { color: #15803d; border-color: #15803d; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; page-break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 1px solid #cbd5e1; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #e2e8f0; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.compact { font-size: 8pt; }
table.checklist { font-size: 8pt; }
table.manifest { font-size: 7.5pt; }
code.hash { font-size: 6.5pt; word-break: break-all; }
.path { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; word-break: break-all; }
.badge { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-size: 7.5pt; font-weight: bold; color: #fff; background: #64748b; white-space: nowrap; }
.badge.passed { background: #15803d; } .badge.failed, .badge.error { background: #b91c1c; }
.badge.skipped, .badge.not-part-of-this-run { background: #94a3b8; } .badge.not-verified, .badge.interrupted { background: #a16207; }
.badge.manual { background: #1f5fa8; }
.absent { color: #64748b; font-style: italic; }
.empty-run { font-size: 12pt; font-weight: bold; color: #a16207; }
.error { color: #b91c1c; }
.hint { color: #a16207; }
.note { color: #64748b; font-size: 8pt; }
.check { border-left: 3px solid #cbd5e1; padding-left: 3mm; margin: 3mm 0; break-inside: avoid-page; }
.check .meta { color: #64748b; font-size: 8pt; margin: 0; }
.charts { display: block; }
figure { margin: 2mm 0; }
figure.chart { break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
.shots { display: flex; flex-wrap: wrap; gap: 3mm; }
figure.shot { width: 86mm; break-inside: avoid; }
figure.shot img { width: 100%; border: 1px solid #cbd5e1; }
figcaption { font-size: 7.5pt; color: #475569; }
.sides { display: flex; gap: 8mm; }
.side { flex: 1; }
.signatory { margin: 4mm 0 8mm; break-inside: avoid; }
.signatory .line { border-top: 1px solid #1f2937; margin-top: 14mm; padding-top: 1mm; font-size: 8pt; color: #475569; }
@media screen { body { padding: 8mm; } section { border-top: 1px dashed #cbd5e1; } }
`;
