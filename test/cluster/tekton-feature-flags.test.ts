import { Chart, JsonPatch, Testing } from 'cdk8s';
import {
  ApiFields,
  Coschedule,
  CredentialDelivery,
  HardenedFlag,
  InlineSpecKind,
  ParamType,
  Relaxations,
  RelaxationTarget,
  ResultsFrom,
  RuleCatalogue,
  RuleId,
  SecurePipeline,
  SecureTask,
  TektonFeatureFlags,
  TektonFeatureFlagsProps,
  VerificationNoMatchPolicy,
} from '../../src';
import { objectsOf, relaxationsOf } from '../helpers/constructs';
import { readSchemaFile } from '../helpers/reference';
import { expectValidManifests } from '../helpers/schema';

/** The flags whose value differs from Tekton's release YAML by default. */
const HARDENED = {
  'disable-creds-init': 'true',
  'require-git-ssh-secret-known-hosts': 'true',
  'trusted-resources-verification-no-match-policy': 'fail',
  'set-security-context': 'true',
  'set-security-context-read-only-root-filesystem': 'true',
};

function flags(props: TektonFeatureFlagsProps = {}) {
  const c = new Chart(Testing.app(), 'test', { namespace: 'ci' });
  const f = new TektonFeatureFlags(c, 'flags', props);
  return { c, f };
}

/** The ConfigMap of that name. */
function configMap(c: Chart, name: string): any {
  return objectsOf(c, 'ConfigMap').find((m: any) => m.metadata.name === name);
}

const REASON = 'needed by the legacy release pipeline';
/** A relaxation of TEKTON_FEATURE_FLAGS for one flag. */
const relaxFlag = (flag: string) => ({ rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag(flag), reason: REASON });

