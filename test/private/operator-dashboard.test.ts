import { readWriteDashboard } from '../../src/private/operator-dashboard';

const dashboard = (spec?: unknown) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonDashboard', metadata: { name: 'dashboard' }, ...(spec !== undefined ? { spec } : {}) });
const config = (spec: unknown) => ({ apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec });

test('the operator installs the read/write dashboard for readonly false, and for a missing spec (Go\'s false)', () => {
  expect(readWriteDashboard(dashboard({ readonly: false }))).toEqual({ property: 'spec.readonly', value: 'false' });
  expect(readWriteDashboard(dashboard())).toEqual({ property: 'spec.readonly', unwritten: 'spec' });
  expect(readWriteDashboard(dashboard(null))).toEqual({ property: 'spec.readonly', unwritten: 'spec' });
  expect(readWriteDashboard(config({ profile: 'all', dashboard: { readonly: false } }))).toEqual({ property: 'spec.dashboard.readonly', value: 'false' });
  expect(readWriteDashboard(config({ profile: 'all' }))).toEqual({ property: 'spec.dashboard.readonly', unwritten: 'spec.dashboard' });
});

test('read-only, refused by the CRD schema (readonly required, boolean), no dashboard made, or not the operator\'s object: none', () => {
  for (const m of [
    dashboard({ readonly: true }), dashboard({ targetNamespace: 'x' }), dashboard({ readonly: 'false' }), dashboard('x'),
    config({ profile: 'basic' }), config({ profile: 'All' }), config(undefined), config({ profile: 'all', dashboard: { readonly: true } }),
    { ...dashboard({ readonly: false }), apiVersion: 'operator.tekton.dev/v1' }, { ...dashboard(), kind: 'TektonDashboards' }, null,
  ]) expect(readWriteDashboard(m)).toBeUndefined();
});
