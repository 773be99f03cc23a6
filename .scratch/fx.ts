import { buildConstructApp, synthesizeAndCapture } from '../bench/fixture';
for (const layout of ['per-chart', 'single-chart'] as const) {
  try { const r = synthesizeAndCapture(buildConstructApp(2, layout)); console.log(layout, 'ok', r.charts.length); }
  catch (e: any) { console.log(layout, 'ERR', String(e.message).slice(0, 3000)); }
}