describe('TektonFeatureFlags defaults', () => {
  const { c, f } = flags();
  const m = configMap(c, 'feature-flags');

  test('only the feature-flags ConfigMap, in tekton-pipelines whatever the chart namespace', () => {
    expect(Testing.synth(c).map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/feature-flags']);
    expect(m.metadata).toEqual({
      name: 'feature-flags',
      namespace: 'tekton-pipelines',
      labels: { 'app.kubernetes.io/instance': 'default', 'app.kubernetes.io/part-of': 'tekton-pipelines' },
    });
  });

  test('hardened values written explicitly', () => {
    expect(m.data['disable-creds-init']).toBe('true');
    expect(m.data['require-git-ssh-secret-known-hosts']).toBe('true');
    expect(m.data['trusted-resources-verification-no-match-policy']).toBe('fail');
    expect(m.data['set-security-context']).toBe('true');
    expect(m.data['set-security-context-read-only-root-filesystem']).toBe('true');
  });

  test('security-relevant flags that keep Tekton\'s value are written too', () => {
    expect(m.data['enable-api-fields']).toBe('beta');
    expect(m.data['send-cloudevents-for-runs']).toBe('true');
    expect(m.data['results-from']).toBe('termination-message');
    expect(m.data['enforce-nonfalsifiability']).toBe('none');
    expect(m.data.coschedule).toBe('workspaces');
    expect(m.data['disable-inline-spec']).toBe('');
    expect(m.data['await-sidecar-readiness']).toBe('true');
    expect(m.data['running-in-environment-with-injected-sidecars']).toBe('true');
  });

  test('the flags property is what is written, and the catalogue finds nothing', () => {
    expect(f.flags).toEqual(m.data);
    expect(RuleCatalogue.check(m)).toEqual([]);
    expect(f.spireConfig).toBeUndefined();
    expect(f.eventsConfig).toBeUndefined();
  });
});

describe('TektonFeatureFlags against Tekton v1.15\'s config-feature-flags.yaml', () => {
  // The upstream ConfigMap's name, namespace, labels and default values (schemas/README.md).
  const upstream = readSchemaFile('tekton/config-feature-flags.json');

  test('every upstream flag is written, with its upstream value unless hardened, and no other', () => {
    const data = configMap(flags().c, 'feature-flags').data;
    expect(Object.keys(data).sort()).toEqual(Object.keys(upstream.data).sort());
    for (const [flag, value] of Object.entries(upstream.data)) {
      expect([flag, data[flag]]).toEqual([flag, (HARDENED as Record<string, string>)[flag] ?? value]);
    }
  });

  test('same name, namespace and labels as the upstream ConfigMap', () => {
    const m = configMap(flags().c, 'feature-flags');
    expect(m.metadata.name).toBe(upstream.metadata.name);
    expect(m.metadata.namespace).toBe(upstream.metadata.namespace);
    expect(m.metadata.labels).toEqual(upstream.metadata.labels);
  });

  test('the upstream ConfigMap breaks exactly the hardened flags', () => {
    expect(RuleCatalogue.check(upstream).map((f) => f.target)).toEqual(Object.keys(HARDENED).map((f) => `flag/${f}`));
  });

  test('every emitted object validates strictly', () => {
    const { c } = flags({
      spire: { trustDomain: 'ci.example.com' },
      cloudEventsSink: 'https://events.example.com/tekton',
      credentialDelivery: CredentialDelivery.CREDS_INIT,
      relaxations: [relaxFlag(HardenedFlag.DISABLE_CREDS_INIT)],
    });
    const objects = Testing.synth(c);
    expect(objects).toHaveLength(3);
    expectValidManifests(objects);
  });
});

describe('TektonFeatureFlags options', () => {
  test('SPIRE: enforce-nonfalsifiability "spire" and config-spire with Tekton\'s defaults', () => {
    const { c, f } = flags({ spire: { trustDomain: 'ci.example.com' } });
    expect(configMap(c, 'feature-flags').data['enforce-nonfalsifiability']).toBe('spire');
    const spire = configMap(c, 'config-spire');
    expect(spire.metadata).toEqual({
      name: 'config-spire',
      namespace: 'tekton-pipelines',
      labels: { 'app.kubernetes.io/instance': 'default', 'app.kubernetes.io/part-of': 'tekton-pipelines' },
    });
    expect(spire.data).toEqual({
      'spire-trust-domain': 'ci.example.com',
      'spire-socket-path': 'unix:///spiffe-workload-api/spire-agent.sock',
      'spire-server-addr': 'spire-server.spire.svc.cluster.local:8081',
      'spire-node-alias-prefix': '/tekton-node/',
    });
    expect(f.spireConfig).toBeDefined();
  });

  test('SPIRE: every setting given', () => {
    const { c } = flags({
      spire: { trustDomain: 'example.org', socketPath: 'unix:///run/spire/agent.sock', serverAddress: '10.0.0.7:443', nodeAliasPrefix: '/ci/nodes/' },
    });
    expect(configMap(c, 'config-spire').data).toEqual({
      'spire-trust-domain': 'example.org',
      'spire-socket-path': 'unix:///run/spire/agent.sock',
      'spire-server-addr': '10.0.0.7:443',
      'spire-node-alias-prefix': '/ci/nodes/',
    });
  });

  test('CloudEvents sink: config-events with the tektonv1 format', () => {
    const { c, f } = flags({ cloudEventsSink: 'https://events.example.com/tekton' });
    const events = configMap(c, 'config-events');
    expect(events.metadata.namespace).toBe('tekton-pipelines');
    expect(events.data).toEqual({ formats: 'tektonv1', sink: 'https://events.example.com/tekton' });
    expect(configMap(c, 'feature-flags').data['send-cloudevents-for-runs']).toBe('true');
    expect(f.eventsConfig).toBeDefined();
  });

  test('settings that are not weaker need no relaxation', () => {
    const data = configMap(flags({
      apiFields: ApiFields.STABLE,
      coschedule: Coschedule.ISOLATE_PIPELINE_RUN,
      disableInlineSpec: [InlineSpecKind.PIPELINE, InlineSpecKind.PIPELINE_RUN, InlineSpecKind.TASK_RUN, InlineSpecKind.PIPELINE],
      awaitSidecarReadiness: false,
      runningWithInjectedSidecars: false,
    }).c, 'feature-flags').data;
    expect(data['enable-api-fields']).toBe('stable');
    expect(data.coschedule).toBe('isolate-pipelinerun');
    expect(data['disable-inline-spec']).toBe('pipeline,pipelinerun,taskrun');
    expect(data['await-sidecar-readiness']).toBe('false');
    expect(data['running-in-environment-with-injected-sidecars']).toBe('false');
  });
});

/** [flag, props that weaken it, the value written, what the rule accepts] */
/** [flag, props that weaken it, the value written, the prop as the refusal states it] */
const weaker: Array<[HardenedFlag, TektonFeatureFlagsProps, string, string]> = [
  [HardenedFlag.DISABLE_CREDS_INIT, { credentialDelivery: CredentialDelivery.CREDS_INIT }, 'false', 'credentialDelivery "CredentialDelivery.CREDS_INIT"'],
  [HardenedFlag.REQUIRE_GIT_SSH_SECRET_KNOWN_HOSTS, { gitSshWithoutKnownHosts: true }, 'false', 'gitSshWithoutKnownHosts "true"'],
  [HardenedFlag.ENABLE_API_FIELDS, { apiFields: ApiFields.ALPHA }, 'alpha', 'apiFields "ApiFields.ALPHA"'],
  [HardenedFlag.TRUSTED_RESOURCES_VERIFICATION_NO_MATCH_POLICY, { verificationNoMatchPolicy: VerificationNoMatchPolicy.WARN }, 'warn',
    'verificationNoMatchPolicy "VerificationNoMatchPolicy.WARN"'],
  [HardenedFlag.TRUSTED_RESOURCES_VERIFICATION_NO_MATCH_POLICY, { verificationNoMatchPolicy: VerificationNoMatchPolicy.IGNORE }, 'ignore',
    'verificationNoMatchPolicy "VerificationNoMatchPolicy.IGNORE"'],
  [HardenedFlag.RESULTS_FROM, { resultsFrom: ResultsFrom.SIDECAR_LOGS }, 'sidecar-logs', 'resultsFrom "ResultsFrom.SIDECAR_LOGS"'],
  [HardenedFlag.SET_SECURITY_CONTEXT_READ_ONLY_ROOT_FILESYSTEM, { writableInjectedRootFilesystem: true }, 'false', 'writableInjectedRootFilesystem "true"'],
];

describe('TektonFeatureFlags relaxations', () => {
  test.each(weaker)('%s: the weaker value with a relaxation of that flag', (flag, props, value) => {
    const { c } = flags({ ...props, relaxations: [relaxFlag(flag)] });
    const m = configMap(c, 'feature-flags');
    expect(m.data[flag]).toBe(value);
    expect(relaxationsOf(m)).toEqual({ 'secure-tekton/relax.TEKTON_FEATURE_FLAGS': `flag/${flag}: ${REASON}` });
    expect(Relaxations.of(c).list()).toEqual([{ rule: RuleId.TEKTON_FEATURE_FLAGS, reason: REASON, path: 'test/flags', target: `flag/${flag}` }]);
  });

  test('set-security-context: unrestricted injected containers, with both flags relaxed', () => {
    const { c } = flags({
      unrestrictedInjectedContainers: true,
      writableInjectedRootFilesystem: true,
      relaxations: [
        { rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag(HardenedFlag.SET_SECURITY_CONTEXT), reason: 'OpenShift assigns its own UIDs to pods' },
        { rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag(HardenedFlag.SET_SECURITY_CONTEXT_READ_ONLY_ROOT_FILESYSTEM), reason: 'follows set-security-context, which is off' },
      ],
    });
    const m = configMap(c, 'feature-flags');
    expect(m.data['set-security-context']).toBe('false');
    expect(m.data['set-security-context-read-only-root-filesystem']).toBe('false');
    expect(m.metadata.annotations['secure-tekton/relax.TEKTON_FEATURE_FLAGS']).toBe(
      'flag/set-security-context: OpenShift assigns its own UIDs to pods\nflag/set-security-context-read-only-root-filesystem: follows set-security-context, which is off',
    );
    expect(Relaxations.of(c).list().map((r) => r.target)).toEqual(['flag/set-security-context', 'flag/set-security-context-read-only-root-filesystem']);
  });

  test('send-cloudevents-for-runs: turned off through an escape hatch, with a relaxation', () => {
    const { c, f } = flags({ relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag(HardenedFlag.SEND_CLOUDEVENTS_FOR_RUNS), reason: 'custom task controller sends its own events' }] });
    f.featureFlags.addJsonPatch(JsonPatch.replace('/data/send-cloudevents-for-runs', 'false'));
    const m = configMap(c, 'feature-flags');
    expect(m.data['send-cloudevents-for-runs']).toBe('false');
    expect(m.metadata.annotations['secure-tekton/relax.TEKTON_FEATURE_FLAGS']).toBe('flag/send-cloudevents-for-runs: custom task controller sends its own events');
    expect(Relaxations.of(c).forRule(RuleId.TEKTON_FEATURE_FLAGS).map((r) => r.target)).toEqual(['flag/send-cloudevents-for-runs']);
  });

  test('a relaxation covers its flag only', () => {
    const { c } = flags({
      credentialDelivery: CredentialDelivery.CREDS_INIT,
      apiFields: ApiFields.ALPHA,
      relaxations: [relaxFlag(HardenedFlag.ENABLE_API_FIELDS)],
    });
    expect(() => Testing.synth(c)).toThrow(
      "TektonFeatureFlags 'test/flags' flag 'disable-creds-init': credentialDelivery \"CredentialDelivery.CREDS_INIT\" writes disable-creds-init: \"false\"",
    );
  });
});

