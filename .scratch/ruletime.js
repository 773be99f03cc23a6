const { RuleCatalogue } = require('../lib/policy/catalogue');
const { readManifests } = require('../lib/cli/read-yaml');
const { evaluateManifests } = require('../lib/policy/engine/evaluate');
const t = new Map();
for (const rule of RuleCatalogue.all()) {
  const orig = rule.check.bind(rule);
  Object.defineProperty(rule, 'check', { configurable: true, writable: true, value: (m, c) => { const s = process.hrtime.bigint(); try { return orig(m, c); } finally { t.set(rule.id, (t.get(rule.id) ?? 0n) + process.hrtime.bigint() - s); } } });
}
const read = readManifests([process.argv[2]]);
const s = Date.now();
evaluateManifests(read.objects.map((o) => o.object));
console.log('evaluate', Date.now() - s, 'ms');
console.log([...t].sort((a, b) => Number(b[1] - a[1])).slice(0, 20).map(([k, v]) => `${(Number(v) / 1e6).toFixed(0)} ${k}`).join('\n'));
