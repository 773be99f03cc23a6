import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import {
  ChainsConfig, ChainsConfigProps, EgressPeer, EgressPort, FulcioProvider, ImageSigner, ImageSignerKind, ImageVerificationTask, ImageVerify,
  ImagePush, ImageVerifyProps, KeylessSigning, PipelineTask, RegistryCredential, RuleId, RunWorkspace, SecurePipeline, SecurePipelineRun, TrustDomain,
  VerificationKey,
} from '../../src';
import { HARDENED_SECURITY_CONTEXT, messageOf, only } from '../helpers/constructs';
import { PUBLIC_KEY_PEM } from '../helpers/fixtures';
import { runStepScript } from '../helpers/run-step';

const SPIFFE = 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller';
const SPIRE_ISSUER = 'https://oidc.spire.example.com';
const PEM = PUBLIC_KEY_PEM;

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}
const REKOR = 'https://rekor.example.org';
/** What Chains signs with through SPIRE, verified against the cluster's own Sigstore (the public-good Fulcio certifies no SPIFFE ID). */
const SPIFFE_SIGNED: ImageVerifyProps = {
  signer: ImageSigner.spiffe({ oidcIssuer: SPIRE_ISSUER, spiffeId: SPIFFE }),
  privateSigstore: true,
  rekorUrl: REKOR,
};
/** A signer the public-good Fulcio certifies. */
const PUBLIC_SIGNER = ImageSigner.keyless({
  oidcIssuer: 'https://token.actions.githubusercontent.com',
  identity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main',
});
function synth(props: Partial<ImageVerifyProps> = {}): { task: ImageVerify; m: any } {
  const c = chart();
  const task = new ImageVerify(c, 'image-verify', { ...SPIFFE_SIGNED, ...props });
  return { task, m: only(c, 'Task') };
}
const stepOf = (m: any, name: string) => m.spec.steps.find((s: any) => s.name === name);
const paramsOf = (m: any) => m.spec.params.map((p: any) => [p.name, p.default]);

