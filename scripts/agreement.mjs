// How far saved runs agree (verdicts, drift, calibration), as `parabench --repeat` says it of
// the runs it makes: for runs made separately, or by an older parabench (JSON schema 2 or 3).
// Usage: node scripts/agreement.mjs run-1.json run-2.json [run-3.json …]
const { agreementOf, answersFromReport, loadReport, renderAgreement } = await import('../packages/suite/dist/index.js');

const files = process.argv.slice(2);
if (files.length < 2) {
  console.error('usage: node scripts/agreement.mjs run-1.json run-2.json [more.json …]');
  process.exit(2);
}
const runs = files.map((file) => answersFromReport(loadReport(file, 'agreement', 'Measure it again.', 2)));
process.stdout.write(renderAgreement(agreementOf(runs)));