describe('TektonFeatureFlags refusals', () => {
  /** A weaker flag written by a prop: stated in the prop's terms. */
  const refusedProp = (flag: string, prop: string, value: string) =>
    `TektonFeatureFlags 'test/flags' flag '${flag}': ${prop} writes ${flag}: "${value}", weaker than the hardened value [TEKTON_FEATURE_FLAGS]. `
    + `Remove ${prop.split(' ')[0]} (the default is hardened), or add relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, `
    + `target: RelaxationTarget.featureFlag('${flag}'), reason: '<why>' }] to the props.`;
  /** A weaker flag written by an escape hatch: stated as the data key. */
  const refused = (flag: string, value: string, accepted: string) =>
    `TektonFeatureFlags 'test/flags' flag '${flag}': data.${flag} "${value}" is not ${accepted} [TEKTON_FEATURE_FLAGS]. `
    + `Set it to ${accepted}. Or relax TEKTON_FEATURE_FLAGS with a reason in its props: relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: 'flag/${flag}', reason: '<why>' }].`;

  test.each(weaker)('%s: the weaker value without a relaxation', (flag, props, value, prop) => {
    expect(() => Testing.synth(flags(props).c)).toThrow(refusedProp(flag, prop, value));
  });

  test('set-security-context without a relaxation', () => {
    const { c } = flags({
      unrestrictedInjectedContainers: true,
      writableInjectedRootFilesystem: true,
      relaxations: [relaxFlag(HardenedFlag.SET_SECURITY_CONTEXT_READ_ONLY_ROOT_FILESYSTEM)],
    });
    expect(() => Testing.synth(c)).toThrow(refusedProp('set-security-context', 'unrestrictedInjectedContainers "true"', 'false'));
  });

  test('send-cloudevents-for-runs turned off through an escape hatch', () => {
    const { c, f } = flags();
    f.featureFlags.addJsonPatch(JsonPatch.replace('/data/send-cloudevents-for-runs', 'false'));
    expect(() => Testing.synth(c)).toThrow(refused('send-cloudevents-for-runs', 'false', '"true"'));
  });

  test('a hardened flag removed through an escape hatch', () => {
    const { c, f } = flags();
    f.featureFlags.addJsonPatch(JsonPatch.remove('/data/trusted-resources-verification-no-match-policy'));
    expect(() => Testing.synth(c)).toThrow(
      "TektonFeatureFlags 'test/flags' flag 'trusted-resources-verification-no-match-policy': data.trusted-resources-verification-no-match-policy "
      + 'is not set (Tekton then uses "ignore") [TEKTON_FEATURE_FLAGS]. '
      + "Set it to \"fail\". Or relax TEKTON_FEATURE_FLAGS with a reason in its props: relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: 'flag/trusted-resources-verification-no-match-policy', reason: '<why>' }].",
    );
  });

  test('unrestricted injected containers with a read-only root filesystem that cannot take effect', () => {
    expect(() => flags({ unrestrictedInjectedContainers: true, relaxations: [relaxFlag(HardenedFlag.SET_SECURITY_CONTEXT)] })).toThrow(
      "TektonFeatureFlags 'test/flags': unrestrictedInjectedContainers \"true\" leaves set-security-context-read-only-root-filesystem without effect [VALID_SPEC]. "
      + 'Tekton makes the root filesystem read-only only together with set-security-context: set writableInjectedRootFilesystem: true as well '
      + "(with a relaxation of flag 'set-security-context-read-only-root-filesystem'), or keep the injected containers restricted.",
    );
  });

  test('a relaxation with a short reason', () => {
    expect(() => flags({ relaxations: [{ rule: RuleId.TEKTON_FEATURE_FLAGS, target: RelaxationTarget.featureFlag(HardenedFlag.RESULTS_FROM), reason: 'big' }] })).toThrow(
      "TektonFeatureFlags 'test/flags': relaxations[0].reason \"big\" has fewer than 10 visible characters [RELAXATION_REASON]. Say why the rule cannot hold here, e.g. reason: 'kaniko unpacks the base image as root'; the reason is written into the YAML and the posture report.",
    );
  });

  test('SPIRE trust domain that is not a DNS name', () => {
    expect(() => flags({ spire: { trustDomain: 'Example_Org' } })).toThrow(
      "TektonFeatureFlags 'test/flags': spire.trustDomain \"Example_Org\" is not a DNS name [VALID_SPEC]. "
      + 'Use the SPIFFE trust domain of your SPIRE server, e.g. "example.org" (lower-case letters, digits, "-" and ".").',
    );
  });

  test.each(['/run/spire/agent.sock', 'unix://run/spire/agent.sock', 'unix:///run/../agent.sock', 'unix:///'])('SPIRE socket path %s', (socketPath) => {
    expect(() => flags({ spire: { trustDomain: 'example.org', socketPath } })).toThrow(
      `TektonFeatureFlags 'test/flags': spire.socketPath "${socketPath}" is not unix:// followed by an absolute path [VALID_SPEC]. `
      + 'Give the SPIRE agent socket as mounted into the pods, e.g. "unix:///spiffe-workload-api/spire-agent.sock".',
    );
  });

  test.each(['spire-server.spire.svc', 'spire-server:0', 'spire-server:70000', 'https://spire-server:8081'])('SPIRE server address %s', (serverAddress) => {
    expect(() => flags({ spire: { trustDomain: 'example.org', serverAddress } })).toThrow(
      `TektonFeatureFlags 'test/flags': spire.serverAddress "${serverAddress}" is not host:port [VALID_SPEC]. `
      + 'Give the SPIRE server as a host name (or IPv4 address) and a port, e.g. "spire-server.spire.svc.cluster.local:8081".',
    );
  });

  test.each(['tekton-node/', '/tekton-node', '/', '/a/../b/'])('SPIRE node alias prefix %s', (nodeAliasPrefix) => {
    expect(() => flags({ spire: { trustDomain: 'example.org', nodeAliasPrefix } })).toThrow(
      `TektonFeatureFlags 'test/flags': spire.nodeAliasPrefix "${nodeAliasPrefix}" is not a path that starts and ends with "/" [VALID_SPEC]. `
      + 'Use a SPIFFE ID path prefix such as "/tekton-node/" (letters, digits, ".", "_" and "-" between the slashes).',
    );
  });

  test.each(['http://events.example.com/tekton', 'events.example.com', 'https://'])('CloudEvents sink %s', (cloudEventsSink) => {
    expect(() => flags({ cloudEventsSink })).toThrow(
      `TektonFeatureFlags 'test/flags': cloudEventsSink "${cloudEventsSink}" is not an https:// URL [VALID_SPEC]. `
      + 'Give an https:// sink: every event carries the whole run, params and results included.',
    );
  });

  test('CloudEvents sink with credentials in the URL', () => {
    expect(() => flags({ cloudEventsSink: 'https://ci:s3cret@events.example.com/' })).toThrow(
      "TektonFeatureFlags 'test/flags': cloudEventsSink \"https://ci:s3cret@events.example.com/\" carries credentials [VALID_SPEC]. "
      + 'Remove the user and password from the URL: the ConfigMap is readable and committed.',
    );
  });
});

describe('TektonFeatureFlags with the pipelines of the app', () => {
  test('a field its apiFields shuts: the refusal names the prop that opens it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'ci', { namespace: 'ci' });
    const image = 'docker.io/library/alpine:3.21@sha256:56fa17d2a7e7f168a043a2712e63aed1f8543aeafdcee47c58dcffe38ed51099';
    const task = new SecureTask(chart, 'build', { parameters: [{ name: 'platform' }], steps: [{ name: 'b', image, env: { P: '$(params.platform)' }, script: '#!/bin/sh\necho "$P"\n' }] });
    const pipeline = new SecurePipeline(chart, 'ci', { parameters: [{ name: 'platforms', valueType: ParamType.ARRAY, defaultArray: ['a', 'b'] }] });
    pipeline.addTask({ task, matrix: { parameters: { platform: ['$(params.platforms[*])'] } } });
    new TektonFeatureFlags(new Chart(app, 'cluster'), 'flags', { apiFields: ApiFields.STABLE });
    expect(() => app.synth()).toThrow('Set enable-api-fields: "beta" in the feature-flags ConfigMap (namespace tekton-pipelines; TektonFeatureFlags apiFields: ApiFields.BETA), '
      + 'or remove matrix from the Pipeline.');
  });
});