describe('ImageVerify', () => {
  test('defaults: five looks 30 s apart, each cosign step hardened and allowed to fail, a last step that decides', () => {
    const { task, m } = synth();
    expect([task.trusted, task.attempts, task.retryDelay.toSeconds(), task.signer.kind]).toEqual([true, 5, 30, ImageSignerKind.SPIFFE]);
    expect(m.spec.steps.map((s: any) => s.name)).toEqual([
      'validate-params', 'verify-1', 'wait-1', 'verify-2', 'wait-2', 'verify-3', 'wait-3', 'verify-4', 'wait-4', 'verify-5', 'check',
    ]);
    expect(m.spec.description).toBe('Verify the image signature (cosign) before it is deployed, waiting for Chains to sign it (up to 5 looks).');
    for (const n of [1, 2, 3, 4, 5]) {
      const v = stepOf(m, `verify-${n}`);
      expect(v.onError).toBe('continue');
      expect(v.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
      expect(v.image).toMatch(/^ghcr\.io\/sigstore\/cosign\/cosign:v2\.4\.1@sha256:[a-f0-9]{64}$/);
    }
    // cosign's TUF cache: HOME from the stepTemplate, an emptyDir
    expect(m.spec.stepTemplate.env).toEqual([{ name: 'HOME', value: '/home/tekton' }]);
    expect(stepOf(m, 'wait-2').script).toContain('for f in /tekton/steps/step-verify-1/exitCode /tekton/steps/step-verify-2/exitCode; do');
    expect(stepOf(m, 'wait-2').script).toContain('sleep 30');
    const check = stepOf(m, 'check');
    expect(check.onError).toBeUndefined();
    expect(check.script).toContain('/tekton/steps/step-verify-5/exitCode; do');
    expect(check.script).toContain('verified || { echo "the image has no signature that verifies after 5 looks" >&2; exit 1; }');
    expect(m.spec.workspaces.map((w: any) => w.name)).toEqual(['sigstore-trust']);
  });

  test('SPIFFE: the identity Chains signs with on SPIRE, as the certificate identity, checked as a SPIFFE ID', () => {
    const { m } = synth();
    expect(stepOf(m, 'verify-1').args).toEqual([
      'verify', '--certificate-identity=$(params.certificate-identity)', '--certificate-oidc-issuer=$(params.certificate-oidc-issuer)',
      '--rekor-url=$(params.rekor-url)', '$(params.image)',
    ]);
    expect(paramsOf(m)).toEqual([
      ['image', undefined], ['certificate-identity', SPIFFE], ['certificate-oidc-issuer', SPIRE_ISSUER], ['rekor-url', REKOR],
    ]);
    expect(stepOf(m, 'validate-params').script).toContain("fail 'certificate-identity' 'a SPIFFE ID'");
  });

  test('keyless OIDC, a private Rekor, a private registry and a signature repository', () => {
    const c = chart();
    const pull = new RegistryCredential(c, 'pull', { secretName: 'registry-pull' });
    new ImageVerify(c, 'image-verify', {
      signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main' }),
      pullCredential: pull,
      rekorUrl: 'https://rekor.internal.example.com',
      signatureRepository: 'registry.example.com/signatures',
      attempts: 1,
    });
    const m = only(c, 'Task');
    expect(m.spec.workspaces).toEqual([{ name: 'dockerconfig', description: 'config.json with pull access', readOnly: true, optional: false }]);
    const verify = stepOf(m, 'verify');
    expect(verify.env).toEqual([
      { name: 'DOCKER_CONFIG', value: '$(workspaces.dockerconfig.path)' },
      { name: 'COSIGN_REPOSITORY', value: 'registry.example.com/signatures' },
    ]);
    expect(paramsOf(m).find(([n]: string[]) => n === 'rekor-url')).toEqual(['rekor-url', 'https://rekor.internal.example.com']);
    expect(verify.onError).toBeUndefined();
    // one look waits for nothing
    expect(m.spec.description).toBe('Verify the image signature (cosign) before it is deployed, looking once.');
    expect(synth({ attempts: 2 }).m.spec.description).toBe('Verify the image signature (cosign) before it is deployed, waiting for Chains to sign it (up to 2 looks).');
  });

  test('a key in a Secret: a cosign-key workspace and its binding', () => {
    const c = chart();
    const task = new ImageVerify(c, 'image-verify', { signer: ImageSigner.key(VerificationKey.fromSecret({ secretName: 'chains-public-key' })), attempts: 2 });
    const m = only(c, 'Task');
    expect(m.spec.workspaces.map((w: any) => [w.name, w.readOnly])).toEqual([['cosign-key', true]]);
    expect(stepOf(m, 'verify-1').args).toEqual(['verify', '--key=$(workspaces.cosign-key.path)/cosign.pub', '--rekor-url=$(params.rekor-url)', '$(params.image)']);
    expect(paramsOf(m).map(([n]: string[]) => n)).toEqual(['image', 'rekor-url']);
    expect(task.keyWorkspace()._render('cosign-key')).toEqual({ name: 'cosign-key', secret: { secretName: 'chains-public-key', items: [{ key: 'cosign.pub', path: 'cosign.pub' }] } });
  });

  test('privateSigstore: a read-only credentials workspace with the trust root, read through cosign\'s SIGSTORE_* variables on every look', () => {
    const { m } = synth({ privateSigstore: true, rekorUrl: 'https://rekor.example.org', attempts: 2 });
    expect(m.spec.workspaces).toEqual([{ name: 'sigstore-trust', readOnly: true, optional: false, description: "The private Sigstore's trust root: fulcio.crt.pem, ctfe.pub and rekor.pub" }]);
    for (const name of ['verify-1', 'verify-2']) {
      expect(stepOf(m, name).env).toEqual([
        { name: 'SIGSTORE_ROOT_FILE', value: '$(workspaces.sigstore-trust.path)/fulcio.crt.pem' },
        { name: 'SIGSTORE_CT_LOG_PUBLIC_KEY_FILE', value: '$(workspaces.sigstore-trust.path)/ctfe.pub' },
        { name: 'SIGSTORE_REKOR_PUBLIC_KEY', value: '$(workspaces.sigstore-trust.path)/rekor.pub' },
      ]);
    }
    expect(paramsOf(m).find(([n]: string[]) => n === 'rekor-url')).toEqual(['rekor-url', 'https://rekor.example.org']);
    // without it, no workspace and no variable: the public-good trust root from the TUF mirror
    const { m: publicGood } = synth({ signer: PUBLIC_SIGNER, privateSigstore: undefined, rekorUrl: undefined, attempts: 1 });
    expect(publicGood.spec.workspaces).toBeUndefined();
    expect(stepOf(publicGood, 'verify').env).toBeUndefined();
  });

  test('privateSigstore needs the private Rekor: rekor.pub would refuse the public-good Rekor\'s entries', () => {
    expect(() => synth({ rekorUrl: undefined })).toThrow(
      "ImageVerify 'test/image-verify': rekorUrl \"\" is not set, so it is the public-good Rekor, whose entries cosign would check against privateSigstore's rekor.pub, "
      + "and refuse [VALID_SPEC]. Give your Sigstore's Rekor: rekorUrl: 'https://rekor.example.internal'.",
    );
    expect(() => synth({ privateSigstore: true, rekorUrl: 'https://rekor.sigstore.dev' })).toThrow(
      "ImageVerify 'test/image-verify': rekorUrl \"https://rekor.sigstore.dev\" is the public-good Rekor, whose entries cosign would check against "
      + "privateSigstore's rekor.pub, and refuse [VALID_SPEC]. Give your Sigstore's Rekor: rekorUrl: 'https://rekor.example.internal'.",
    );
  });

  test('an inline PEM key reaches cosign through env, a KMS key as its URI', () => {
    const pem = synth({ signer: ImageSigner.key(VerificationKey.fromPem(PEM)), privateSigstore: undefined, rekorUrl: undefined, attempts: 1 }).m;
    expect(stepOf(pem, 'verify').args[1]).toBe('--key=env://COSIGN_PUBLIC_KEY');
    expect(stepOf(pem, 'verify').env).toEqual([{ name: 'COSIGN_PUBLIC_KEY', value: PEM }]);
    const kms = synth({ signer: ImageSigner.key(VerificationKey.fromKms('gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k')), attempts: 1 }).m;
    expect(stepOf(kms, 'verify').args[1]).toBe('--key=gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k');
  });

  test('the wait and check steps, run: they pass once one look exited 0, and the check fails when none did', () => {
    const { m } = synth({ attempts: 3, retryDelay: Duration.seconds(1) });
    // /tekton/steps as Tekton writes it: the exit code of each step that ran, in step-<name>/exitCode
    const steps = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-steps-'));
    const run = (name: string, exitCodes: { [look: string]: string }) => {
      fs.rmSync(steps, { recursive: true, force: true });
      for (const [look, code] of Object.entries(exitCodes)) {
        fs.mkdirSync(path.join(steps, `step-${look}`), { recursive: true });
        fs.writeFileSync(path.join(steps, `step-${look}`, 'exitCode'), code);
      }
      const step = stepOf(m, name);
      return runStepScript({ ...step, script: step.script.split('/tekton/steps/').join(`${steps}/`) }, { 'params.image': `registry.example.com/team/app:v1@sha256:${'c'.repeat(64)}` });
    };
    // the digest result is written once a look verified, and only then
    expect(run('check', { 'verify-1': '1', 'verify-2': '0', 'verify-3': '1' })).toMatchObject({ status: 0, stderr: '', results: { digest: `sha256:${'c'.repeat(64)}` } });
    expect(run('check', { 'verify-1': '1', 'verify-2': '1', 'verify-3': '1' })).toMatchObject({
      status: 1, stderr: 'the image has no signature that verifies after 3 looks\n', results: {},
    });
    // a look that never ran (no exit code) is no verification
    expect(run('check', { 'verify-1': '1' })).toMatchObject({ status: 1 });
    // a wait after a look that verified does not sleep; one after a failed look does, and passes
    const started = Date.now();
    expect(run('wait-1', { 'verify-1': '0' })).toMatchObject({ status: 0 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(run('wait-2', { 'verify-1': '1', 'verify-2': '1' })).toMatchObject({ status: 0, stderr: '' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test('result digest: the sha256 of the image verified, written after cosign\'s one look (which stops the task when it fails), never an IMAGE_DIGEST Chains would read', () => {
    const { task, m } = synth({ attempts: 1 });
    expect(m.spec.results).toEqual([{
      name: 'digest',
      type: 'string',
      description: "The digest verified, sha256:<hex>: written only once a signature verified (pass it to Deploy's image-digest)",
    }]);
    expect(task.hasResult('digest')).toBe(true);
    expect(m.spec.steps.map((s: any) => s.name)).toEqual(['validate-params', 'verify', 'digest']);
    expect(stepOf(m, 'verify').onError).toBeUndefined();
    const digest = stepOf(m, 'digest');
    expect(digest.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    // the image reaches the script through env only
    expect(digest.env).toEqual([{ name: 'IMAGE', value: '$(params.image)' }]);
    expect(digest.script).not.toContain('$(params');
    expect(runStepScript(digest, { 'params.image': `registry.example.com/team/app@sha256:${'d'.repeat(64)}` }))
      .toMatchObject({ status: 0, stderr: '', results: { digest: `sha256:${'d'.repeat(64)}` } });
    // with several looks, the check step writes it
    expect(synth().m.spec.results.map((r: any) => r.name)).toEqual(['digest']);
  });

  test('the image must be pinned by digest; a tag before the digest is accepted (IMAGE_URL@IMAGE_DIGEST)', () => {
    const { m } = synth();
    const pattern = new RegExp(stepOf(m, 'validate-params').script.match(/grep -Eq -e '([^']+)' \|\| fail 'image'/)[1]);
    expect(pattern.test(`registry.example.com/team/app:v1@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(pattern.test('registry.example.com/team/app:v1')).toBe(false);
    // the path and tag as the distribution reference grammar spells them: no '..' component, no separator at either end
    const digest = `@sha256:${'a'.repeat(64)}`;
    for (const ok of ['registry.example.com/team/my-app_v2/x.y', 'registry.example.com/a__b/c--d:v1.0_rc', 'team/app']) {
      expect([ok, pattern.test(ok + digest)]).toEqual([ok, true]);
    }
    for (const bad of ['registry.example.com/team/../app', 'registry.example.com/./app', 'registry.example.com/-app', 'registry.example.com/app_',
      'registry.example.com/team//app', 'registry.example.com/app:-v1', 'registry.example.com/app:.v1']) {
      expect([bad, pattern.test(bad + digest)]).toEqual([bad, false]);
    }
  });

  test('refuses unbounded or zero attempts, and a delay out of range', () => {
    expect(() => synth({ attempts: 0 })).toThrow(
      "ImageVerify 'test/image-verify': attempts \"0\" is not a whole number from 1 to 20 [VALID_SPEC]. Use attempts: 5 (the default) or another bound; the task's timeout must cover attempts x retryDelay.",
    );
    expect(() => synth({ retryDelay: Duration.millis(500) })).toThrow(
      "ImageVerify 'test/image-verify': retryDelay \"0.5s\" is not a whole number of seconds from 1 to 600 [VALID_SPEC]. Use Duration.seconds(30) (the default) or another delay up to ten minutes.",
    );
  });

  test('refuses a SPIFFE signer without a SPIFFE ID', () => {
    expect(() => synth({ signer: ImageSigner.spiffe({ oidcIssuer: SPIRE_ISSUER, spiffeId: 'https://example.org/chains' }) })).toThrow(
      "ImageVerify 'test/image-verify': signer.spiffeId \"https://example.org/chains\" is not a SPIFFE ID [VALID_SPEC]. Give spiffe://<trust domain>/<path>, e.g. 'spiffe://example.org/ns/tekton-chains/sa/tekton-chains-controller'.",
    );
  });

  test('refuses a SPIFFE signer checked against the public-good Sigstore (its Fulcio certifies no SPIFFE ID); the fix as written synthesizes', () => {
    const refusal = (privateSigstore: string) => `ImageVerify 'test/image-verify': signer.spiffeId "${SPIFFE}" is a SPIFFE ID, but privateSigstore is ${privateSigstore}, `
      + "so cosign checks the signer's certificate against the public-good Sigstore's Fulcio root, and that Fulcio certifies no SPIFFE ID (it has no spiffe issuer): "
      + "no signature ever verifies [VALID_SPEC]. Verify against the Sigstore whose Fulcio certifies the SPIFFE ID (Chains' signers.x509.fulcio.address): "
      + "privateSigstore: true and rekorUrl: '<its Rekor URL>' in these props, workspaces: { 'sigstore-trust': '<pipeline workspace of TrustDomain.CREDENTIALS>' } "
      + "in addTask, RunWorkspace.configMap('<ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub>') for it in the run, and egress to that Rekor. "
      + "For images signed through the public-good Fulcio, require their signer: ImageSigner.keyless({ oidcIssuer: '<issuer>', identity: '<identity>' }).";
    const signer = ImageSigner.spiffe({ oidcIssuer: SPIRE_ISSUER, spiffeId: SPIFFE });
    expect(() => new ImageVerify(chart(), 'image-verify', { signer })).toThrow(new Error(refusal('not set')));
    expect(() => new ImageVerify(chart(), 'image-verify', { signer, privateSigstore: false, rekorUrl: REKOR })).toThrow(new Error(refusal('false')));
    // the fix, as written
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }] });
    const verify = pipeline.addTask({
      task: new ImageVerify(c, 'image-verify', { signer, privateSigstore: true, rekorUrl: REKOR }),
      name: 'verify',
      parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` },
      workspaces: { 'sigstore-trust': 'sigstore-trust' },
    });
    // the registry, and the Rekor
    verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    verify.allowEgressTo(EgressPeer.cidr('198.51.100.10/32'), [EgressPort.tcp(443)]);
    new SecurePipelineRun(c, 'run', { pipeline, workspaces: { 'sigstore-trust': RunWorkspace.configMap('sigstore-trust') } });
    expect(() => Testing.synth(c)).not.toThrow();
    // a keyless signer given a SPIFFE ID as its identity is refused alike, in the words of its options
    const keyless = ImageSigner.keyless({ oidcIssuer: SPIRE_ISSUER, identity: SPIFFE });
    expect(() => new ImageVerify(chart(), 'image-verify', { signer: keyless })).toThrow(new Error(refusal('not set').replace('signer.spiffeId', 'signer.identity')));
    expect(() => new ImageVerify(chart(), 'image-verify', { signer: keyless, privateSigstore: true, rekorUrl: REKOR })).not.toThrow();
    // a key or a public-good keyless signer needs no private Sigstore
    expect(() => new ImageVerify(chart(), 'image-verify', { signer: PUBLIC_SIGNER })).not.toThrow();
  });

  test('refuses a key Secret of another namespace, and a signature repository with a tag', () => {
    expect(() => synth({ signer: ImageSigner.key(VerificationKey.fromSecret({ secretName: 'k', secretNamespace: 'tekton-chains' })) })).toThrow(
      "ImageVerify 'test/image-verify': signer.key.secretNamespace \"tekton-chains\" is not the run's namespace ('ci'): a workspace mounts Secrets of its own namespace only [VALID_REFERENCE]. "
      + "Copy the public key into a Secret of the run's namespace (as cosign.pub), or leave secretNamespace out.",
    );
    expect(() => synth({ signatureRepository: 'registry.example.com/signatures:latest' })).toThrow(
      'signatureRepository "registry.example.com/signatures:latest" is not a repository (registry/path, no tag or digest) [VALID_SPEC]',
    );
    expect(() => synth({ signatureRepository: 'registry.example.com/team/../signatures' })).toThrow(
      "ImageVerify 'test/image-verify': signatureRepository \"registry.example.com/team/../signatures\" is not a repository (registry/path, no tag or digest) [VALID_SPEC]. "
      + "Give the repository as Chains' storage.oci.repository names it, e.g. 'registry.example.com/signatures'.",
    );
  });

  test('keyWorkspace() is refused without a key in a Secret', () => {
    expect(() => synth().task.keyWorkspace()).toThrow(
      "ImageVerify 'test/image-verify': signer \"spiffe\" is not a key in a Secret, so the task has no cosign-key workspace [VALID_REFERENCE]. "
      + "Use ImageSigner.key(VerificationKey.fromSecret({ secretName: '<secret holding cosign.pub>' })), or bind no key workspace.",
    );
  });

  test('refuses cosignImage not pinned by digest in the words of the prop, unless its relaxations relax IMAGE_DIGEST', () => {
    const IMAGE = 'ghcr.io/sigstore/cosign/cosign:v2.4.1';
    expect(() => new ImageVerify(chart(), 'image-verify', { ...SPIFFE_SIGNED, cosignImage: IMAGE })).toThrow(
      "ImageVerify 'test/image-verify': cosignImage \"ghcr.io/sigstore/cosign/cosign:v2.4.1\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"ghcr.io/sigstore/cosign/cosign@sha256:<64 hex>\" "
      + "(the digest of the image you mean), or leave cosignImage out for the pinned default, or relax IMAGE_DIGEST in its props: relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }].",
    );
    const { m } = synth({ cosignImage: IMAGE, relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: 'the mirror serves cosign by tag only, pinned by its admission policy' }] });
    expect(stepOf(m, 'verify-1').image).toBe(IMAGE);
    expect(m.metadata.annotations['secure-tekton/relax.IMAGE_DIGEST']).toContain('the mirror serves cosign by tag only');
  });

  test('refuses signer values and rekorUrl that the params would refuse, in the words of the options that gave them', () => {
    expect(() => synth({ signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: '*' }) })).toThrow(
      "ImageVerify 'test/image-verify': signer.identity \"*\" is not an https URL, an e-mail address or a SPIFFE ID [VALID_SPEC]. "
      + "Give the identity the signing certificate carries, e.g. 'https://github.com/example/app/.github/workflows/release.yml@refs/heads/main' or 'release@example.com'.",
    );
    expect(() => synth({ signer: ImageSigner.keyless({ oidcIssuer: 'http://issuer.example.com', identity: 'release@example.com' }) })).toThrow(
      "ImageVerify 'test/image-verify': signer.oidcIssuer \"http://issuer.example.com\" is not an https URL [VALID_SPEC]. Give an https URL, e.g. 'https://token.actions.githubusercontent.com'.",
    );
    expect(() => synth({ signer: ImageSigner.spiffe({ oidcIssuer: 'oidc.spire.example.com', spiffeId: SPIFFE }) })).toThrow(
      "ImageVerify 'test/image-verify': signer.oidcIssuer \"oidc.spire.example.com\" is not an https URL [VALID_SPEC]. Give an https URL, e.g. 'https://token.actions.githubusercontent.com'.",
    );
    expect(() => synth({ rekorUrl: 'http://rekor.internal.example.com' })).toThrow(
      "ImageVerify 'test/image-verify': rekorUrl \"http://rekor.internal.example.com\" is not an https URL [VALID_SPEC]. Give the Rekor instance's https URL, or leave rekorUrl out for https://rekor.sigstore.dev.",
    );
  });

  test('refuses a key signer whose key cosign would not read as the key meant', () => {
    const keyed = (key: VerificationKey) => () => synth({ signer: ImageSigner.key(key) });
    // a plain JavaScript caller may leave the key out: a refusal, not a TypeError
    expect(keyed(undefined as any)).toThrow(
      "ImageVerify 'test/image-verify': signer.key \"undefined\" is not a VerificationKey [VALID_SPEC]. Give the public key: ImageSigner.key(VerificationKey.fromSecret("
      + "{ secretName: '<secret holding cosign.pub>' })), VerificationKey.fromPem(publicKeyPem) or VerificationKey.fromKms(uri).",
    );
    expect(keyed(VerificationKey.fromKms('https://keys.example.com/cosign.pub'))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.kmsUri \"https://keys.example.com/cosign.pub\" is not a KMS key reference sigstore accepts: cosign would read "
      + 'the key from whatever URL, file or substituted value it names, or fail [VALID_SPEC]. Use a key reference of the form gcpkms://projects/<p>/locations/<l>/'
      + 'keyRings/<r>/cryptoKeys/<k>, awskms:///<key id, alias/<name> or ARN>, azurekms://<vault>/<key>, or hashivault://<transit key name> (openbao:// too); '
      + "for a key in a file, put it in a Secret of the run's namespace: VerificationKey.fromSecret({ secretName: '<name>' }).",
    );
    expect(keyed(VerificationKey.fromKms('$(params.key)'))).toThrow(/signer\.key\.kmsUri "\$\(params\.key\)" is not a KMS key reference/);
    expect(keyed(VerificationKey.fromKms(''))).toThrow(/signer\.key\.kmsUri "" is not a KMS key reference/);
    // a reference of the right shape that holds a substitution: Tekton would put a run's value into cosign's --key
    expect(keyed(VerificationKey.fromKms('awskms:///alias/$(params.rekor-url)'))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.kmsUri \"awskms:///alias/$(params.rekor-url)\" holds \"$(params.rekor-url)\", which Tekton replaces with a value of "
      + "the run: the run would choose the key that verifies the image [VALID_SPEC]. Write the key reference itself, e.g. VerificationKey.fromKms('awskms:///alias/release-signing'), "
      + 'and give one ImageVerify per key.',
    );
    expect(keyed(VerificationKey.fromKms('azurekms://vault/$(context.taskRun.name)'))).toThrow('signer.key.kmsUri "azurekms://vault/$(context.taskRun.name)" holds "$(context.taskRun.name)"');
    expect(keyed(VerificationKey.fromKms('gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/$(params.image'))).toThrow('holds "$(params.image"');
    expect(synth({ signer: ImageSigner.key(VerificationKey.fromKms('awskms:///alias/release-signing')) }).m.spec.steps.find((s: any) => s.name === 'verify-1').args)
      .toContain('--key=awskms:///alias/release-signing');
    expect(keyed(VerificationKey.fromPem('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----\n'))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.pem \"-----BEGIN EC PRIVATE KEY-----\" is not a PEM public key [VALID_SPEC]. Give the public key in PEM "
      + '("-----BEGIN PUBLIC KEY-----" ... "-----END PUBLIC KEY-----", e.g. cosign.pub), never a private key: VerificationKey.fromPem(publicKeyPem).',
    );
    expect(keyed(VerificationKey.fromPem('-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----'))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.pem \"-----BEGIN PUBLIC KEY-----\" does not parse as a PKIX public key: cosign could not load the key, so no "
      + 'image would pass [VALID_SPEC]. Give the RSA, ECDSA (P-256, P-384 or P-521) or Ed25519 public key the images are signed with, in PEM as '
      + '`cosign public-key` prints it: VerificationKey.fromPem(publicKeyPem).',
    );
    expect(keyed(VerificationKey.fromSecret({}))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.secretName \"\" names no Secret [VALID_SPEC]. Name the Secret that holds cosign.pub: VerificationKey.fromSecret({ secretName: '<name>' }).",
    );
    expect(keyed(VerificationKey.fromSecret({ secretName: 'Cosign Pub' }))).toThrow(
      "ImageVerify 'test/image-verify': signer.key.secretName \"Cosign Pub\" is not a DNS-1123 subdomain, so no Secret has this name [VALID_SPEC]. "
      + "Give the Secret's name: at most 253 lower-case letters, digits, '-' and '.', e.g. 'cosign-pub'.",
    );
    // what cosign reads as meant
    expect(() => synth({ signer: ImageSigner.key(VerificationKey.fromKms('gcpkms://projects/p/locations/global/keyRings/r/cryptoKeys/k')) })).not.toThrow();
    expect(() => synth({ signer: ImageSigner.key(VerificationKey.fromPem(PEM)) })).not.toThrow();
    expect(() => synth({ signer: ImageSigner.key(VerificationKey.fromSecret({ secretName: 'cosign-pub' })) })).not.toThrow();
  });

  test('with pull credentials, the registries cosign would also try over plain http are refused: the signature repository at synth, the image before cosign runs', () => {
    const c = chart();
    const pull = new RegistryCredential(c, 'pull', { secretName: 'registry-pull' });
    const signer = ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'release@example.com' });
    expect(() => new ImageVerify(c, 'image-verify', { signer, pullCredential: pull, signatureRepository: '10.0.0.5:5000/signatures' })).toThrow(
      "ImageVerify 'test/image-verify': signatureRepository \"10.0.0.5:5000/signatures\" names the registry 10.0.0.5:5000, which cosign (go-containerregistry) "
      + 'also tries over plain http when https fails (an RFC 1918 address, localhost with a port, *.localhost, 127.0.0.1 or ::1), and would send the pull '
      + 'credentials in clear [VALID_SPEC]. Name the registry by a DNS name (not localhost or *.localhost) with a certificate the pod trusts.',
    );
    new ImageVerify(c, 'verify-private', { signer, pullCredential: pull, attempts: 1 });
    const digest = `@sha256:${'a'.repeat(64)}`;
    const withCredentials = new RegExp(stepOf(only(c, 'Task'), 'validate-params').script.match(/grep -Eq -e '([^']+)' \|\| fail 'image'/)[1]);
    expect(['localhost:5000/app', '192.168.1.10/app', 'reg.localhost/app', 'registry.example.com/app'].map((i) => withCredentials.test(`${i}${digest}`)))
      .toEqual([false, false, false, true]);
    // without credentials there is nothing to leak: any registry
    const anonymous = new RegExp(stepOf(synth().m, 'validate-params').script.match(/grep -Eq -e '([^']+)' \|\| fail 'image'/)[1]);
    expect(anonymous.test(`localhost:5000/app${digest}`)).toBe(true);
    // a signature repository without pull credentials is read anonymously
    expect(() => new ImageVerify(chart(), 'image-verify', { signer, signatureRepository: 'localhost:5000/signatures' })).not.toThrow();
  });

  test('a plain JavaScript caller that leaves signer out gets a refusal, not a TypeError', () => {
    expect(() => new ImageVerify(chart(), 'image-verify', {} as any)).toThrow(
      "ImageVerify 'test/image-verify': signer \"undefined\" is not an ImageSigner [VALID_SPEC]. Say who must have signed: signer: ImageSigner.keyless({ oidcIssuer: "
      + "'https://...', identity: '...' }), ImageSigner.spiffe(...) or ImageSigner.key(...).",
    );
  });

  test('a pipeline or task timeout that would cut the looks off is refused: (attempts - 1) x retryDelay must fit', () => {
    const run = (attempts: number, retryDelay: Duration, timeouts: { pipeline?: Duration; task?: Duration } = {}) => () => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'release', { timeout: timeouts.pipeline });
      // the registry and the TUF mirror, on 443
      pipeline.egress.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      const task = new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER, attempts, retryDelay });
      pipeline.addTask({ task, name: 'verify', parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` }, timeout: timeouts.task });
      Testing.synth(c);
    };
    expect(run(20, Duration.minutes(10))).toThrow(
      "SecurePipeline 'test/release': timeout \"1h0m0s\" is not longer than the 3h10m0s task 'image-verify' may wait (19 x retryDelay 0h10m0s between 20 attempts) "
      + "(run by task 'verify'), so the run is cut off before its last look [VALID_SPEC]. Lengthen the pipeline timeout (timeout: Duration.minutes(205) leaves a quarter "
      + 'of an hour for the rest), or give the task fewer attempts or a shorter retryDelay.',
    );
    expect(run(7, Duration.minutes(10), { task: Duration.minutes(30) })).toThrow(
      "SecurePipeline 'test/release' task 'verify': timeout \"0h30m0s\" is not longer than the 1h0m0s task 'image-verify' may wait (6 x retryDelay 0h10m0s between 7 attempts), "
      + 'so the run is cut off before its last look [VALID_SPEC]. Lengthen the task timeout (timeout: Duration.minutes(75) leaves a quarter of an hour for the rest), '
      + "and the pipeline's to as much (timeout: Duration.minutes(75) in the SecurePipeline props; it is 1h0m0s), or give the task fewer attempts or a shorter retryDelay.",
    );
    expect(run(7, Duration.minutes(10), { pipeline: Duration.minutes(75) })).not.toThrow();
    expect(run(5, Duration.seconds(30))).not.toThrow();
  });
});

describe('ImageVerify against the chains-config of the same app: refusals in its own props, once for all its looks', () => {
  const CUSTOM = { keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: SPIRE_ISSUER, provider: FulcioProvider.SPIFFE, rekorUrl: 'https://rekor.example.internal' }) };
  const RELAX = " Or, for images Chains does not sign, relax CHAINS_SIGNER_VERIFIED in its props: relaxations: [{ rule: RuleId.CHAINS_SIGNER_VERIFIED, reason: '<why>' }].";
  /** An app with Chains configured by `chains` and, in namespace ci, ImageVerify with `props` in a pipeline whose run binds its workspaces. */
  function verifyApp(chains: ChainsConfigProps, props: Partial<ImageVerifyProps> = {}) {
    const app = Testing.app();
    new ChainsConfig(new Chart(app, 'chains', { namespace: 'tekton-chains' }), 'config', chains);
    const ci = new Chart(app, 'ci', { namespace: 'ci' });
    const task = new ImageVerify(ci, 'image-verify', { signer: ImageSigner.spiffe({ oidcIssuer: SPIRE_ISSUER, spiffeId: SPIFFE }), ...props });
    const pipeline = new SecurePipeline(ci, 'release', { workspaces: props.privateSigstore ? [{ name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }] : [] });
    // the registry and the TUF mirror, on 443
    pipeline.egress.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    pipeline.addTask({
      task,
      name: 'verify',
      parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` },
      workspaces: props.privateSigstore ? { 'sigstore-trust': 'sigstore-trust' } : {},
    });
    new SecurePipelineRun(ci, 'run', { pipeline, workspaces: props.privateSigstore ? { 'sigstore-trust': RunWorkspace.configMap('sigstore-trust') } : {} });
    return app;
  }

  test("Chains signs through the cluster's own Fulcio: privateSigstore, and the fix as written is accepted", () => {
    // (a SPIFFE ID without privateSigstore is refused with the props alone, above); a private Fulcio that certifies a token file's identity
    const filesystem = { keyless: KeylessSigning.custom({ fulcioAddress: 'https://fulcio.example.internal', oidcIssuer: SPIRE_ISSUER, provider: FulcioProvider.FILESYSTEM, rekorUrl: 'https://rekor.example.internal' }) };
    expect(() => verifyApp(filesystem, { signer: ImageSigner.keyless({ oidcIssuer: SPIRE_ISSUER, identity: 'https://kubernetes.io/namespaces/tekton-chains/serviceaccounts/tekton-chains-controller' }) }).synth()).toThrow(new Error(
      "ImageVerify 'ci/image-verify': privateSigstore \"false\" checks the certificate against the public-good Fulcio's root, but Chains signs images with certificates "
      + 'of the Fulcio at https://fulcio.example.internal (signers.x509.fulcio.address), which that root does not certify [CHAINS_SIGNER_VERIFIED]. '
      + "Verify against that Sigstore's own trust root: privateSigstore: true with rekorUrl: '<its Rekor URL>', and bind the task's sigstore-trust workspace to a "
      + "ConfigMap holding fulcio.crt.pem, ctfe.pub and rekor.pub (RunWorkspace.configMap('<name>'))." + RELAX,
    ));
    expect(() => verifyApp(CUSTOM, { privateSigstore: true, rekorUrl: 'https://rekor.example.internal' }).synth()).not.toThrow();
  });

  test('a signer Chains never signs with: signer, with the value it requires', () => {
    const other = 'spiffe://example.org/ns/ci/sa/release-runner';
    const app = verifyApp(CUSTOM, { signer: ImageSigner.spiffe({ oidcIssuer: SPIRE_ISSUER, spiffeId: other }), privateSigstore: true, rekorUrl: 'https://rekor.example.internal' });
    expect(() => app.synth()).toThrow(new Error(
      `ImageVerify 'ci/image-verify': signer "${other}" is not the SPIFFE ID SPIRE gives the Chains controller (spiffe://<trust domain>/ns/tekton-chains/sa/`
      + 'tekton-chains-controller, its namespace and ServiceAccount) [CHAINS_SIGNER_VERIFIED]. Require the signer Chains signs with: ImageSigner.spiffe({ spiffeId: '
      + "ImageVerificationTask.chainsSpiffeIdentity('<trust domain>'), oidcIssuer: '<SPIRE OIDC issuer>' }) with privateSigstore: true and rekorUrl: '<your Rekor>' when it signs keyless through SPIRE, "
      + "ImageSigner.keyless({ identity: '<identity>', oidcIssuer: '<issuer>' }) with another Fulcio provider, ImageSigner.key(VerificationKey.fromSecret({ "
      + "secretName: '<Secret holding cosign.pub>' })) with its x509 key, or ImageSigner.key(VerificationKey.fromKms('<signers.kms.kmsref>')) with a KMS key."
      + RELAX,
    ));
    // the first fix, as written
    const fixed = verifyApp(CUSTOM, {
      signer: ImageSigner.spiffe({ spiffeId: ImageVerificationTask.chainsSpiffeIdentity('example.org'), oidcIssuer: SPIRE_ISSUER }),
      privateSigstore: true,
      rekorUrl: 'https://rekor.example.internal',
    });
    expect(() => fixed.synth()).not.toThrow();
    // a key where Chains signs keyless: the key is the signer too
    const keyed = verifyApp(CUSTOM, { signer: ImageSigner.key(VerificationKey.fromPem(PEM)) });
    expect(() => keyed.synth()).toThrow(new Error(
      "ImageVerify 'ci/image-verify': signer \"ImageSigner.key(...)\" verifies against a key, but Chains signs images keyless (signers.x509.fulcio.enabled true) "
      + 'with a short-lived Fulcio certificate whose key nobody keeps [CHAINS_SIGNER_VERIFIED]. Require the signer Chains signs with: ImageSigner.spiffe({ spiffeId: '
      + "ImageVerificationTask.chainsSpiffeIdentity('<trust domain>'), oidcIssuer: '<SPIRE OIDC issuer>' }) with privateSigstore: true and rekorUrl: '<your Rekor>' when it signs keyless through SPIRE, "
      + "ImageSigner.keyless({ identity: '<identity>', oidcIssuer: '<issuer>' }) with another Fulcio provider, ImageSigner.key(VerificationKey.fromSecret({ "
      + "secretName: '<Secret holding cosign.pub>' })) with its x509 key, or ImageSigner.key(VerificationKey.fromKms('<signers.kms.kmsref>')) with a KMS key."
      + RELAX,
    ));
  });

  test('an identity or issuer a pipeline task passes in place of the signer\'s: said as that pipeline task\'s param, not as signer', () => {
    const other = 'spiffe://example.org/ns/ci/sa/release-runner';
    const chainsSigner = ImageSigner.spiffe({ spiffeId: ImageVerificationTask.chainsSpiffeIdentity('example.org'), oidcIssuer: SPIRE_ISSUER });
    const appPassing = (params: { [name: string]: string }, runParams?: { [name: string]: string }) => {
      const app = Testing.app();
      new ChainsConfig(new Chart(app, 'chains', { namespace: 'tekton-chains' }), 'config', CUSTOM);
      const ci = new Chart(app, 'ci', { namespace: 'ci' });
      const task = new ImageVerify(ci, 'image-verify', { signer: chainsSigner, privateSigstore: true, rekorUrl: 'https://rekor.example.internal' });
      const pipeline = new SecurePipeline(ci, 'release', {
        parameters: runParams ? [{ name: 'signer-identity' }] : [],
        workspaces: [{ name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }],
      });
      // the registry and the TUF mirror, on 443
      pipeline.egress.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      pipeline.addTask({
        task,
        name: 'verify',
        parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}`, ...params },
        workspaces: { 'sigstore-trust': 'sigstore-trust' },
      });
      new SecurePipelineRun(ci, 'run', { pipeline, parameters: runParams, workspaces: { 'sigstore-trust': RunWorkspace.configMap('sigstore-trust') } });
      return app;
    };
    const identityFix = "Pass the identity Chains signs with (ImageVerificationTask.chainsSpiffeIdentity('<trust domain>') when it signs keyless through SPIRE, "
      + "the identity of its Fulcio provider otherwise), or leave 'certificate-identity' out of the pipeline task's params: its default is the task's signer's." + RELAX;
    const notChains = 'is not the SPIFFE ID SPIRE gives the Chains controller (spiffe://<trust domain>/ns/tekton-chains/sa/tekton-chains-controller, its namespace and '
      + 'ServiceAccount) [CHAINS_SIGNER_VERIFIED]. ';
    expect(() => appPassing({ 'certificate-identity': other }).synth()).toThrow(new Error(
      `ImageVerify 'ci/image-verify' pipeline task 'verify': parameters.certificate-identity "${other}" ${notChains}${identityFix}`));
    // through a pipeline param a run fills: refused as a signer the run chooses, and the value this run gives, as the reference the pipeline task wrote
    expect(() => appPassing({ 'certificate-identity': '$(params.signer-identity)' }, { 'signer-identity': other }).synth()).toThrow(new Error(
      '2 findings; nothing was written:\n'
      + "  ImageVerify 'ci/image-verify' pipeline task 'verify': parameters.certificate-identity \"$(params.signer-identity)\" is filled when the pipeline runs, so each "
      + "run would choose the identity the signer's certificate must carry: a signature by whoever the run names would verify the image, and the digest the task "
      + "writes is what Deploy deploys [CHAINS_SIGNER_VERIFIED]. Leave 'certificate-identity' out of the pipeline task's params: its default is the ImageVerify's "
      + 'signer, fixed at synth. To accept another signer, give it in the props of a second ImageVerify.\n'
      + `  ImageVerify 'ci/image-verify' pipeline task 'verify': parameters.certificate-identity "$(params.signer-identity)" gives "${other}", which ${notChains}${identityFix}`));
    expect(() => appPassing({ 'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com' }).synth()).toThrow(new Error(
      "ImageVerify 'ci/image-verify' pipeline task 'verify': parameters.certificate-oidc-issuer \"https://token.actions.githubusercontent.com\" is not a SPIRE OIDC issuer: "
      + 'with signers.x509.fulcio.provider spiffe the certificate names the issuer of the SPIRE JWT-SVID (its OIDC discovery URL) [CHAINS_SIGNER_VERIFIED]. '
      + "Pass the OIDC issuer Chains signs with (its SPIRE OIDC issuer when it signs keyless through SPIRE, its Fulcio provider's otherwise), or leave "
      + "'certificate-oidc-issuer' out of the pipeline task's params: its default is the task's signer's." + RELAX));
    // the signer's own value passed again is the signer's: accepted, as the signer is
    expect(() => appPassing({ 'certificate-identity': ImageVerificationTask.chainsSpiffeIdentity('example.org') }).synth()).not.toThrow();
  });

  test('signatures where cosign does not look: signatureRepository', () => {
    const chains = { storage: { ociRepository: 'registry.example.com/signatures' } };
    expect(() => verifyApp(chains, { signer: ImageSigner.key(VerificationKey.fromPem(PEM)) }).synth()).toThrow(new Error(
      "ImageVerify 'ci/image-verify': signatureRepository \"unset (next to the image)\" cosign looks for signatures next to the image, but Chains writes them in "
      + 'registry.example.com/signatures (storage.oci.repository) [CHAINS_SIGNER_VERIFIED]. Set signatureRepository to the repository Chains writes signatures to '
      + '(its storage.oci.repository), or leave it out when Chains writes them next to the image.' + RELAX,
    ));
  });

  test('the relaxation the refusal names, in the props, covers every look', () => {
    const app = verifyApp(CUSTOM, { signer: PUBLIC_SIGNER, relaxations: [{ rule: RuleId.CHAINS_SIGNER_VERIFIED, reason: 'verifies the images a vendor signs on the public-good Sigstore' }] });
    app.synth();
    const task = Testing.synth(app.node.findChild('ci') as Chart).find((o) => o.kind === 'Task');
    expect(task.metadata.annotations['secure-tekton/relax.CHAINS_SIGNER_VERIFIED']).toBe('*: verifies the images a vendor signs on the public-good Sigstore');
  });
});

describe('ImageVerify workspaces its props do not declare', () => {
  test.each([
    ['sigstore-trust', 'privateSigstore: true'],
    ['dockerconfig', 'pullCredential: <a RegistryCredential>'],
    ['cosign-key', "signer: ImageSigner.key(VerificationKey.fromSecret({ secretName: '<Secret holding cosign.pub>' }))"],
  ])('a binding to %s names the prop that declares it', (workspace, prop) => {
    const c = chart();
    const task = new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER });
    const pipeline = new SecurePipeline(c, 'release', { workspaces: [{ name: 'w', domain: TrustDomain.CREDENTIALS }] });
    // the registry and the TUF mirror, on 443
    pipeline.egress.allow(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    pipeline.addTask({ task, name: 'verify', parameters: { image: `registry.example.com/app@sha256:${'a'.repeat(64)}` }, workspaces: { [workspace]: 'w' } });
    expect(() => Testing.synth(c)).toThrow(new Error(
      `SecurePipeline 'test/release' task 'verify': workspaces.${workspace} "w" is not a workspace of task 'image-verify' [VALID_REFERENCE]. `
      + `A task gets only the workspaces it declares: (none); ImageVerify declares '${workspace}' only with ${prop}.`,
    ));
  });
});

describe('ImageVerify: the pipeline\'s egress reaches the registry that holds the signatures and, without privateSigstore, the TUF mirror', () => {
  const DIGEST = `@sha256:${'a'.repeat(64)}`;
  const REGISTRY = EgressPeer.cidr('203.0.113.0/24');
  /** A pipeline that runs the verify with `image`, the egress `egress` gives it; its synth's refusal, or 'synthesized'. */
  const refusal = (props: Partial<ImageVerifyProps>, image: string, egress?: (p: SecurePipeline, t: PipelineTask) => void, hermetic?: boolean) => {
    const c = chart();
    const task = new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER, ...props });
    const pipeline = new SecurePipeline(c, 'release', {
      parameters: [{ name: 'image' }],
      workspaces: props.privateSigstore ? [{ name: 'sigstore-trust', domain: TrustDomain.CREDENTIALS }] : [],
    });
    const verify = pipeline.addTask({ task, name: 'verify', hermetic, parameters: { image }, workspaces: props.privateSigstore ? { 'sigstore-trust': 'sigstore-trust' } : {} });
    egress?.(pipeline, verify);
    try {
      Testing.synth(c);
      return 'synthesized';
    } catch (e) {
      return messageOf(() => { throw e; });
    }
  };
  const fix = (host: string, port: number) => `allowEgressTo(EgressPeer.cidr('<addresses of ${host}>'), [EgressPort.tcp(${port})]) on the PipelineTask addTask returned.`;
  const PRIVATE = { privateSigstore: true, rekorUrl: 'https://rekor.example.internal' };
  const TUF = 'cosign reaches tuf-repo-cdn.sigstore.dev on TCP port 443 (https: privateSigstore is not set, so cosign reads the public-good Sigstore\'s keys from '
    + 'its TUF mirror into an empty cache on every run): cosign verify fails on every run [VALID_SPEC]. ';

  test('without privateSigstore, any signer needs TCP 443 for the TUF mirror, even when the registry is on another port', () => {
    expect(refusal({}, `registry.example.com:5000/app${DIGEST}`, (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(5000)]))).toBe(
      "ImageVerify 'test/image-verify' pipeline task 'verify': allowEgressTo \"EgressPort.tcp(5000)\" leaves out TCP port 443, but " + TUF
      + `Give the task egress to the TUF mirror on that port too: ${fix('tuf-repo-cdn.sigstore.dev', 443)}`);
    const key = { signer: ImageSigner.key(VerificationKey.fromPem(PEM)) };
    expect(refusal(key, '$(params.image)', undefined, true)).toBe(
      `ImageVerify 'test/image-verify' pipeline task 'verify': hermetic "true" gives the task no egress, but ${TUF}Remove hermetic: true from the `
      + `addTask({ task: <this ImageVerify>, ... }) options, and give the task egress to the TUF mirror: ${fix('tuf-repo-cdn.sigstore.dev', 443)}`);
    expect(refusal({}, `registry.example.com:5000/app${DIGEST}`, (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(5000), EgressPort.tcp(443)]))).toBe('synthesized');
  });

  test('the registry a literal image names, or signatureRepository\'s instead (the image is pinned by digest)', () => {
    expect(refusal(PRIVATE, `registry.example.com:5000/app${DIGEST}`, (p) => p.egress.allow(REGISTRY, [EgressPort.tcp(443)]))).toBe(
      "ImageVerify 'test/image-verify' pipeline task 'verify': egress.allow \"EgressPort.tcp(443)\" leaves out TCP port 5000, but cosign reaches registry.example.com "
      + 'on TCP port 5000 (https, the registry its image param names, where cosign reads the signatures): cosign verify fails on every run [VALID_SPEC]. '
      + `Give the task egress to the registry on that port too: ${fix('registry.example.com', 5000)}`);
    const elsewhere = { ...PRIVATE, signatureRepository: 'signatures.example.com:8443/team/signatures' };
    expect(refusal(elsewhere, `registry.example.com:5000/app${DIGEST}`, (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(5000)]))).toBe(
      "ImageVerify 'test/image-verify' pipeline task 'verify': allowEgressTo \"EgressPort.tcp(5000)\" leaves out TCP port 8443, but cosign reaches "
      + "signatures.example.com on TCP port 8443 (https, as signatureRepository 'signatures.example.com:8443/team/signatures' says, where cosign reads the "
      + `signatures): cosign verify fails on every run [VALID_SPEC]. Give the task egress to the registry on that port too: ${fix('signatures.example.com', 8443)}`);
    expect(refusal(elsewhere, `registry.example.com:5000/app${DIGEST}`, (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(8443)]))).toBe('synthesized');
    // a repository without a registry is Docker Hub's
    expect(refusal(PRIVATE, `team/app${DIGEST}`)).toBe(
      "ImageVerify 'test/image-verify' pipeline task 'verify': allowEgressTo is not called for this pipeline task (nor egress.allow for its pipeline), so its pod "
      + 'reaches nothing but DNS, and cosign reaches index.docker.io on TCP port 443 (https, the registry its image param names, where cosign reads the '
      + `signatures): cosign verify fails on every run [VALID_SPEC]. Give the task egress to the registry on that port: ${fix('index.docker.io', 443)}`);
  });

  test('with privateSigstore, an image a run passes needs some TCP port', () => {
    expect(refusal(PRIVATE, '$(params.image)', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.udp(443)]))).toBe(
      "ImageVerify 'test/image-verify' pipeline task 'verify': allowEgressTo \"EgressPort.udp(443)\" leaves out every TCP port, but cosign reaches the registry "
      + 'of its image on a TCP port (https, to the registry of the image a run passes: port 443 unless it names another): cosign verify fails on every run '
      + `[VALID_SPEC]. Give the task egress to the registry on its port too: ${fix('the registry of its image', 443)}`);
    expect(refusal(PRIVATE, '$(params.image)', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(5000)]))).toBe('synthesized');
  });
});

describe('ImageVerify given an image whose digest is in upper-case hex', () => {
  test('refused with the lower-cased image (validate-params and cosign\'s reference parser refuse it); the egress named is the registry written; the fix passes', () => {
    const verifying = (image: string, port: number) => {
      const c = chart();
      const pipeline = new SecurePipeline(c, 'release', {});
      const verify = pipeline.addTask({ task: new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER }), name: 'verify', parameters: { image } });
      verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(port)]);
      return () => Testing.synth(c);
    };
    const upper = `registry.example.com:5000/app@sha256:${'a'.repeat(63)}F`;
    const lower = `registry.example.com:5000/app@sha256:${'a'.repeat(63)}f`;
    expect(verifying(upper, 443)).toThrow(
      `ImageVerify 'test/image-verify' pipeline task 'verify': parameters.image "${upper}" has its digest in upper-case hex, which image references do not allow `
      + '(a sha256 digest is 64 lower-case hex digits): the validate-params step refuses it, and cosign could not parse the reference either, so every run fails '
      + `before anything is verified [VALID_REFERENCE]. Write the digest in lower case: parameters: { image: '${lower}' }.`);
    expect(verifying(upper, 443)).toThrow('cosign reaches registry.example.com on TCP port 5000 (https, the registry its image param names, where cosign reads the signatures)');
    expect(verifying(lower, 443)).toThrow('cosign reaches registry.example.com on TCP port 5000');
    const fixed = chart();
    const pipeline = new SecurePipeline(fixed, 'release', {});
    pipeline.addTask({ task: new ImageVerify(fixed, 'image-verify', { signer: PUBLIC_SIGNER }), name: 'verify', parameters: { image: lower } })
      .allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(5000), EgressPort.tcp(443)]);
    expect(() => Testing.synth(fixed)).not.toThrow();
  });
});

describe('ImageVerify: the signer is fixed at synth, never chosen by a run', () => {
  const IMAGE = `registry.example.com/app@sha256:${'a'.repeat(64)}`;
  const verifying = (parameters: { [name: string]: string }, props: Partial<ImageVerifyProps> = {}, matrix?: { [name: string]: string[] }) => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', { parameters: [{ name: 'image' }, { name: 'who' }, { name: 'iss' }, { name: 'rekor' }] });
    const task = new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER, ...props });
    pipeline.addTask({ task, name: 'verify', parameters: { image: IMAGE, ...parameters }, ...(matrix ? { matrix: { parameters: matrix } } : {}) })
      .allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    return () => Testing.synth(c);
  };
  const refusal = (property: string, value: string, decides: string, param: string, prop: string, other: string) =>
    `ImageVerify 'test/image-verify' pipeline task 'verify': ${property} "${value}" is filled when the pipeline runs, so each run would choose ${decides}, `
    + `and the digest the task writes is what Deploy deploys [CHAINS_SIGNER_VERIFIED]. Leave '${param}' out of the pipeline task's params: its default is the `
    + `ImageVerify's ${prop}, fixed at synth. To accept another ${other}, give it in the props of a second ImageVerify.`;
  const WHO = "the identity the signer's certificate must carry: a signature by whoever the run names would verify the image";
  const ISSUER = "the OIDC issuer the signer's certificate must name: a signature by whoever the run names would verify the image";

  test('a run\'s param or a context value in certificate-identity, certificate-oidc-issuer or rekor-url: refused, each', () => {
    expect(verifying({ 'certificate-identity': '$(params.who)', 'certificate-oidc-issuer': '$(params.iss)', 'rekor-url': '$(params.rekor)' })).toThrow(new Error(
      '3 findings; nothing was written:\n'
      + `  ${refusal('parameters.certificate-identity', '$(params.who)', WHO, 'certificate-identity', 'signer', 'signer')}\n`
      + `  ${refusal('parameters.certificate-oidc-issuer', '$(params.iss)', ISSUER, 'certificate-oidc-issuer', 'signer', 'signer')}\n`
      + `  ${refusal('parameters.rekor-url', '$(params.rekor)', 'the Rekor log the signature must be in, which the props fix', 'rekor-url', 'rekorUrl', 'Rekor')}`));
    // text around the substitution, a context value
    expect(verifying({ 'certificate-identity': 'https://github.com/$(params.who)/.github/workflows/release.yml@refs/heads/main' })).toThrow(new Error(
      refusal('parameters.certificate-identity', 'https://github.com/$(params.who)/.github/workflows/release.yml@refs/heads/main', WHO, 'certificate-identity', 'signer', 'signer')));
    expect(verifying({ 'certificate-oidc-issuer': 'https://$(context.pipelineRun.namespace).example.com' })).toThrow(new Error(
      refusal('parameters.certificate-oidc-issuer', 'https://$(context.pipelineRun.namespace).example.com', ISSUER, 'certificate-oidc-issuer', 'signer', 'signer')));
    // a key signer's Rekor too
    expect(verifying({ 'rekor-url': '$(params.rekor)' }, { signer: ImageSigner.key(VerificationKey.fromPem(PEM)) })).toThrow(new Error(
      refusal('parameters.rekor-url', '$(params.rekor)', 'the Rekor log the signature must be in, which the props fix', 'rekor-url', 'rekorUrl', 'Rekor')));
  });

  test('a matrix that fans the identity out over a run\'s values: refused as the item', () => {
    expect(verifying({}, {}, { 'certificate-identity': ['https://github.com/example/app/.github/workflows/release.yml@refs/heads/main', '$(params.who)'] })).toThrow(new Error(
      refusal('matrix.parameters.certificate-identity[1]', '$(params.who)', WHO, 'certificate-identity', 'signer', 'signer')));
  });

  test('the fix: the params left out (the signer\'s and rekorUrl\'s defaults), or literals, fixed at synth', () => {
    expect(verifying({})).not.toThrow();
    expect(verifying({ 'certificate-identity': PUBLIC_SIGNER.identity!, 'certificate-oidc-issuer': PUBLIC_SIGNER.oidcIssuer!, 'rekor-url': 'https://rekor.sigstore.dev' })).not.toThrow();
  });
});

