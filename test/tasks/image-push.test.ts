import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, JsonPatch, Testing } from 'cdk8s';
import { ContainerBuild, EgressPeer, EgressPort, ImagePush, PipelineTask, SecurePipeline, TrustDomain } from '../../src';
import { HARDENED_SECURITY_CONTEXT, messageOf, only, relaxationsOf } from '../helpers/constructs';
import { runStepScript } from '../helpers/run-step';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}
const stepOf = (m: any, name: string) => m.spec.steps.find((s: any) => s.name === name);
/** What the image param must be, in the words of refusals and of the validate-params step: why a reference is refused. */
const DESCRIPTION = 'an image reference registry/repository[:tag] without digest, whose registry is a DNS name with a dot (not localhost or an IP address, '
  + 'which crane may reach over plain http) and whose repository path is lower case';

describe('ImagePush', () => {
  const c = chart();
  const task = new ImagePush(c, 'image-push');
  const m = only(c, 'Task');

  test('trusted, the registry credentials in its own read-only workspace, the layout read-only', () => {
    expect(task.trusted).toBe(true);
    expect(m.spec.workspaces.map((w: any) => [w.name, w.readOnly])).toEqual([['image', true], ['dockerconfig', true]]);
  });

  test('crane pushes as non-root with a read-only root filesystem, reading config.json through DOCKER_CONFIG', () => {
    const push = stepOf(m, 'push');
    expect(push.image).toMatch(/^gcr\.io\/go-containerregistry\/crane:v0\.22\.1@sha256:[a-f0-9]{64}$/);
    expect(push.securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
    expect(push.command).toEqual(['/ko-app/crane']);
    expect(push.args).toEqual(['push', '$(workspaces.image.path)', '$(params.image)', '--image-refs=/tmp/image-refs']);
    expect(push.env).toEqual([{ name: 'DOCKER_CONFIG', value: '$(workspaces.dockerconfig.path)' }]);
    expect(stepOf(m, 'results').securityContext).toEqual(HARDENED_SECURITY_CONTEXT);
  });

  test('results are Chains\' type hints: IMAGE_URL and IMAGE_DIGEST', () => {
    expect(m.spec.results.map((r: any) => r.name)).toEqual(['IMAGE_URL', 'IMAGE_DIGEST']);
    const script = stepOf(m, 'results').script;
    expect(script).toContain('printf \'%s\' "$IMAGE" > "$(results.IMAGE_URL.path)"');
    expect(script).toContain('printf \'%s\' "$DIGEST" > "$(results.IMAGE_DIGEST.path)"');
    expect(script).toContain("grep -Eq '^sha256:[a-f0-9]{64}$'");
  });

  test('the results step, run: IMAGE_URL is the param and IMAGE_DIGEST the digest crane pushed, each without a new line; anything else crane wrote fails it', () => {
    const push = stepOf(m, 'push');
    const refs = push.args.find((a: string) => a.startsWith('--image-refs=')).slice('--image-refs='.length);
    // the step's /tmp is the pod's scratch emptyDir: here a directory of the test's
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'image-push-'));
    const step = stepOf(m, 'results');
    expect(step.script).toContain(refs);
    const run = (written: string) => {
      fs.writeFileSync(path.join(tmp, 'image-refs'), written);
      return runStepScript({ ...step, script: step.script.split(refs).join(path.join(tmp, 'image-refs')) }, { 'params.image': 'registry.example.com/team/app:v1.0.0' });
    };
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    expect(run(`registry.example.com/team/app@${digest}`)).toMatchObject({
      status: 0, stderr: '', results: { IMAGE_URL: 'registry.example.com/team/app:v1.0.0', IMAGE_DIGEST: digest },
    });
    expect(run(`registry.example.com/team/app@sha512:${'a'.repeat(128)}`)).toMatchObject({
      status: 1, stderr: `crane reported registry.example.com/team/app@sha512:${'a'.repeat(128)}\n`, results: {},
    });
  });

  test('the image param starts an argument of crane: checked first, never starting with "-", and that is recorded', () => {
    expect(relaxationsOf(m)).toEqual({
      'secure-tekton/relax.ARGUMENT_INJECTION':
        `step/push: param 'image' is checked by step 'validate-params' before this step runs (${DESCRIPTION}), and never starts with '-'`,
    });
    const pattern = new RegExp(stepOf(m, 'validate-params').script.match(/grep -Eq -e '([^']+)' \|\| fail 'image'/)[1]);
    for (const ok of ['registry.example.com/team/app', 'registry.example.com:5000/app:v1.0.0', 'docker.io/team/app', 'reg.localhost.example.com/app', '10.0.0.5.nip.io/app',
      'registry.example.com/team/my-app_v2/x.y', 'registry.example.com/a__b/c--d:v1.0_rc']) {
      expect([ok, pattern.test(ok)]).toEqual([ok, true]);
    }
    // crane reaches these over plain http when https fails, with the push credentials: refused, and so are names without a dot
    const plain = ['10.0.0.5:5000/app', '192.168.1.10/app', '172.20.0.1/app', '127.0.0.1:5000/app', 'localhost:5000/app', 'reg.localhost/app', 'reg.localhost:5000/app', '[::1]:5000/app'];
    // the path as the distribution reference grammar spells it: crane would put team/../app into the registry API's URL
    const paths = ['registry.example.com/team/../app', 'registry.example.com/./app', 'registry.example.com/-app', 'registry.example.com/app_', 'registry.example.com/team//app'];
    for (const bad of [`registry.example.com/app@sha256:${'a'.repeat(64)}`, 'registry.example.com/app:v1 --insecure', 'Registry.example.com/App', ...plain, 'myreg:5000/app', 'team/app', ...paths]) {
      expect([bad, pattern.test(bad)]).toEqual([bad, false]);
    }
  });

  test('the validate-params step, run with grep -E, passes a reference and stops one with a ".." component', () => {
    const validate = (image: string) => runStepScript(stepOf(m, 'validate-params'), { 'params.image': image });
    expect(validate('registry.example.com/team/my-app_v2:v1.0.0')).toMatchObject({ status: 0, stderr: '' });
    expect(validate('registry.example.com/team/../app')).toMatchObject({
      status: 1, stderr: `param image must be ${DESCRIPTION}\n`,
    });
  });

  test('a literal image whose path has a ".." component is refused at synth, in the words of the pipeline task', () => {
    const scope = chart();
    const pipeline = new SecurePipeline(scope, 'release', {
      workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'registry', domain: TrustDomain.CREDENTIALS }],
    });
    pipeline.addTask({ task: new ImagePush(scope, 'image-push'), name: 'push', parameters: { image: 'registry.example.com/team/../app' }, workspaces: { image: 'image', dockerconfig: 'registry' } });
    expect(() => Testing.synth(scope)).toThrow(
      "SecurePipeline 'test/release' task 'push': parameters.image \"registry.example.com/team/../app\" is not " + DESCRIPTION
      + ", which param 'image' of task 'image-push' requires: its validate-params step fails every run [VALID_REFERENCE]. Pass " + DESCRIPTION
      + ", or a pipeline param: parameters: { 'image': '$(params.<name>)' }.",
    );
  });

  test('refuses craneImage not pinned by digest, in the words of the prop (a hardened task takes no relaxation)', () => {
    const IMAGE = 'gcr.io/go-containerregistry/crane:latest';
    expect(() => new ImagePush(chart(), 'image-push', { craneImage: IMAGE })).toThrow(
      "ImagePush 'test/image-push': craneImage \"gcr.io/go-containerregistry/crane:latest\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"gcr.io/go-containerregistry/crane@sha256:<64 hex>\" (the digest of the image you mean), or leave craneImage out for the pinned default.",
    );
  });

  test('a patched step is said in YAML terms: ImagePush takes no relaxations, so the hint is Relaxations.of', () => {
    const scope = chart();
    const push = new ImagePush(scope, 'push');
    const at = push.apiObject.toJson().spec.steps.findIndex((s: any) => s.name === 'push');
    push.apiObject.addJsonPatch(JsonPatch.replace(`/spec/steps/${at}/image`, 'crane:latest'));
    expect(() => Testing.synth(scope)).toThrow(
      "ImagePush 'test/push' step 'push': image \"crane:latest\" is not pinned by digest [IMAGE_DIGEST]. Use \"crane@sha256:<64 hex>\". "
      + "Or relax IMAGE_DIGEST with a reason: Relaxations.of(push).add({ rule: RuleId.IMAGE_DIGEST, target: 'step/push', reason: '<why>' }).",
    );
  });

  describe('the pipeline\'s egress reaches the registry\'s port: 443, or the port a literal image names', () => {
    /** A pipeline that runs the push with `image`, the egress `egress` gives it; its synth's refusal, or 'synthesized'. */
    const refusal = (image: string, egress?: (p: SecurePipeline, t: PipelineTask) => void, hermetic?: boolean) => {
      const scope = chart();
      const pipeline = new SecurePipeline(scope, 'release', {
        parameters: [{ name: 'image' }],
        workspaces: [{ name: 'image', domain: TrustDomain.OUTPUT }, { name: 'registry', domain: TrustDomain.CREDENTIALS }],
      });
      const push = pipeline.addTask({ task: new ImagePush(scope, 'image-push'), name: 'push', hermetic, parameters: { image }, workspaces: { image: 'image', dockerconfig: 'registry' } });
      egress?.(pipeline, push);
      try {
        Testing.synth(scope);
        return 'synthesized';
      } catch (e) {
        return messageOf(() => { throw e; });
      }
    };
    const REGISTRY = EgressPeer.cidr('203.0.113.0/24');
    const fix = (host: string, port: number) => `allowEgressTo(EgressPeer.cidr('<addresses of ${host}>'), [EgressPort.tcp(${port})]) on the PipelineTask addTask returned.`;

    test('a literal image on a registry without a port needs TCP 443; one with a port, that port', () => {
      expect(refusal('registry.example.com/team/app:v1', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(80)]))).toBe(
        "ImagePush 'test/image-push' pipeline task 'push': allowEgressTo \"EgressPort.tcp(80)\" leaves out TCP port 443, but crane reaches registry.example.com "
        + 'on TCP port 443 (https, as its image param says): crane push fails on every run [VALID_SPEC]. Give the task egress to the registry on that port too: '
        + fix('registry.example.com', 443));
      expect(refusal('registry.example.com:5000/team/app', (p) => p.egress.allow(REGISTRY, [EgressPort.tcp(443)]))).toBe(
        "ImagePush 'test/image-push' pipeline task 'push': egress.allow \"EgressPort.tcp(443)\" leaves out TCP port 5000, but crane reaches registry.example.com "
        + 'on TCP port 5000 (https, as its image param says): crane push fails on every run [VALID_SPEC]. Give the task egress to the registry on that port too: '
        + fix('registry.example.com', 5000));
      expect(refusal('registry.example.com/team/app:v1', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(443)]))).toBe('synthesized');
      expect(refusal('registry.example.com:5000/team/app', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcpRange(5000, 5001)]))).toBe('synthesized');
    });

    test('with no egress, or hermetic, even an image a run passes cannot be pushed', () => {
      expect(refusal('registry.example.com/team/app')).toBe(
        "ImagePush 'test/image-push' pipeline task 'push': allowEgressTo is not called for this pipeline task (nor egress.allow for its pipeline), so its pod "
        + 'reaches nothing but DNS, and crane reaches registry.example.com on TCP port 443 (https, as its image param says): crane push fails on every run '
        + `[VALID_SPEC]. Give the task egress to the registry on that port: ${fix('registry.example.com', 443)}`);
      const runs = 'crane reaches the registry of its image on a TCP port (https, to the registry of the image a run passes: port 443 unless it names another): '
        + 'crane push fails on every run [VALID_SPEC]. ';
      expect(refusal('$(params.image)', undefined, true)).toBe(
        `ImagePush 'test/image-push' pipeline task 'push': hermetic "true" gives the task no egress, but ${runs}Remove hermetic: true from the `
        + `addTask({ task: <this ImagePush>, ... }) options, and give the task egress to the registry: ${fix('the registry of its image', 443)}`);
      expect(refusal('$(params.image)', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.udp(443)]))).toBe(
        "ImagePush 'test/image-push' pipeline task 'push': allowEgressTo \"EgressPort.udp(443)\" leaves out every TCP port, but "
        + `${runs}Give the task egress to the registry on its port too: ${fix('the registry of its image', 443)}`);
      expect(refusal('$(params.image)', (p) => p.egress.markHermetic('push'))).toBe(
        `ImagePush 'test/image-push' pipeline task 'push': egress.markHermetic "push" gives the task no egress, but ${runs}Remove the pipeline's `
        + `egress.markHermetic('push') call, and give the task egress to the registry: ${fix('the registry of its image', 443)}`);
      // the image a run passes may name any port
      expect(refusal('$(params.image)', (_, t) => t.allowEgressTo(REGISTRY, [EgressPort.tcp(5000)]))).toBe('synthesized');
    });
  });

  describe('the push runs after the task that writes its image workspace', () => {
    const synth = (pushAfter: (build: PipelineTask) => Array<PipelineTask | string>, otherWriter = true) => {
      const scope = chart();
      const pipeline = new SecurePipeline(scope, 'release', {
        workspaces: [
          { name: 'source', domain: TrustDomain.SOURCE }, { name: 'image', domain: TrustDomain.OUTPUT }, { name: 'layout', domain: TrustDomain.OUTPUT },
          { name: 'registry', domain: TrustDomain.CREDENTIALS },
        ],
      });
      const build = pipeline.addTask({ task: new ContainerBuild(scope, 'container-build'), name: 'build', workspaces: { source: 'source', image: otherWriter ? 'image' : 'layout' } });
      const push = pipeline.addTask({
        task: new ImagePush(scope, 'image-push'),
        name: 'push',
        runAfter: pushAfter(build),
        parameters: { image: 'registry.example.com/team/app' },
        workspaces: { image: 'image', dockerconfig: 'registry' },
      });
      push.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
      try {
        Testing.synth(scope);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    };

    test('refused when the task that writes the layout is not ordered before the push', () => {
      const message = (after: string) => `ImagePush 'test/image-push' pipeline task 'push': runAfter${after} does not order it after 'build', which writes its image workspace `
        + "'image': Tekton may start the push first, and crane reads a layout that is not written yet [VALID_SPEC]. Run it after the task that writes the layout: "
        + "runAfter: [build] in its addTask options (the PipelineTask that addTask returned for 'build').";
      expect(synth(() => [])).toBe(message(''));
    });

    test('accepted after it (as a PipelineTask or a name), or when no task of the pipeline writes that workspace', () => {
      expect(synth((b) => [b])).toBeUndefined();
      expect(synth(() => ['build'])).toBeUndefined();
      // a run may bind a workspace that holds a layout already
      expect(synth(() => [], false)).toBeUndefined();
    });
  });
});
