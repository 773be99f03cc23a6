import { sameIdentityObjects, sharedIdentity } from '../../src/private/object-identities';

const task = (name: string, extra: any = {}) => ({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name, namespace: 'ci' }, spec: { steps: [], ...extra } });

describe('sharedIdentity', () => {
  test('the identity two objects that differ share, with the objects', () => {
    const [a, b, c] = [task('build'), { ...task('build', { description: 'x' }), apiVersion: 'tekton.dev/v1beta1' }, task('lint')];
    const set = [a, b, c];
    expect(sharedIdentity(a, set)).toEqual({
      lead: 'is the identity of 2 objects checked together: Task/ci/build (API group tekton.dev), as tekton.dev/v1 and tekton.dev/v1beta1',
      objects: [a, b],
    });
    expect(sharedIdentity(c, set)).toBeUndefined();
  });

  test('none for copies of one object, a name with a substitution, or an object not of the set', () => {
    const [a, b] = [task('build'), task('build')];
    expect(sameIdentityObjects(a, [a, b])).toEqual([a, b]);
    expect(sharedIdentity(a, [a, b])).toBeUndefined();
    const [s, t] = [task('$(uid)'), task('$(uid)', { description: 'x' })];
    expect(sharedIdentity(s, [s, t])).toBeUndefined();
    expect(sharedIdentity(task('build'), [a, task('build', { description: 'x' })])).toBeUndefined();
  });

  test("a cluster-scoped kind has no namespace: OpenShift's authorization.openshift.io ClusterRole of two namespaces is one object", () => {
    const role = (namespace: string, extra: any = {}) => ({ apiVersion: 'authorization.openshift.io/v1', kind: 'ClusterRole', metadata: { name: 'r', namespace }, rules: [], ...extra });
    const [a, b] = [role('ci'), role('other', { aggregationRule: {} })];
    expect(sharedIdentity(a, [a, b])?.objects).toEqual([a, b]);
    const [c, d] = [{ ...a, kind: 'Role' }, { ...b, kind: 'Role' }];
    expect(sharedIdentity(c, [c, d])).toBeUndefined();
  });
});
