import { buildConstructApp, synthesizeAndCapture } from '../bench/fixture';
const r = synthesizeAndCapture(buildConstructApp(1, 'per-chart'));
console.log(JSON.stringify(r.charts.map((c: any) => Object.keys(c)), null, 0));
const y = (r as any).yaml ?? '';
console.log((y.match(/^kind: .*/gm) ?? []).join(','));
