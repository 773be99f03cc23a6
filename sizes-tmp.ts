import { Chart, Testing } from 'cdk8s';
import { TektonAdmissionPolicies } from './src';
import { parse } from '@bufbuild/cel';
const c = new Chart(Testing.app(), 't');
const p = new TektonAdmissionPolicies(c, 'a', { namespaces: ['ci'], allowedServiceAccounts: ['r'] });
for (const v of p.policies.map((x) => x.toJson())) {
  const max = Math.max(...[...v.spec.validations, ...(v.spec.variables ?? [])].map((e: any) => e.expression.length));
  console.log(v.metadata.name, JSON.stringify(v).length, 'max expr', max);
  for (const e of [...v.spec.validations, ...(v.spec.variables ?? [])]) { try { parse(e.expression); } catch (err: any) { const m = /1:(\d+)/.exec(err.message); const i = Number(m?.[1]); console.log(err.message, e.expression.slice(Math.max(0, i - 200), i + 30)); } }
}
