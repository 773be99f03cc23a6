import { Testing } from 'cdk8s';
import {
  EgressPeer, EgressPort, ImageVerificationTask, ImageVerificationTaskProps, RunWorkspace, SecurePipeline, SecurePipelineRun, TrustDomain,
} from '../../src';
import { chart, HARDENED_SECURITY_CONTEXT, only } from '../helpers/constructs';

const PROPS: ImageVerificationTaskProps = {
  certificateIdentity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
  oidcIssuer: 'https://token.actions.githubusercontent.com',
};

function task(props: Partial<ImageVerificationTaskProps> = {}) {
  const c = chart();
  new ImageVerificationTask(c, 'verify-image', { ...PROPS, ...props });
  return only(c, 'Task');
}

describe('ImageVerificationTask', () => {
  test('the image param starts an argument of cosign: the validation step refuses a value starting with "-", and that is recorded', () => {
    const m = task();
    const validate = m.spec.steps.find((s: any) => s.name === 'validate-params');
    expect(validate.script).toContain('case "$PARAM_IMAGE" in -*) fail \'image\' \'a value that does not start with "-"\' ;; esac');
    expect(m.metadata.annotations['secure-tekton/relax.ARGUMENT_INJECTION']).toBe(
      "step/verify: param 'image' is checked by step 'validate-params' before this step runs (an image pinned by digest), and never starts with '-'");
  });

  const t = task();

  test('is trusted and runs cosign verify with the identity and issuer params', () => {
    expect(new ImageVerificationTask(chart(), 'v', PROPS).trusted).toBe(true);
    // trust lives in the model, not in an annotation a hand edit could add; the one record is the image argument's
    expect(Object.keys(t.metadata.annotations).sort()).toEqual(['secure-tekton/relax.ARGUMENT_INJECTION', 'secure-tekton/seal']);
    const verify = t.spec.steps.find((s: any) => s.name === 'verify');
    expect(verify.image).toMatch(/^ghcr\.io\/sigstore\/cosign\/cosign:v2\.4\.1@sha256:[a-f0-9]{64}$/);
    expect(verify.command).toEqual(['/ko-app/cosign']);
    expect(verify.args).toEqual([
      'verify', '--certificate-identity=$(params.certificate-identity)', '--certificate-oidc-issuer=$(params.certificate-oidc-issuer)',
      '--rekor-url=$(params.rekor-url)', '$(params.image)',
    ]);
    // one look: cosign's failure fails the task, before the step that writes the digest verified
    expect(t.spec.steps.map((s: any) => s.name)).toEqual(['validate-params', 'verify', 'digest']);
    expect(t.spec.description).toBe('Verify the image signature (cosign) before it is deployed, looking once.');
    expect(verify.onError).toBeUndefined();
    expect(verify.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
  });

  test('typed props become the params defaults', () => {
    expect(t.spec.params.map((p: any) => [p.name, p.default])).toEqual([
      ['image', undefined], ['certificate-identity', PROPS.certificateIdentity], ['certificate-oidc-issuer', PROPS.oidcIssuer],
      ['rekor-url', 'https://rekor.sigstore.dev'],
    ]);
  });

  test('every param is validated before cosign runs; the image must be pinned by digest', () => {
    const [first] = t.spec.steps;
    expect(first.name).toBe('validate-params');
    expect(first.env.map((e: any) => e.value)).toEqual(['$(params.image)', '$(params.certificate-identity)', '$(params.certificate-oidc-issuer)', '$(params.rekor-url)']);
    expect(first.script).toContain("fail 'image' 'an image pinned by digest'");
  });

  test.each([
    ['registry.example.com/team/app@sha256:' + 'a'.repeat(64), true],
    ['registry.example.com:5000/app:v1@sha256:' + 'b'.repeat(64), true],
    ['registry.example.com/team/app:v1', false],
    ['registry.example.com/app@sha256:abc', false],
  ])('image %s accepted: %s', (image, ok) => {
    const pattern = /fail 'image'/.test(t.spec.steps[0].script) ? t.spec.steps[0].script.match(/grep -Eq -e '([^']+)' \|\| fail 'image'/)[1] : '';
    expect(new RegExp(pattern).test(image)).toBe(ok);
  });

  test('refuses an issuer that is not https', () => {
    expect(() => task({ oidcIssuer: 'http://issuer.example.com' })).toThrow(
      "ImageVerificationTask 'test/verify-image': oidcIssuer \"http://issuer.example.com\" is not an https URL [VALID_SPEC]. Give an https URL, e.g. 'https://token.actions.githubusercontent.com'.",
    );
  });

  test('refuses a wildcard identity', () => {
    expect(() => task({ certificateIdentity: '.*' })).toThrow(
      "ImageVerificationTask 'test/verify-image': certificateIdentity \".*\" is not an https URL, an e-mail address or a SPIFFE ID [VALID_SPEC]. "
      + "Give the identity the signing certificate carries, e.g. 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main' or 'release@example.com'.",
    );
  });

  test('accepts the SPIFFE ID Chains signs with through SPIRE, and the validation step does too', () => {
    const identity = ImageVerificationTask.chainsSpiffeIdentity('example.org');
    expect(identity).toBe('spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller');
    const m = task({ certificateIdentity: identity, oidcIssuer: 'https://oidc-discovery.example.org', privateSigstore: true, rekorUrl: 'https://rekor.example.org' });
    expect(m.spec.params.find((p: any) => p.name === 'certificate-identity').default).toBe(identity);
    const pattern = m.spec.steps[0].script.match(/grep -Eq -e '([^']+)' \|\| fail 'certificate-identity'/)[1];
    expect(new RegExp(pattern).test(identity)).toBe(true);
    expect(new RegExp(pattern).test('spiffe://example.org')).toBe(false);
    expect(new RegExp(pattern).test('spiffe://Example.org/ns/x')).toBe(false);
    expect(() => task({ certificateIdentity: 'spiffe://example.org/' })).toThrow(/is not an https URL, an e-mail address or a SPIFFE ID \[VALID_SPEC\]/);
  });

  test('refuses a SPIFFE ID verified against the public-good Sigstore, in its props; the fix as written synthesizes', () => {
    const identity = ImageVerificationTask.chainsSpiffeIdentity('example.org');
    const refusal = (privateSigstore: string) => `ImageVerificationTask 'test/verify-image': certificateIdentity "${identity}" is a SPIFFE ID, `
      + `but privateSigstore is ${privateSigstore}, so cosign checks the signer's certificate against the public-good Sigstore's Fulcio root, and that Fulcio `
      + 'certifies no SPIFFE ID (it has no spiffe issuer): no signature ever verifies [VALID_SPEC]. Verify against the Sigstore whose Fulcio certifies the '
      + "SPIFFE ID (Chains' signers.x509.fulcio.address): privateSigstore: true and rekorUrl: '<its Rekor URL>' in these props, workspaces: "
      + "{ 'sigstore-trust': '<pipeline workspace of TrustDomain.CREDENTIALS>' } in addTask, RunWorkspace.configMap('<ConfigMap holding fulcio.crt.pem, "
      + "ctfe.pub and rekor.pub>') for it in the run, and egress to that Rekor. For images signed through the public-good Fulcio, require their signer's "
      + "identity: certificateIdentity: '<https URL or e-mail address>'.";
    const spire = { certificateIdentity: identity, oidcIssuer: 'https://oidc-discovery.example.org' };
    expect(() => task(spire)).toThrow(new Error(refusal('not set')));
    expect(() => task({ ...spire, privateSigstore: false })).toThrow(new Error(refusal('false')));
    // the fix, as written
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }] });
    const verify = pipeline.addTask({
      task: new ImageVerificationTask(c, 'verify-image', { ...spire, privateSigstore: true, rekorUrl: 'https://rekor.example.org' }),
      name: 'verify',
      parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` },
      workspaces: { 'sigstore-trust': 'sigstore-trust' },
    });
    // the registry, and the Rekor
    verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    verify.allowEgressTo(EgressPeer.cidr('198.51.100.10/32'), [EgressPort.tcp(443)]);
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { 'sigstore-trust': RunWorkspace.configMap('sigstore-trust') } });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('synthesizes cleanly', () => {
    const c = chart();
    new ImageVerificationTask(c, 'v', PROPS);
    expect(Testing.synth(c)).toHaveLength(1);
  });

  test('privateSigstore and rekorUrl reach ImageVerify: the trust-root workspace, the variables, the Rekor', () => {
    const m = task({ privateSigstore: true, rekorUrl: 'https://rekor.example.org' });
    expect(m.spec.workspaces.map((w: any) => w.name)).toEqual(['sigstore-trust']);
    expect(m.spec.steps.find((s: any) => s.name === 'verify').env.map((e: any) => e.name)).toEqual(['SIGSTORE_ROOT_FILE', 'SIGSTORE_CT_LOG_PUBLIC_KEY_FILE', 'SIGSTORE_REKOR_PUBLIC_KEY']);
    expect(m.spec.params.find((p: any) => p.name === 'rekor-url').default).toBe('https://rekor.example.org');
  });
});

test('a binding to sigstore-trust without privateSigstore names that prop; one to another workspace only lists what the task declares', () => {
  const bind = (workspace: string) => () => {
    const c = chart();
    const verify = new ImageVerificationTask(c, 'verify-image', PROPS);
    const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'w', domain: TrustDomain.CREDENTIALS }] });
    // the registry and the TUF mirror, on 443
    pipeline.egress.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    pipeline.addTask({ task: verify, name: 'verify', parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` }, workspaces: { [workspace]: 'w' } });
    Testing.synth(c);
  };
  expect(bind('sigstore-trust')).toThrow(new Error(
    "SecurePipeline 'test/release' task 'verify': workspaces.sigstore-trust \"w\" is not a workspace of task 'verify-image' [VALID_REFERENCE]. "
    + "A task gets only the workspaces it declares: (none); ImageVerificationTask declares 'sigstore-trust' only with privateSigstore: true.",
  ));
  expect(bind('dockerconfig')).toThrow(new Error(
    "SecurePipeline 'test/release' task 'verify': workspaces.dockerconfig \"w\" is not a workspace of task 'verify-image' [VALID_REFERENCE]. "
    + 'A task gets only the workspaces it declares: (none).',
  ));
});
