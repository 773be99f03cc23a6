import { listenerPod } from '../../src/private/listener-pods';
import { psaEval, describeWithPsaEval } from '../helpers/psa-eval';
import { eventListener, triggersDefaults } from '../policy/rules/fixtures';

/** The hardened container securityContext Triggers' controller gives the listener (container.go MakeContainer) with its built-in defaults. */
const HARDENED = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
  readOnlyRootFilesystem: true,
  runAsUser: 65532,
  runAsGroup: 65532,
};

describe('listenerPod', () => {
  test('an EventListener without kubernetesResource: Triggers\' hardened container and pod, with its built-in IDs and the listener\'s ServiceAccount', () => {
    expect(listenerPod(eventListener(), [])?.spec).toEqual({
      serviceAccountName: 'el-sa',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 },
      containers: [{ name: 'event-listener', securityContext: HARDENED }],
    });
    expect(listenerPod({ ...eventListener(), apiVersion: 'tekton.dev/v1' }, [])).toBeUndefined();
  });

  test('a container securityContext, even {}, replaces the hardened one whole; null leaves it; the template\'s placement and probes are the pod\'s', () => {
    expect(listenerPod(eventListener({ spec: { containers: [{ securityContext: {} }] } }), [])?.container.securityContext).toEqual({});
    expect(listenerPod(eventListener({ spec: { containers: [{ securityContext: null }] } }), [])?.container.securityContext).toEqual(HARDENED);
    const pod = listenerPod(eventListener({
      spec: {
        serviceAccountName: 'other',
        nodeSelector: {},
        tolerations: [{ operator: 'Exists' }],
        securityContext: { runAsUser: 0 },
        containers: [{ livenessProbe: { httpGet: { host: 'x', port: 80 } } }],
      },
    }), []);
    expect(pod?.spec).toEqual({
      serviceAccountName: 'other',
      tolerations: [{ operator: 'Exists' }],
      securityContext: { runAsUser: 0 },
      containers: [{ name: 'event-listener', securityContext: HARDENED, livenessProbe: { httpGet: { host: 'x', port: 80 } } }],
    });
  });

  test('config-defaults-triggers (tekton-pipelines or no namespace) gives the IDs, read as strconv reads them; one that does not parse gives none of its keys', () => {
    const of = (data: Record<string, string>) => listenerPod(eventListener(), [triggersDefaults(data)])?.spec;
    expect(of({ 'default-run-as-user': '0', 'default-run-as-non-root': 'FALSE', 'default-fs-group': '' })).toEqual({
      serviceAccountName: 'el-sa',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 0, runAsGroup: 65532 },
      containers: [{ name: 'event-listener', securityContext: { ...HARDENED, runAsNonRoot: false, runAsUser: 0 } }],
    });
    expect(of({ 'default-run-as-user': '0', 'default-run-as-non-root': 'no' })).toEqual(listenerPod(eventListener(), [])?.spec);
    expect(of({ 'default-run-as-user': '1_000' })).toEqual(listenerPod(eventListener(), [])?.spec);
    expect(of({ 'default-run-as-user': '+7' })?.securityContext.runAsUser).toBe(7);
  });
});

describeWithPsaEval('listenerPod: the pods Kubernetes\' Pod Security Admission judges', () => {
  test('restricted admits the hardened listener, and refuses one whose container securityContext sets only readOnlyRootFilesystem or nothing, or that config-defaults-triggers runs as root', () => {
    const pods = [
      listenerPod(eventListener(), []),
      listenerPod(eventListener({ spec: { containers: [{ securityContext: { readOnlyRootFilesystem: true } }] } }), []),
      listenerPod(eventListener({ spec: { containers: [{ securityContext: {} }] } }), []),
      listenerPod(eventListener(), [triggersDefaults({ 'default-run-as-user': '0', 'default-run-as-non-root': 'false' })]),
    ].map((p) => ({ level: 'restricted', version: 'v1.28', pod: { spec: p!.spec } }));
    const verdicts = psaEval(pods).map((v) => (v.error !== undefined ? v.error : v.forbidden.map((f) => f.id).sort()));
    expect(verdicts).toEqual([
      [],
      ['allowPrivilegeEscalation', 'capabilities_restricted'],
      ['allowPrivilegeEscalation', 'capabilities_restricted'],
      ['runAsNonRoot', 'runAsUser'],
    ]);
  });
});
