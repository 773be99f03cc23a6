import { App, Chart, Size } from 'cdk8s';
import { EgressPolicy, EgressPeer, EgressPort, LeastPrivilegeServiceAccount, RunWorkspace } from '../src';
function attempt(label: string, f: (c: Chart) => void) {
  const app = new App({ outdir: '/tmp/nu-out' });
  const c = new Chart(app, 'c', { namespace: 'ci' });
  try { f(c); app.synth(); console.log(label, 'OK'); } catch (e: any) { console.log(label, '=>', e.message.slice(0, 900)); }
}
attempt('open cidr', (c) => new EgressPolicy(c, 'eg', { podSelector: { app: 'x' } } as any).allow(EgressPeer.cidr('0.0.0.0/0'), [EgressPort.tcp(443)]));
attempt('metadata cidr', (c) => new EgressPolicy(c, 'eg', { podSelector: { app: 'x' } } as any).allow(EgressPeer.cidr('169.254.169.254/32'), [EgressPort.tcp(80)]));
attempt('sa', (c) => { const sa = new LeastPrivilegeServiceAccount(c, 'sa', {} as any); (sa as any).grantReadSecret('*'); });