describe('ImageVerify given the image an ImagePush pushed, without its digest', () => {
  const pipelineWith = (image: (push: PipelineTask) => string) => {
    const c = chart();
    const pipeline = new SecurePipeline(c, 'release', {
      parameters: [{ name: 'image' }],
      workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'registry-credentials', domain: TrustDomain.CREDENTIALS }],
    });
    const push = pipeline.addTask({ task: new ImagePush(c, 'image-push'), name: 'push', parameters: { image: '$(params.image)' }, workspaces: { image: 'image', dockerconfig: 'registry-credentials' } });
    push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    const verify = pipeline.addTask({ task: new ImageVerify(c, 'image-verify', { signer: PUBLIC_SIGNER }), name: 'verify', parameters: { image: image(push) } });
    verify.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    return c;
  };

  test('IMAGE_URL alone is refused (validate-params would fail every run); the fix the message gives passes', () => {
    expect(() => Testing.synth(pipelineWith((push) => push.result('IMAGE_URL')))).toThrow(
      "ImageVerify 'test/image-verify' pipeline task 'verify': parameters.image \"$(tasks.push.results.IMAGE_URL)\" is the image pipeline task 'push' pushed without its digest "
      + "(ImagePush's IMAGE_URL is the image as given, never pinned), and the validate-params step accepts only an image pinned by digest: every run fails before cosign runs "
      + "[VALID_REFERENCE]. Pass the image with the digest the push wrote: parameters: { image: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' }.",
    );
    const fixed = pipelineWith(() => '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)');
    expect(only(fixed, 'Pipeline').spec.tasks.find((t: any) => t.name === 'verify').params)
      .toEqual([{ name: 'image', value: '$(tasks.push.results.IMAGE_URL)@$(tasks.push.results.IMAGE_DIGEST)' }]);
  });
});
