import { Chart, JsonPatch, Testing } from 'cdk8s';
import { ContainerBuild, SecurePipeline, SecureTask, TrustDomain } from '../../src';
import { messageOf, only, relaxationsOf } from '../helpers/constructs';

const KANIKO = 'ghcr.io/osscontainertools/kaniko:v1.27.6@sha256:95779f52d460ca70b65a4f4679d4f5163ad6c33edea3303dc8bbff847de5e05c';

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'ci' });
}
const stepOf = (m: any, name: string) => m.spec.steps.find((s: any) => s.name === name);

describe('ContainerBuild', () => {
  const c = chart();
  const task = new ContainerBuild(c, 'container-build');
  const m = only(c, 'Task');
  const build = stepOf(m, 'build');

  test('holds no credentials and pushes nothing: untrusted, source read-only, an OCI layout in the image workspace', () => {
    expect(task.trusted).toBe(false);
    expect(m.spec.workspaces.map((w: any) => [w.name, w.readOnly])).toEqual([['source', true], ['image', false]]);
    expect(build.image).toBe(KANIKO);
    expect(build.command).toEqual(['/kaniko/executor']);
    expect(build.args).toEqual([
      '--dockerfile=$(workspaces.source.path)/$(params.dockerfile)',
      '--context=dir://$(workspaces.source.path)/$(params.context)',
      '--no-push',
      '--oci-layout-path=$(workspaces.image.path)',
      '--digest-file=$(results.digest.path)',
    ]);
    expect(build.args.some((a: string) => /--destination|--tar-path/.test(a))).toBe(false);
    // not a Chains type hint: this task publishes nothing
    expect(m.spec.results.map((r: any) => r.name)).toEqual(['digest']);
  });

  test('kaniko\'s needs, and only those: root, a writable root filesystem, seven capabilities of baseline\'s list; no escalation, RuntimeDefault', () => {
    expect(build.securityContext).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 0,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: false,
      // FSETID and SETFCAP for the RUN lines: chmod keeps the setgid bit of a file of another group, setcap works
      capabilities: { drop: ['ALL'], add: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETUID', 'SETGID', 'FSETID', 'SETFCAP'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('the build step mounts nothing over paths a Dockerfile writes: kaniko leaves every mount point out of the image', () => {
    // no /tmp or /home/tekton emptyDir in the kaniko container (nor any other volume of the task's)
    expect(build.volumeMounts).toBeUndefined();
    // HOME stays the stepTemplate's: kaniko only reads there (registry configuration)
    expect(build.env).toBeUndefined();
    expect(m.spec.stepTemplate.volumeMounts).toBeUndefined();
    // the other steps keep their scratch space
    expect(stepOf(m, 'validate-params').volumeMounts).toEqual([
      { name: 'secure-tmp', mountPath: '/tmp' },
      { name: 'secure-home', mountPath: '/home/tekton' },
    ]);
  });

  test('each loosening is a relaxation of the build step with its reason', () => {
    const relaxed = relaxationsOf(m);
    expect(relaxed['secure-tekton/relax.RUN_AS_NON_ROOT']).toBe('step/build: kaniko unpacks the base image and runs the Dockerfile as root; the task holds no credentials and pushes nothing');
    expect(relaxed['secure-tekton/relax.READ_ONLY_ROOT_FILESYSTEM']).toBe('step/build: kaniko builds the image by writing its layers over its own root filesystem');
    expect(relaxed['secure-tekton/relax.DROP_ALL_CAPABILITIES']).toBe(
      'step/build: kaniko needs CHOWN, DAC_OVERRIDE, FOWNER, SETUID and SETGID to recreate the owners of the files it unpacks, and FSETID '
      + 'and SETFCAP their setgid bits and file capabilities, as the Dockerfile\'s RUN lines do in a docker build');
    // nothing else is loosened
    expect(Object.keys(relaxed).sort()).toEqual([
      'secure-tekton/relax.DROP_ALL_CAPABILITIES',
      'secure-tekton/relax.READ_ONLY_ROOT_FILESYSTEM',
      'secure-tekton/relax.RUN_AS_NON_ROOT',
    ]);
  });

  test('the relaxations hold only for kaniko as written: a patch that runs something else in the build step brings the findings back', () => {
    const patched = chart();
    const other = new ContainerBuild(patched, 'container-build');
    const at = other.apiObject.toJson().spec.steps.findIndex((s: any) => s.name === 'build');
    other.apiObject.addJsonPatch(JsonPatch.replace(`/spec/steps/${at}/command`, ['/bin/sh', '-c']), JsonPatch.replace(`/spec/steps/${at}/args`, ['make image']));
    // the step is ContainerBuild's, not the user's: said as the YAML the patch left, relaxed only through Relaxations.of
    const relax = (rule: string) => `Or relax ${rule} with a reason: Relaxations.of(containerBuild).add({ rule: RuleId.${rule}, target: 'step/build', reason: '<why>' }).`;
    const NON_ROOT_FIX = 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser, and a runAsGroup other than 0 if any (the library writes 65532 for both).';
    expect(messageOf(() => only(patched, 'Task'))).toBe('5 findings; nothing was written:\n'
      + "  ContainerBuild 'test/container-build' step 'build': securityContext.runAsNonRoot \"false\" is not true [RUN_AS_NON_ROOT]. "
      + `${NON_ROOT_FIX} ${relax('RUN_AS_NON_ROOT')}\n`
      + "  ContainerBuild 'test/container-build' step 'build': securityContext.runAsUser \"0\" is not a non-zero UID [RUN_AS_NON_ROOT]. "
      + `${NON_ROOT_FIX} ${relax('RUN_AS_NON_ROOT')}\n`
      + "  ContainerBuild 'test/container-build' step 'build': securityContext.runAsGroup \"0\" is the root group: every file of the image or a volume that group root "
      + `may write, the container may write (as at pod level, RUN_POD_SECURITY_CONTEXT) [RUN_AS_NON_ROOT]. ${NON_ROOT_FIX} ${relax('RUN_AS_NON_ROOT')}\n`
      + "  ContainerBuild 'test/container-build' step 'build': securityContext.capabilities.add \"[\\\"CHOWN\\\",\\\"DAC_OVERRIDE\\\",\\\"FOWNER\\\",\\\"SETUID\\\",\\\"SETGID\\\",\\\"FSETID\\\",\\\"SETFCAP\\\"]\" "
      + `adds capabilities [DROP_ALL_CAPABILITIES]. Set securityContext.capabilities.drop: [ALL] with no add. ${relax('DROP_ALL_CAPABILITIES')}\n`
      + "  ContainerBuild 'test/container-build' step 'build': securityContext.readOnlyRootFilesystem \"false\" is not true [READ_ONLY_ROOT_FILESYSTEM]. "
      + `Set securityContext.readOnlyRootFilesystem: true (and mount emptyDir volumes where the tool writes, see WRITABLE_SCRATCH). ${relax('READ_ONLY_ROOT_FILESYSTEM')}`);

    // a patch elsewhere in the task keeps them
    const described = chart();
    new ContainerBuild(described, 'container-build').apiObject.addJsonPatch(JsonPatch.add('/spec/description', 'builds the app image'));
    expect(Object.keys(relaxationsOf(only(described, 'Task'))).length).toBe(3);
  });

  test('dockerfile and context are relative paths, checked before kaniko runs', () => {
    expect(m.spec.params.map((p: any) => [p.name, p.default])).toEqual([['dockerfile', 'Dockerfile'], ['context', '.']]);
    const pattern = new RegExp(stepOf(m, 'validate-params').script.match(/grep -Eq -e '([^']+)' \|\| fail 'dockerfile'/)[1]);
    for (const ok of ['Dockerfile', 'docker/Dockerfile.prod', 'services/api']) expect([ok, pattern.test(ok)]).toEqual([ok, true]);
    // "." is the workspace itself: a context, never a Dockerfile
    for (const bad of ['../Dockerfile', 'a/../../etc', '/etc/passwd', '.git/config', 'a b', '', '.']) expect([bad, pattern.test(bad)]).toEqual([bad, false]);
  });

  test('refuses a path default that leaves the workspace', () => {
    expect(() => new ContainerBuild(chart(), 'container-build', { dockerfile: '../Dockerfile' })).toThrow(
      'ContainerBuild \'test/container-build\': dockerfile "../Dockerfile" is not a file relative to the source workspace (segments may not start with ".") [VALID_SPEC]. '
      + 'Give a relative path such as \'docker/Dockerfile\'.',
    );
    // "." is a fine context, but no Dockerfile
    expect(() => new ContainerBuild(chart(), 'container-build', { dockerfile: '.' })).toThrow(
      'ContainerBuild \'test/container-build\': dockerfile "." is the source workspace itself, not a file in it [VALID_SPEC]. Give a relative path such as \'docker/Dockerfile\'.',
    );
    expect(() => new ContainerBuild(chart(), 'container-build', { context: '.' })).not.toThrow();
  });

  test('a plain JavaScript caller\'s path that is no string is refused, not a TypeError', () => {
    expect(() => new ContainerBuild(chart(), 'container-build', { dockerfile: 5 as any })).toThrow(
      "ContainerBuild 'test/container-build': dockerfile \"5\" is a number, not a path [VALID_SPEC]. Give a relative path such as 'docker/Dockerfile'.",
    );
    expect(() => new ContainerBuild(chart(), 'container-build', { context: ['app'] as any })).toThrow(
      "ContainerBuild 'test/container-build': context \"[\\\"app\\\"]\" is an array, not a path [VALID_SPEC]. Give a relative path such as 'app'.",
    );
  });

  test('the same kaniko step written by hand without root is refused by TOOL_REQUIREMENTS, with the way out', () => {
    const app = chart();
    new SecureTask(app, 'kaniko', { steps: [{ name: 'build', image: KANIKO, command: ['/kaniko/executor'], args: ['--no-push'] }] });
    expect(() => Testing.synth(app)).toThrow(
      "SecureTask 'test/kaniko' step 'build': runAsUser \"unset (UID 65532)\" runs it as a non-root user, but kaniko unpacks the base image and runs the Dockerfile as root inside its own container [TOOL_REQUIREMENTS]. "
      + 'Run it as root (runAsUser: 0, with a relaxation of RUN_AS_NON_ROOT), or use ContainerBuild (root, a writable root filesystem and the capabilities kaniko needs, '
      + 'each relaxed with its reason, no credentials, --no-push) in a namespace whose Pod Security level is baseline, and push its output with ImagePush, '
      + "or add relaxations: [{ rule: RuleId.TOOL_REQUIREMENTS, reason: '<why>' }] to step 'build'.",
    );
  });

  test('refuses kanikoImage not pinned by digest, in the words of the prop (a hardened task takes no relaxation)', () => {
    const IMAGE = 'gcr.io/kaniko-project/executor:v1.23.2';
    expect(() => new ContainerBuild(chart(), 'container-build', { kanikoImage: IMAGE })).toThrow(
      "ContainerBuild 'test/container-build': kanikoImage \"gcr.io/kaniko-project/executor:v1.23.2\" is not pinned by digest [IMAGE_DIGEST]. Pin it as \"gcr.io/kaniko-project/executor@sha256:<64 hex>\" (the digest of the image you mean), or leave kanikoImage out for the pinned default.",
    );
  });

  test('bound to a credentials workspace: the refusal says ContainerBuild is never trusted, not to mark it so', () => {
    const scope = chart();
    const pipeline = new SecurePipeline(scope, 'ci', { workspaces: [{ name: 'creds', domain: TrustDomain.CREDENTIALS }, { name: 'image', domain: TrustDomain.OUTPUT }] });
    pipeline.addTask({ task: new ContainerBuild(scope, 'container-build'), name: 'build', workspaces: { source: 'creds', image: 'image' } });
    expect(messageOf(() => Testing.synth(scope))).toContain(
      "SecurePipeline 'test/ci' task 'build': workspaces.source \"creds\" is a credentials workspace bound to ContainerBuild 'test/container-build', which runs "
      + 'repository code and is never trusted [CREDENTIALS_TRUSTED_TASK]. Unbind it from this task: ContainerBuild needs no credentials; give them to the trusted '
      + 'task that does (ImagePush pushes, GitClone clones).',
    );
  });
});
