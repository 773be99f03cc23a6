import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeRule, hardenedContainer, MALFORMED, pipelineLoop, taskSpec } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { audit } from '../../../src/cli/audit';
import { ruleContext } from '../../../src/policy/engine/context';
import { DEPLOY_VERIFIED_IMAGE } from '../../../src/policy/rules/deploy-verified-image';

const COSIGN = 'ghcr.io/sigstore/cosign/cosign:v2.4.1@sha256:' + 'b'.repeat(64);
const KUBECTL = 'registry.k8s.io/kubectl:v1.31.2@sha256:' + 'c'.repeat(64);

/** A step that runs cosign (verify unless told) through args. */
const cosignStep = (args = ['verify', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app:v1']) =>
  hardenedContainer('verify', { image: COSIGN, script: undefined, command: ['cosign'], args });
/** A step `apply` that runs kubectl with these args. */
const kubectlStep = (args: string[], command = ['kubectl']) => hardenedContainer('apply', { image: KUBECTL, script: undefined, command, args });
/** A step `apply` that runs this script. */
const scriptStep = (script: string) => hardenedContainer('apply', { image: KUBECTL, script });

/** A Task of `name` in namespace ci with these steps. */
const taskOf = (name: string, steps: any[], namespace: string | undefined = 'ci') => ({
  apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: taskSpec({ steps }),
});
/** A Pipeline `release` in ci with these tasks (and finally tasks). */
const pipelineOf = (tasks: any[], finallyTasks: any[] = []) => ({
  apiVersion: 'tekton.dev/v1',
  kind: 'Pipeline',
  metadata: { name: 'release', namespace: 'ci' },
  spec: { tasks, ...(finallyTasks.length > 0 ? { finally: finallyTasks } : {}) },
});

const APPLY = ['apply', '--server-side', '--filename=$(workspaces.manifests.path)/deploy'];
const VERIFY = taskOf('verify-image', [cosignStep()]);
const APPLIER = taskOf('apply', [kubectlStep(APPLY)]);
const check = (m: any, ...others: any[]) => DEPLOY_VERIFIED_IMAGE.check(m, ruleContext([m, ...others]));
const problem = (source = 'a workspace holds', verifier = 'verify') => `applies the manifests ${source} as written, `
  + `in a pipeline whose task '${verifier}' verifies an image with cosign: `
  + 'an image they name that nothing verified, or a tag moved after the verification, is deployed';
/** The fix a finding on YAML the library did not write gives, in YAML's words. */
const yamlFix = (verifier = 'verify') => `Pass \`$(tasks.${verifier}.results.digest)\` to the task and pin every image before applying `
  + "(`yq e '.spec.template.spec.containers[].image = env(IMG)' …` with `IMG: <repository>@$(params.digest)`); with Helm, set the "
  + `digest verified (\`--set image.digest=$(tasks.${verifier}.results.digest)\`).`;
/** The problem of manifests piped through envsubst or yq, with why they pin no image. */
const reasoned = (reason: string) => problem().replace('as written, ', `as written (${reason}), `);
type Where = {
  property?: string; task?: string; location?: string; target?: string; kind?: string; name?: string; problem?: string; verifier?: string;
};
const finding = (value: string, where: Where = {}) => ({
  rule: RuleId.DEPLOY_VERIFIED_IMAGE,
  kind: where.kind ?? 'Pipeline',
  name: where.name ?? 'release',
  location: where.location ?? `task '${where.task ?? 'deploy'}' step 'apply'`,
  target: where.target ?? `task/${where.task ?? 'deploy'}`,
  property: where.property ?? 'args',
  value,
  problem: where.problem ?? problem(),
  fix: yamlFix(where.verifier),
});

describe('DEPLOY_VERIFIED_IMAGE', () => {
  describeRule(DEPLOY_VERIFIED_IMAGE, RuleId.DEPLOY_VERIFIED_IMAGE, Severity.HIGH, true);

  test('malformed objects checked together give no crash', () => {
    for (const m of MALFORMED) expect(() => DEPLOY_VERIFIED_IMAGE.check(m, ruleContext([...MALFORMED, VERIFY, APPLIER]))).not.toThrow();
  });

  test('non-compliant: a task that applies a workspace\'s manifests, in a pipeline that verifies an image (both Tasks by taskRef), with the exact finding', () => {
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' }, runAfter: ['verify'] }]);
    expect(DEPLOY_VERIFIED_IMAGE.appliesTo(p)).toBe(true);
    expect(check(p, VERIFY, APPLIER)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
  });

  test('non-compliant: every way kubectl is told the files: -f, -f=, -fX, --filename X, -k, /workspace/, a URL; create and replace; through env, sh -c and a script', () => {
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY)
      .map((f) => [f.property, f.value, f.problem]);
    expect(judged(kubectlStep(['apply', '-f', '$(workspaces.src.path)/k8s']))).toEqual([['args', '-f $(workspaces.src.path)/k8s', problem()]]);
    expect(judged(kubectlStep(['apply', '-f=$(workspaces.src.path)/k8s']))).toEqual([['args', '-f=$(workspaces.src.path)/k8s', problem()]]);
    expect(judged(kubectlStep(['create', '-f/workspace/src/k8s']))).toEqual([['args', '-f/workspace/src/k8s', problem()]]);
    expect(judged(kubectlStep(['replace', '--filename', '/workspace/src']))).toEqual([['args', '--filename /workspace/src', problem()]]);
    expect(judged(kubectlStep(['apply', '-k', '$(workspaces.src.path)/overlays/prod']))).toEqual([['args', '-k $(workspaces.src.path)/overlays/prod', problem()]]);
    expect(judged(kubectlStep(['apply', '--kustomize=/workspace/src']))).toEqual([['args', '--kustomize=/workspace/src', problem()]]);
    expect(judged(kubectlStep(['apply', '-f', 'https://example.com/app.yaml']))).toEqual([['args', '-f https://example.com/app.yaml', problem('a URL serves')]]);
    expect(judged(kubectlStep([], ['/usr/local/bin/kubectl', '--context', 'prod', 'apply', '-f', '/workspace/src']))).toEqual([['command', '-f /workspace/src', problem()]]);
    expect(judged(kubectlStep(['kubectl', 'apply', '-f', '/workspace/src'], ['env', 'KUBECONFIG=/tmp/k']))).toEqual([['args', '-f /workspace/src', problem()]]);
    expect(judged(kubectlStep(['-c', 'kubectl apply -f "$(workspaces.src.path)/k8s" && echo done'], ['sh']))).toEqual([['args', '-f $(workspaces.src.path)/k8s', problem()]]);
    expect(judged(scriptStep('#!/bin/sh\nset -e\nif kubectl apply --server-side -f $(workspaces.src.path)/k8s; then echo ok; fi\n'))).toEqual([['script', '-f $(workspaces.src.path)/k8s', problem()]]);
  });

  test('non-compliant: kubectl in the code a script runs through a shell: sh -c, a heredoc or here-string fed to a shell, eval; a redirection against the program; sudo', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.property, f.value]);
    expect(judged("#!/bin/sh\nsh -c 'kubectl apply -f $(workspaces.src.path)/k8s'\n")).toEqual([['script', '-f $(workspaces.src.path)/k8s']]);
    expect(judged('#!/bin/sh\nbash -e <<EOF\nkubectl apply -f $(workspaces.src.path)/k8s\nEOF\n')).toEqual([['script', '-f $(workspaces.src.path)/k8s']]);
    expect(judged('#!/bin/bash\nbash <<< "kubectl apply -f /workspace/src/k8s"\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\neval kubectl apply -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\nkubectl>/tmp/out apply -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\nsudo -u deploy kubectl apply -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    // sudo's options as its grammar reads them: a prefix of --user and its value, -R (--chroot) and its value; and the shell -s starts fed a heredoc
    expect(judged('#!/bin/sh\nsudo --us deploy kubectl apply -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\nsudo -R / kubectl apply -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\nsudo -s <<EOF\nkubectl apply -f /workspace/src/k8s\nEOF\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\nbash /dev/stdin <<EOF\nkubectl apply -f /workspace/src/k8s\nEOF\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    // what echo, printf or cat's heredoc pipes to a shell
    expect(judged('#!/bin/sh\necho "kubectl apply -f /workspace/src/k8s" | sh\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\ncat <<EOF | sh\nkubectl apply -f /workspace/src/k8s\nEOF\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged("#!/bin/sh\nprintf '%s\\n' 'kubectl apply -f /workspace/src/k8s' | bash -s\n")).toEqual([['script', '-f /workspace/src/k8s']]);
    // a shell fed a heredoc that applies nothing of a workspace
    expect(judged('#!/bin/sh\nsh <<EOF\nkubectl get pods\nEOF\nsh -c "kubectl apply -f /tmp/pinned.yaml"\n')).toEqual([]);
  });

  test("non-compliant: a shell's -c in command read by the shell's options (-e before -c, -o pipefail, -c --); the verification too", () => {
    const judged = (step: any, verify = VERIFY) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), verify)
      .map((f) => [f.property, f.value]);
    const code = 'kubectl apply -f $(workspaces.src.path)/k8s';
    for (const command of [['bash', '-e', '-c', code], ['bash', '-o', 'pipefail', '-c', code], ['sh', '-c', '--', code], ['bash', '--noprofile', '-ec', code]]) {
      expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command }))).toEqual([['command', '-f $(workspaces.src.path)/k8s']]);
    }
    // kubectl, and a shell's -c, named in env -S's string
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['env', '-S', 'kubectl apply'], args: ['-f', '/workspace/src/k8s'] })))
      .toEqual([['args', '-f /workspace/src/k8s']]);
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['/usr/bin/env', "-S sh -c 'kubectl apply -f /workspace/src/k8s'"] })))
      .toEqual([['command', '-f /workspace/src/k8s']]);
    // a shell running a file: its operands are the file's arguments
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['sh', '-e', '/scripts/deploy.sh', code] }))).toEqual([]);
    // the verification through `bash -e -c`
    const verify = taskOf('verify-image', [hardenedContainer('verify', { image: COSIGN, script: undefined, command: ['bash', '-e', '-c', 'cosign verify --key k8s://ci/cosign registry.example.com/team/app:v1'] })]);
    expect(judged(kubectlStep(['apply', '-f', '/workspace/src/k8s']), verify)).toEqual([['args', '-f /workspace/src/k8s']]);
  });

  test("a verification with cosign's global flags before verify counts: -t 5m, --timeout 5m, --output-file FILE", () => {
    const judged = (args: string[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]),
      taskOf('verify-image', [cosignStep(args)]), APPLIER).map((f) => f.value);
    for (const flags of [['-t', '5m'], ['--timeout', '5m'], ['--output-file', '/tmp/out'], ['-d']]) {
      expect(judged([...flags, 'verify', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app:v1'])).toEqual(['--filename=$(workspaces.manifests.path)/deploy']);
    }
    // another subcommand behind them is no verification
    expect(judged(['-t', '5m', 'sign', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app:v1'])).toEqual([]);
    // cosign manifest verify (each image a manifest names), and a verification in a script whose #! runs bash through env -S
    expect(judged(['manifest', 'verify', '--key', 'k8s://ci/cosign', '/workspace/src/deploy.yaml'])).toEqual(['--filename=$(workspaces.manifests.path)/deploy']);
    const scripted = taskOf('verify-image', [hardenedContainer('verify', { image: COSIGN, script: '#!/usr/bin/env -S -u HOME bash -e\ncosign verify --key k8s://ci/cosign img\n' })]);
    expect(check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]), scripted, APPLIER).map((f) => f.value))
      .toEqual(['--filename=$(workspaces.manifests.path)/deploy']);
  });

  test('non-compliant: kubectl or helm that a command runner runs: flock, watch (its operands as sh -c code, or -x), su -c, runuser -u, setpriv, chroot --skip-chdir, xargs, find -exec, parallel; in a script and in command', () => {
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY)
      .map((f) => [f.property, f.value]);
    const script = (line: string) => judged(scriptStep(`#!/bin/sh\n${line}\n`));
    expect(script('flock /tmp/deploy.lock kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('flock -w 10 /tmp/deploy.lock -c "kubectl apply -f /workspace/src/k8s"')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script("watch -n 60 'kubectl apply -f /workspace/src/k8s'")).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('watch -x kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script("su deploy -c 'kubectl apply -f /workspace/src/k8s'")).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('runuser -u deploy -- kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('setpriv --reuid=1000 kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('chroot --skip-chdir / kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('echo /workspace/src/k8s | xargs -n1 kubectl apply -f /workspace/src/k8s')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('find /tmp -maxdepth 0 -exec kubectl apply -f /workspace/src/k8s \\;')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(script('parallel kubectl apply -f {} ::: /workspace/src/a /workspace/src/b')).toEqual([['script', '-f /workspace/src/a']]);
    expect(script('timeout 60 flock /tmp/l helm upgrade --install app /workspace/src/chart')).toEqual([['script', '/workspace/src/chart']]);
    // a runner's command in a pipeline: cat of a workspace's manifests piped to it
    expect(script('cat /workspace/src/k8s/*.yaml | flock /tmp/l kubectl apply -f -')).toEqual([['script', 'cat /workspace/src/k8s/*.yaml | flock /tmp/l kubectl apply -f -']]);
    expect(judged(kubectlStep(['/tmp/l', 'kubectl', 'apply', '-f', '/workspace/src'], ['flock']))).toEqual([['args', '-f /workspace/src']]);
    expect(judged(kubectlStep(['-n', '30', 'kubectl apply -f /workspace/src'], ['watch']))).toEqual([['args', '-f /workspace/src']]);
    // what a runner runs that applies nothing of a workspace
    expect(script('flock /tmp/l kubectl get pods\nwatch -x kubectl apply -f /tmp/pinned.yaml')).toEqual([]);
  });

  test('args alone in an image a param gives: its value where the pipeline task or the default fixes it, else read as kubectl\'s and helm\'s', () => {
    const applyArgs = ['apply', '-f', '$(workspaces.m.path)'];
    const deploy = (image: string, params: any[] = [], declared: any[] = [{ name: 'deployer', type: 'string' }]) => check(pipelineOf([
      { name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', params, taskSpec: { ...taskSpec({ steps: [{ ...kubectlStep(applyArgs), command: undefined, image }] }), params: declared } },
    ]), VERIFY);
    const unknown = (image: string) => finding('-f $(workspaces.m.path)', {
      problem: problem().replace('as written, ', `as written, if its image ${image} (the run's choice, not known here) runs kubectl with its args, `),
    });
    // the pipeline's own param: the run's choice, which may be a kubectl image
    expect(deploy('$(params.deployer)', [{ name: 'deployer', value: '$(params.image)' }])).toEqual([finding('-f $(workspaces.m.path)', {
      problem: problem().replace('as written, ', "as written, if its image $(params.deployer) (the run's choice, not known here) runs kubectl with its args, "),
    })]);
    // a result, or context, is the run's too; so is the param of a Task that declares no default, passed none (Tekton refuses that run)
    expect(deploy('$(tasks.build.results.IMAGE)')).toEqual([unknown('$(tasks.build.results.IMAGE)')]);
    expect(deploy('$(params.deployer)')).toEqual([unknown('$(params.deployer)')]);
    // read as helm's when they are no kubectl's
    const helm = check(pipelineOf([
      { name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: { ...taskSpec({ steps: [{ ...kubectlStep(['upgrade', '--install', 'app', '$(workspaces.m.path)/chart']), command: undefined, image: '$(params.deployer)' }] }), params: [{ name: 'deployer' }] } },
    ]), VERIFY);
    expect(helm).toEqual([finding('$(workspaces.m.path)/chart', {
      problem: problem().replace('applies the manifests a workspace holds as written, ', 'installs the Helm chart a workspace holds as written (its templates and values), '
        + "if its image $(params.deployer) (the run's choice, not known here) runs helm with its args, "),
    })]);
    // a literal the pipeline task passes, or the default it leaves: that image, read as written
    expect(deploy('$(params.deployer)', [{ name: 'deployer', value: KUBECTL }])).toEqual([finding('-f $(workspaces.m.path)')]);
    expect(deploy("$(params['deployer'])", [], [{ name: 'deployer', default: 'docker.io/bitnami/kubectl:1.31' }])).toEqual([finding('-f $(workspaces.m.path)')]);
    expect(deploy('$(params.deployer)', [], [{ name: 'deployer', default: 'registry.example.com/tools/deployer:1' }])).toEqual([]);
    // a default that refers to another param, which Tekton fills from that param's default; params among the repository's text,
    // each value in place (the reading CREDENTIALS_WITH_REPO_CODE gives a builder image)
    const registry = { name: 'registry', default: 'docker.io' };
    expect(deploy('$(params.deployer)', [], [{ name: 'deployer', default: '$(params.registry)/bitnami/kubectl:1.31' }, registry])).toEqual([finding('-f $(workspaces.m.path)')]);
    expect(deploy('docker.io/bitnami/$(params.tool):1.31', [], [{ name: 'tool', default: 'kubectl' }])).toEqual([finding('-f $(workspaces.m.path)')]);
    expect(deploy('docker.io/bitnami/$(params.tool):1.31', [{ name: 'tool', value: 'deployer' }], [{ name: 'tool', default: 'kubectl' }])).toEqual([]);
    // a matrix gives the task each of its values, whatever the default
    const fanned = (matrix: any) => check(pipelineOf([
      { name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', matrix, taskSpec: { ...taskSpec({ steps: [{ ...kubectlStep(applyArgs), command: undefined, image: '$(params.deployer)' }] }), params: [{ name: 'deployer', default: 'registry.example.com/tools/deployer:1' }] } },
    ]), VERIFY);
    expect(fanned({ params: [{ name: 'deployer', value: ['registry.example.com/tools/deployer:1', KUBECTL] }] })).toEqual([unknown('$(params.deployer)')]);
    expect(fanned({ include: [{ name: 'k', params: [{ name: 'deployer', value: KUBECTL }] }] })).toEqual([unknown('$(params.deployer)')]);
    // a variable in the registry, tag or digest alone: the repository's last part, which names the entrypoint, is as written
    expect(deploy('$(params.registry)/tools/deployer:$(params.tag)')).toEqual([]);
    expect(deploy('$(params.registry)/kubectl@$(params.digest)')).toEqual([finding('-f $(workspaces.m.path)')]);
  });

  test('kubectl set image, create deployment/job/cronjob --image and run --image to an image without a digest', () => {
    const sets = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY);
    const set = (image: string, how: string, property = 'script') => ({
      rule: RuleId.DEPLOY_VERIFIED_IMAGE,
      kind: 'Pipeline',
      name: 'release',
      location: "task 'deploy' step 'apply'",
      target: 'task/deploy',
      property,
      value: image,
      problem: `sets a workload's image to ${image} (${how}), which names no digest, in a pipeline whose task 'verify' verifies an image with cosign: `
        + 'a tag moved after the verification, or an image nothing verified, is deployed',
      fix: 'Set the image by the digest verified (`<repository>@$(tasks.verify.results.digest)`).',
    });
    const TAG = 'registry.example.com/team/app:v1';
    expect(sets(scriptStep(`#!/bin/sh\nkubectl set image deployment/app app=${TAG}\n`))).toEqual([set(TAG, 'kubectl set image')]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl -n prod set image -f $(workspaces.m.path)/app.yaml app=${TAG}\n`))).toEqual([set(TAG, 'kubectl set image')]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl create deployment app --image=${TAG}\n`))).toEqual([set(TAG, 'kubectl create deployment')]);
    expect(sets(scriptStep(`#!/bin/sh\noc run app --image ${TAG}\n`))).toEqual([set(TAG, 'kubectl run')]);
    expect(sets(kubectlStep(['set', 'image', 'deployment', 'app', `app=${TAG}`]))).toEqual([set(TAG, 'kubectl set image', 'args')]);
    expect(sets({ ...kubectlStep(['create', 'cronjob', 'nightly', `--image=${TAG}`, '--schedule=@daily']), command: undefined })).toEqual([set(TAG, 'kubectl create cronjob', 'args')]);
    // not: a digest (the verified one passed, or any other), a dry run, an image set on no workload
    expect(sets(scriptStep('#!/bin/sh\nkubectl set image deployment/app app=registry.example.com/team/app@$(params.digest)\n'))).toEqual([]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl set image deployment/app app=${TAG} --dry-run=server\nkubectl run app --image=${TAG} --dry-run=client\n`))).toEqual([]);
    // `--dry-run=false` (kubectl's old boolean) and `=none` send the change, as the last --dry-run decides (manifest-apply's reading)
    expect(sets(scriptStep(`#!/bin/sh\nkubectl set image deployment/app app=${TAG} --dry-run=false\n`))).toEqual([set(TAG, 'kubectl set image')]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl run app --image=${TAG} --dry-run=client --dry-run=none\n`))).toEqual([set(TAG, 'kubectl run')]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl run app --image=${TAG} --dry-run\n`))).toEqual([]);
    expect(sets(scriptStep(`#!/bin/sh\nkubectl create secret generic s --from-literal=image=${TAG}\nkubectl set env deployment/app IMAGE=${TAG}\n`))).toEqual([]);
  });

  test('non-compliant: args alone to a kubectl image, a short flag at the end of a group, a relative path under a workspace workingDir; an unnamed step', () => {
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY)
      .map((f) => [f.location, f.property, f.value]);
    const argsOnly = (image: string, args: string[]) => ({ ...kubectlStep(args), command: undefined, image });
    expect(judged(argsOnly('docker.io/bitnami/kubectl:1.31@sha256:' + 'e'.repeat(64), ['apply', '-f', '$(workspaces.m.path)'])))
      .toEqual([["task 'deploy' step 'apply'", 'args', '-f $(workspaces.m.path)']]);
    expect(judged(argsOnly(KUBECTL, ['apply', '-Rf', '$(workspaces.m.path)/k8s']))).toEqual([["task 'deploy' step 'apply'", 'args', '-Rf $(workspaces.m.path)/k8s']]);
    expect(judged(kubectlStep(['apply', '-Rf', '$(workspaces.m.path)/k8s']))).toEqual([["task 'deploy' step 'apply'", 'args', '-Rf $(workspaces.m.path)/k8s']]);
    expect(judged({ ...kubectlStep(['apply', '-f', 'k8s/']), workingDir: '$(workspaces.m.path)' })).toEqual([["task 'deploy' step 'apply'", 'args', '-f k8s/']]);
    expect(judged({ ...scriptStep('#!/bin/sh\nkubectl apply -f k8s\n'), workingDir: '/workspace/m/src' })).toEqual([["task 'deploy' step 'apply'", 'script', '-f k8s']]);
    expect(judged({ ...kubectlStep(['apply', '-f', '$(workspaces.m.path)']), name: undefined })).toEqual([["task 'deploy' step 'unnamed-0'", 'args', '-f $(workspaces.m.path)']]);
    // a sidecar by its name, an unnamed one as unnamed-<index> (Tekton names its container sidecar, the same for each)
    const sidecars = (list: any[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ sidecars: list }) }]), VERIFY)
      .map((f) => [f.location, f.property, f.value]);
    expect(sidecars([{ name: 'pinned', image: KUBECTL }, { ...kubectlStep(['apply', '-f', '$(workspaces.m.path)']), name: 'applier' }, { ...kubectlStep(['apply', '-f', '$(workspaces.m.path)/k8s']), name: undefined }]))
      .toEqual([["task 'deploy' sidecar 'applier'", 'args', '-f $(workspaces.m.path)'], ["task 'deploy' sidecar 'unnamed-2'", 'args', '-f $(workspaces.m.path)/k8s']]);
    // args alone to an image whose entrypoint is not kubectl, and a relative path outside the workspaces
    expect(judged(argsOnly('registry.example.com/tools/deployer@sha256:' + 'e'.repeat(64), ['apply', '-f', '$(workspaces.m.path)']))).toEqual([]);
    expect(judged({ ...kubectlStep(['apply', '-f', 'k8s/']), workingDir: '/tmp/deploy' })).toEqual([]);
  });

  test('non-compliant: a relative path after a script\'s cd or pushd into a workspace; cd elsewhere, popd and a dry run after it are followed', () => {
    const judged = (script: string, workingDir?: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [{ ...scriptStep(script), ...(workingDir ? { workingDir } : {}) }] }) }]), VERIFY)
      .map((f) => [f.property, f.value, f.problem]);
    expect(judged('#!/bin/sh\nset -e\ncd $(workspaces.src.path)\nkubectl apply -f k8s/\n')).toEqual([['script', '-f k8s/', problem()]]);
    expect(judged('#!/bin/sh\ncd "$(workspaces.src.path)/overlays/prod" && kubectl apply -k .\n')).toEqual([['script', '-k .', problem()]]);
    expect(judged('#!/bin/bash\npushd /workspace/src\nkubectl apply --server-side -f deploy.yaml\npopd\n')).toEqual([['script', '-f deploy.yaml', problem()]]);
    // a relative cd from a workspace stays in it
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\ncd deploy\nkubectl apply -f app.yaml\n')).toEqual([['script', '-f app.yaml', problem()]]);
    // out of the workspace again: a cd to another absolute path, popd, a bare cd (home); a workingDir in a workspace left by cd
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\ncd /tmp/render\nkubectl apply -f pinned.yaml\n')).toEqual([]);
    expect(judged('#!/bin/bash\npushd $(workspaces.src.path)\npopd\nkubectl apply -f pinned.yaml\n')).toEqual([]);
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\ncd\nkubectl apply -f pinned.yaml\n')).toEqual([]);
    expect(judged('#!/bin/sh\ncd /tmp/render\nkubectl apply -f pinned.yaml\n', '$(workspaces.src.path)')).toEqual([]);
    // in the workspace, but a dry run
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\nkubectl apply --dry-run=server -f k8s/\n')).toEqual([]);
  });

  test('non-compliant: without a workingDir (the image\'s WORKDIR, not known), a relative path a WORKDIR above a workspace reaches it by', () => {
    const judged = (step: any, workspaces: any[] = [{ name: 'source' }]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ workspaces, steps: [step] }) }]), VERIFY).map((f) => [f.property, f.value]);
    // from /workspace (kaniko's, Cloud Builders') and from /
    expect(judged(kubectlStep(['apply', '-f', 'source/k8s/']))).toEqual([['args', '-f source/k8s/']]);
    expect(judged(kubectlStep(['apply', '-f', './workspace/source/k8s/app.yaml']))).toEqual([['args', '-f ./workspace/source/k8s/app.yaml']]);
    expect(judged(scriptStep('#!/bin/sh\nkubectl apply -k source/overlays/prod\n'))).toEqual([['script', '-k source/overlays/prod']]);
    expect(judged(scriptStep('#!/bin/sh\ncd source\nkubectl apply -f deploy.yaml\n'))).toEqual([['script', '-f deploy.yaml']]);
    expect(judged(scriptStep('#!/bin/sh\ncd workspace\nkubectl apply -f source/deploy.yaml\n'))).toEqual([['script', '-f source/deploy.yaml']]);
    expect(judged(scriptStep('#!/bin/sh\nkustomize build source/deploy | kubectl apply -f -\n'))).toEqual([['script', 'kustomize build source/deploy | kubectl apply -f -']]);
    // a workspace at its own mountPath, by any tail of it
    expect(judged(kubectlStep(['apply', '-f', 'src/app/k8s']), [{ name: 'source', mountPath: '/src/app' }])).toEqual([['args', '-f src/app/k8s']]);
    expect(judged(kubectlStep(['apply', '-f', 'app/k8s']), [{ name: 'source', mountPath: '/src/app' }])).toEqual([['args', '-f app/k8s']]);
    // a name that only starts like a workspace's, another directory, and a cd that makes the directory known
    expect(judged(kubectlStep(['apply', '-f', 'sources/k8s/']))).toEqual([]);
    expect(judged(kubectlStep(['apply', '-f', 'k8s/app.yaml']))).toEqual([]);
    expect(judged(scriptStep('#!/bin/sh\ncd /tmp/render\nkubectl apply -f source/app.yaml\n'))).toEqual([]);
    expect(judged(scriptStep('#!/bin/sh\ncd render\nkubectl apply -f source/app.yaml\n'))).toEqual([]);
    // a workingDir outside the workspaces says where the step runs
    expect(judged({ ...kubectlStep(['apply', '-f', 'source/k8s/']), workingDir: '/tmp' })).toEqual([]);
  });

  test('non-compliant: a workspace the Task mounts at its own mountPath, named by that path (or as the workingDir)', () => {
    const judged = (workspaces: any[], step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ workspaces, steps: [step] }) }]), VERIFY).map((f) => [f.property, f.value, f.problem]);
    const mounted = [{ name: 'manifests', mountPath: '/manifests/' }];
    expect(judged(mounted, kubectlStep(['apply', '-f', '/manifests/prod/app.yaml']))).toEqual([['args', '-f /manifests/prod/app.yaml', problem()]]);
    expect(judged(mounted, kubectlStep(['apply', '-k', '/manifests']))).toEqual([['args', '-k /manifests', problem()]]);
    expect(judged(mounted, { ...kubectlStep(['apply', '-f', 'prod/']), workingDir: '/manifests' })).toEqual([['args', '-f prod/', problem()]]);
    expect(judged(mounted, scriptStep('#!/bin/sh\ncd /manifests/prod\nkubectl apply -f .\n'))).toEqual([['script', '-f .', problem()]]);
    // a step's own mountPath for the workspace (isolated workspaces)
    expect(judged([{ name: 'manifests' }], { ...kubectlStep(['apply', '-f', '/in/app.yaml']), workspaces: [{ name: 'manifests', mountPath: '/in' }] }))
      .toEqual([['args', '-f /in/app.yaml', problem()]]);
    // another directory that only starts with the same letters, and a mountPath from a param (not known)
    expect(judged(mounted, kubectlStep(['apply', '-f', '/manifests-pinned/app.yaml']))).toEqual([]);
    expect(judged([{ name: 'manifests', mountPath: '$(params.dir)' }], kubectlStep(['apply', '-f', '/srv/app.yaml']))).toEqual([]);
  });

  test('non-compliant: manifests a workspace holds piped or redirected to kubectl apply -f -, from cat, kubectl kustomize or kustomize build, through tee or cat of its input', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY).map((f) => [f.property, f.value, f.problem]);
    expect(judged('#!/bin/sh\ncat $(workspaces.src.path)/k8s.yaml | kubectl apply -f -\n'))
      .toEqual([['script', 'cat $(workspaces.src.path)/k8s.yaml | kubectl apply -f -', problem()]]);
    expect(judged('#!/bin/sh\nkubectl kustomize $(workspaces.src.path)/overlays/prod |\n  kubectl apply --server-side -f-\n'))
      .toEqual([['script', 'kubectl kustomize $(workspaces.src.path)/overlays/prod | kubectl apply --server-side -f-', problem()]]);
    expect(judged('#!/bin/sh\nkustomize build /workspace/src/deploy | kubectl apply --filename=- \n'))
      .toEqual([['script', 'kustomize build /workspace/src/deploy | kubectl apply --filename=-', problem()]]);
    expect(judged('#!/bin/sh\nkubectl --context prod kustomize /workspace/src | kubectl --context prod apply -f -\n'))
      .toEqual([['script', 'kubectl --context prod kustomize /workspace/src | kubectl --context prod apply -f -', problem()]]);
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\nkustomize build | kubectl apply -f -\n'))
      .toEqual([['script', 'kustomize build | kubectl apply -f -', problem()]]);
    expect(judged('#!/bin/sh\nkubectl apply -f - < $(workspaces.src.path)/k8s.yaml\n'))
      .toEqual([['script', 'kubectl apply -f - < $(workspaces.src.path)/k8s.yaml', problem()]]);
    // a stage between them that hands the manifests on unchanged: tee (whatever it also writes), cat of its input alone
    expect(judged('#!/bin/sh\ncat $(workspaces.src.path)/k8s.yaml | tee /dev/stderr | cat - | kubectl apply -f -\n'))
      .toEqual([['script', 'cat $(workspaces.src.path)/k8s.yaml | kubectl apply -f -', problem()]]);
    expect(judged('#!/bin/sh\nkustomize build $(workspaces.src.path) | cat | kubectl apply -f -\n'))
      .toEqual([['script', 'kustomize build $(workspaces.src.path) | kubectl apply -f -', problem()]]);
    // not a finding: a stage between them that may rewrite the images, a file of /tmp, || (not a pipe), a dry run, kubectl diff
    expect(judged('#!/bin/sh\nkustomize build $(workspaces.src.path) | sed "s|:latest|@$DIGEST|" | kubectl apply -f -\n')).toEqual([]);
    expect(judged('#!/bin/sh\ncat /tmp/pinned.yaml | kubectl apply -f -\n')).toEqual([]);
    expect(judged('#!/bin/sh\ncat $(workspaces.src.path)/k8s.yaml || kubectl apply -f -\n')).toEqual([]);
    expect(judged('#!/bin/sh\nkustomize build $(workspaces.src.path) | kubectl apply --dry-run=client -f -\n')).toEqual([]);
    expect(judged('#!/bin/sh\nkustomize build $(workspaces.src.path) | kubectl diff -f -\n')).toEqual([]);
    // a heredoc's body is text the command reads, not commands
    expect(judged('#!/bin/sh\ncat <<EOF > /tmp/notes\nkubectl apply -f $(workspaces.src.path)/k8s.yaml\nEOF\n')).toEqual([]);
  });

  test('non-compliant: manifests a workspace holds through envsubst (it fills only the variables they name) or yq that sets no image to a digest', () => {
    const judged = (script: string, env?: any[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [{ ...scriptStep(script), ...(env ? { env } : {}) }] }) }]), VERIFY).map((f) => [f.property, f.value, f.problem]);
    const W = '$(workspaces.src.path)';
    // envsubst's input redirected from a workspace's file, or piped to it; its output piped on, written to a file, a process substitution
    expect(judged(`#!/bin/sh\nexport IMAGE=registry.example.com/team/app@$(tasks.verify.results.digest)\nenvsubst < ${W}/deploy.yaml | kubectl apply -f -\n`))
      .toEqual([['script', `envsubst < ${W}/deploy.yaml | kubectl apply -f -`, reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | envsubst '$IMAGE' | tee /dev/stderr | kubectl apply -f -\n`))
      .toEqual([['script', `cat ${W}/deploy.yaml | envsubst $IMAGE | kubectl apply -f -`, reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\nkustomize build ${W}/k8s | envsubst | kubectl apply -f -\n`))
      .toEqual([['script', `kustomize build ${W}/k8s | envsubst | kubectl apply -f -`, reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\nenvsubst < ${W}/deploy.yaml > /tmp/deploy.yaml\nkubectl apply -f /tmp/deploy.yaml\n`))
      .toEqual([['script', '-f /tmp/deploy.yaml', reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/bash\nkubectl apply -f <(envsubst < ${W}/deploy.yaml)\n`))
      .toEqual([['script', `-f <(envsubst < ${W}/deploy.yaml)`, reasoned('envsubst fills only the variables the manifests name')]]);
    // a8m's envsubst reads the file its -i names (Go flags: `-i=FILE`, `--i FILE`), printed or written by -o
    expect(judged(`#!/bin/sh\nenvsubst -i ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([['script', `envsubst -i ${W}/deploy.yaml | kubectl apply -f -`, reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\nenvsubst --i=${W}/deploy.yaml -no-unset | kubectl apply -f -\n`))
      .toEqual([['script', `envsubst --i=${W}/deploy.yaml -no-unset | kubectl apply -f -`, reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\nenvsubst -no-unset -i ${W}/deploy.yaml -o /tmp/deploy.yaml\nkubectl apply -f /tmp/deploy.yaml\n`))
      .toEqual([['script', '-f /tmp/deploy.yaml', reasoned('envsubst fills only the variables the manifests name')]]);
    // (its -i of another file, or after an operand, where its flags end)
    expect(judged('#!/bin/sh\nenvsubst -i /tmp/deploy.yaml | kubectl apply -f -\n')).toEqual([]);
    expect(judged(`#!/bin/sh\nenvsubst x -i ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([]);
    // (given -i, it reads that file, not its input)
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | envsubst -i /tmp/pinned.yaml | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\nenvsubst -i /tmp/pinned.yaml < ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([]);
    // yq of a workspace's file (or its input) that sets an image from a value that names no digest, or sets no image
    expect(judged(`#!/bin/sh\nyq e '.spec.template.spec.containers[0].image = env(IMG)' ${W}/deploy.yaml | kubectl apply -f -\n`, [{ name: 'IMG', value: '$(params.image)' }]))
      .toEqual([['script', `yq e .spec.template.spec.containers[0].image = env(IMG) ${W}/deploy.yaml | kubectl apply -f -`, reasoned('yq sets `image` to env(IMG), no digest known here')]]);
    expect(judged(`#!/bin/sh\nIMG=registry.example.com/team/app:latest\nyq '.spec.template.spec.containers[0].image = strenv(IMG)' < ${W}/deploy.yaml | kubectl apply -f -\n`))
      .toEqual([['script', `yq .spec.template.spec.containers[0].image = strenv(IMG) < ${W}/deploy.yaml | kubectl apply -f -`, reasoned('yq sets `image` to strenv(IMG), no digest known here')]]);
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | yq '.metadata.namespace = "prod"' | kubectl apply -f -\n`))
      .toEqual([['script', `cat ${W}/deploy.yaml | yq .metadata.namespace = "prod" | kubectl apply -f -`, reasoned('yq sets no image')]]);
    expect(judged(`#!/bin/sh\nyq eval --output-format yaml '.spec.replicas = 2' ${W}/deploy.yaml > /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`))
      .toEqual([['script', '-f /tmp/out.yaml', reasoned('yq sets no image')]]);
    // a process substitution of yq; a file named by a variable; a file written by cat and by envsubst (either write may be the last to run); cat's alone
    expect(judged(`#!/bin/bash\nkubectl apply -f <(yq '.metadata.namespace = "prod"' ${W}/deploy.yaml)\n`))
      .toEqual([['script', `-f <(yq '.metadata.namespace = "prod"' ${W}/deploy.yaml)`, reasoned('yq sets no image')]]);
    expect(judged(`#!/bin/sh\nOUT=/tmp/deploy.yaml\nenvsubst < ${W}/deploy.yaml > $OUT\nkubectl apply -f "$OUT"\n`))
      .toEqual([['script', '-f $OUT', reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\ncat ${W}/a.yaml > /tmp/d.yaml\nenvsubst < ${W}/b.yaml > /tmp/d.yaml\nkubectl apply -f /tmp/d.yaml\n`))
      .toEqual([['script', '-f /tmp/d.yaml', reasoned('envsubst fills only the variables the manifests name')]]);
    expect(judged(`#!/bin/sh\ncat ${W}/a.yaml > /tmp/d.yaml\nkubectl apply -f /tmp/d.yaml\n`)).toEqual([['script', '-f /tmp/d.yaml', problem()]]);
    // not a finding: yq that sets an image to a digest (written, or a variable the script or the step's env gives one), a file of /tmp,
    // a stage before envsubst that may rewrite the images, yq in place (it prints nothing)
    const digest = `registry.example.com/team/app@sha256:${'a'.repeat(64)}`;
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | yq '.spec.template.spec.containers[0].image = "${digest}"' | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\nIMG=registry.example.com/team/app@$(tasks.verify.results.digest)\nyq e '(.. | select(has("image")) | .image) |= env(IMG)' ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\nyq e '.spec.template.spec.containers[0].image = strenv(IMG)' ${W}/deploy.yaml | kubectl apply -f -\n`, [{ name: 'IMG', value: 'r.example.com/app@$(tasks.verify.results.digest)' }])).toEqual([]);
    expect(judged('#!/bin/sh\nenvsubst < /tmp/deploy.yaml | kubectl apply -f -\n')).toEqual([]);
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | sed "s|:latest|@$DIGEST|" | envsubst | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\nyq -i '.metadata.namespace = "prod"' ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([]);
    // nor envsubst -v (it prints the variables its format names), nor yq -n (it reads no input)
    expect(judged(`#!/bin/sh\nenvsubst -v '$IMAGE' < ${W}/deploy.yaml | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\ncat ${W}/deploy.yaml | yq -n '.kind = "Namespace"' | kubectl apply -f -\n`)).toEqual([]);
  });

  test('non-compliant: manifests a workspace holds fed to kubectl as a process substitution, a heredoc or a here-string filled by a command substitution, or piped from helm template', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.property, f.value, f.problem]);
    expect(judged('#!/bin/bash\nkubectl apply -f <(cat $(workspaces.src.path)/k.yaml)\n')).toEqual([['script', '-f <(cat $(workspaces.src.path)/k.yaml)', problem()]]);
    expect(judged('#!/bin/bash\nkubectl apply --filename=<(kustomize build /workspace/src/overlays/prod)\n'))
      .toEqual([['script', '--filename=<(kustomize build /workspace/src/overlays/prod)', problem()]]);
    expect(judged('#!/bin/bash\nkubectl apply -f - <<EOF\n$(cat $(workspaces.src.path)/k.yaml)\nEOF\n'))
      .toEqual([['script', 'kubectl apply -f - <<EOF … $(cat $(workspaces.src.path)/k.yaml)', problem()]]);
    expect(judged('#!/bin/bash\nkubectl apply -f- <<EOF\n---\n$(< /workspace/src/k.yaml)\nEOF\n'))
      .toEqual([['script', 'kubectl apply -f- <<EOF … $(< /workspace/src/k.yaml)', problem()]]);
    expect(judged('#!/bin/bash\nkubectl apply -f /dev/stdin <<< "$(kubectl kustomize $(workspaces.src.path))"\n'))
      .toEqual([['script', 'kubectl apply -f /dev/stdin <<< $(kubectl kustomize $(workspaces.src.path))', problem()]]);
    expect(judged('#!/bin/sh\nhelm template app $(workspaces.src.path)/chart | kubectl apply -f -\n'))
      .toEqual([['script', 'helm template app $(workspaces.src.path)/chart | kubectl apply -f -', problem()]]);
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)/chart\nhelm template app . --namespace prod | kubectl apply -f -\n'))
      .toEqual([['script', 'helm template app . --namespace prod | kubectl apply -f -', problem()]]);
    // not a finding: a quoted heredoc (its text is not run), a file of /tmp, a stage that may rewrite the images, a digest set, a chart of a repository
    expect(judged("#!/bin/bash\nkubectl apply -f - <<'EOF'\n$(cat $(workspaces.src.path)/k.yaml)\nEOF\n")).toEqual([]);
    expect(judged('#!/bin/bash\nkubectl apply -f - <<EOF\n$(cat /tmp/pinned.yaml)\nEOF\nkubectl apply -f <(cat /tmp/pinned.yaml)\n')).toEqual([]);
    expect(judged('#!/bin/bash\nkubectl apply -f <(cat $(workspaces.src.path)/k.yaml | sed "s|:v1|@$DIGEST|")\n')).toEqual([]);
    expect(judged('#!/bin/bash\nkubectl --context "$(cat $(workspaces.src.path)/ctx)" apply -f - <<EOF\nkind: Namespace\nEOF\n')).toEqual([]);
    expect(judged('#!/bin/sh\nhelm template app $(workspaces.src.path)/chart --set image.digest=$(tasks.verify.results.digest) | kubectl apply -f -\n')).toEqual([]);
    expect(judged('#!/bin/sh\nhelm template app bitnami/nginx | kubectl apply -f -\n')).toEqual([]);
  });

  test("non-compliant: a script's variables by the values it gives them (any assignment, a for loop's words, the step's env), its aliases, and a program not known here read by its arguments", () => {
    const judged = (script: string, env?: any[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [{ ...scriptStep(script), ...(env ? { env } : {}) }] }) }]), VERIFY).map((f) => [f.value, f.problem]);
    const W = '$(workspaces.src.path)';
    // a file named by a variable: assigned, exported, a for loop's word, the step's env; a cd to one; cat of one piped
    expect(judged(`#!/bin/sh\nF=${W}/k8s\nkubectl apply -f "$F"\n`)).toEqual([['-f $F', problem()]]);
    expect(judged(`#!/bin/sh\nexport DIR=${W}\nkubectl apply -f "\${DIR}/k8s"\n`)).toEqual([['-f ${DIR}/k8s', problem()]]);
    expect(judged(`#!/bin/sh\nfor f in /tmp/ns.yaml ${W}/k8s/*.yaml; do\n  kubectl apply -f "$f"\ndone\n`)).toEqual([['-f $f', problem()]]);
    expect(judged('#!/bin/sh\nkubectl apply -f "$MANIFESTS"\n', [{ name: 'MANIFESTS', value: `${W}/k8s` }])).toEqual([['-f $MANIFESTS', problem()]]);
    expect(judged(`#!/bin/sh\nDIR=${W}/deploy\ncd "$DIR"\nkubectl apply -f k8s/\n`)).toEqual([['-f k8s/', problem()]]);
    expect(judged(`#!/bin/sh\nF=${W}/k.yaml\ncat "$F" | kubectl apply -f -\n`)).toEqual([['cat $F | kubectl apply -f -', problem()]]);
    // a variable that holds a command line, run as a program, by eval or by bash -c
    expect(judged(`#!/bin/sh\nCMD="kubectl apply -f ${W}/k8s"\neval "$CMD"\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged(`#!/bin/sh\nCMD="kubectl apply -f ${W}/k8s"\nbash -c "$CMD"\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged(`#!/bin/sh\nAPPLY="kubectl apply --server-side -f"\n$APPLY ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged('#!/bin/sh\n$DEPLOY\n', [{ name: 'DEPLOY', value: 'kubectl apply -f /workspace/src/k8s' }])).toEqual([['-f /workspace/src/k8s', problem()]]);
    expect(judged(`#!/bin/sh\nMSG="kubectl apply -f ${W}/k8s"\necho "$MSG"\n`)).toEqual([]);
    // kubectl named by a variable the script sets, or an alias
    expect(judged(`#!/bin/sh\nK=/usr/local/bin/kubectl\n"$K" apply -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged(`#!/bin/bash\nshopt -s expand_aliases\nalias ka='kubectl apply --server-side'\nka -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    // a program not known here, read as kubectl (or helm) by its arguments: the finding says so
    const unknown = (via: string, what = 'kubectl') => problem().replace('as written, ', `as written, if ${via} (a variable, a command substitution or a function, not read here) runs ${what} with its arguments, `);
    expect(judged(`#!/bin/sh\n$KUBECTL apply -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, unknown('$KUBECTL')]]);
    expect(judged(`#!/bin/sh\n$(command -v kubectl) apply -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, unknown('$(command -v kubectl)')]]);
    expect(judged(`#!/bin/bash\nk() { kubectl --context prod "$@"; }\nk apply -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, unknown('k')]]);
    expect(judged(`#!/bin/sh\n"$HELM" upgrade --install app ${W}/chart\n`).map(([value]) => value)).toEqual([`${W}/chart`]);
    // a variable that may be empty before kubectl or helm (a dry-run switch): they run
    expect(judged(`#!/bin/sh\n\${DRY_RUN:+echo} kubectl apply -f ${W}/k8s\n`)).toEqual([[`-f ${W}/k8s`, unknown('${DRY_RUN:+echo}')]]);
    expect(judged(`#!/bin/sh\n$RUN helm upgrade --install app ${W}/chart\n`).map(([value]) => value)).toEqual([`${W}/chart`]);
    // not a finding: a variable of a file the task wrote, a program the script sets that is not kubectl, what does not write or is a dry run
    expect(judged('#!/bin/sh\nF=/tmp/pinned.yaml\nkubectl apply -f "$F"\n')).toEqual([]);
    expect(judged(`#!/bin/sh\nK=echo\n$K apply -f ${W}/k8s\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\n$KUBECTL get -f ${W}/k8s\nk() { kubectl "$@"; }\nk apply --dry-run=server -f ${W}/k8s\n`)).toEqual([]);
  });

  test("non-compliant: the file find's -exec puts for {} under a workspace, and the workspace paths xargs appends (or puts for {}) from its input", () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.property, f.value]);
    const W = '$(workspaces.src.path)';
    expect(judged(`#!/bin/sh\nfind ${W}/k8s -name '*.yaml' -exec kubectl apply -f {} \\;\n`)).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged('#!/bin/sh\nfind /workspace/src -name \'*.yaml\' -execdir kubectl apply -f {} +\n')).toEqual([['script', '-f /workspace/src']]);
    expect(judged(`#!/bin/sh\ncd ${W}\nfind k8s -name '*.yaml' -exec kubectl apply -f {} \\;\n`)).toEqual([['script', '-f {}']]);
    expect(judged(`#!/bin/sh\necho ${W}/k8s | xargs kubectl apply -f\n`)).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged(`#!/bin/sh\nfind ${W}/k8s -name '*.yaml' | xargs -n1 kubectl apply -f\n`)).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged(`#!/bin/sh\nls ${W}/k8s/*.yaml | xargs -I{} kubectl apply -f {}\n`)).toEqual([['script', `-f ${W}/k8s/*.yaml`]]);
    // files the task wrote, and a dry run
    expect(judged('#!/bin/sh\nfind /tmp/out -name \'*.yaml\' -exec kubectl apply -f {} \\;\necho /tmp/x.yaml | xargs kubectl apply -f\n')).toEqual([]);
    expect(judged(`#!/bin/sh\nfind ${W}/k8s -name '*.yaml' -exec kubectl apply --dry-run=server -f {} \\;\n`)).toEqual([]);
  });

  test('non-compliant: kubectl patch with a patch a workspace holds (--patch-file, -p "$(cat …)"), and oc process of a template a workspace holds piped to apply', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.value, f.problem]);
    const W = '$(workspaces.src.path)';
    const patch = problem().replace('applies the manifests', 'applies the patch');
    expect(judged(`#!/bin/sh\nkubectl patch deployment app --type merge --patch-file ${W}/image.yaml\n`)).toEqual([[`--patch-file ${W}/image.yaml`, patch]]);
    expect(judged('#!/bin/sh\noc patch deployment app --patch-file=/workspace/src/image.yaml\n')).toEqual([['--patch-file=/workspace/src/image.yaml', patch]]);
    expect(judged(`#!/bin/sh\nkubectl patch deployment app -p "$(cat ${W}/image.json)"\n`)).toEqual([[`-p $(cat ${W}/image.json)`, patch]]);
    expect(judged(`#!/bin/sh\noc process -f ${W}/template.yaml -p TAG=v1 | oc apply -f -\n`)).toEqual([[`oc process -f ${W}/template.yaml -p TAG=v1 | oc apply -f -`, problem()]]);
    // not a finding: -f names the object patched, a patch written in the script or of /tmp, a dry run; a template of the cluster
    expect(judged(`#!/bin/sh\nkubectl patch -f ${W}/deploy.yaml -p '{"spec":{"replicas":2}}'\nkubectl patch deployment app --patch-file /tmp/p.yaml\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\nkubectl patch deployment app --patch-file ${W}/image.yaml --dry-run=server\noc process app-template | oc apply -f -\n`)).toEqual([]);
  });

  test("non-compliant: Carvel's kapp deploy of a workspace's files (-f, --file, its input), read as kubectl apply; --diff-run and other subcommands are not", () => {
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY)
      .map((f) => [f.property, f.value]);
    const W = '$(workspaces.src.path)';
    expect(judged(scriptStep(`#!/bin/sh\nkapp deploy -a app -f ${W}/k8s -y\n`))).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged(scriptStep(`#!/bin/sh\nkapp dep --app app --file=${W}/k8s\n`))).toEqual([['script', `--file=${W}/k8s`]]);
    expect(judged(scriptStep(`#!/bin/sh\nkustomize build ${W}/overlays/prod | kapp deploy -a app -f - -y\n`)))
      .toEqual([['script', `kustomize build ${W}/overlays/prod | kapp deploy -a app -f - -y`]]);
    expect(judged(kubectlStep(['deploy', '-a', 'app', '--file', '/workspace/src/k8s'], ['kapp']))).toEqual([['args', '--file /workspace/src/k8s']]);
    expect(judged(scriptStep(`#!/bin/sh\nkapp deploy -a app -f ${W}/k8s --diff-run\nkapp inspect -a app\nkapp delete -a app -y\n`))).toEqual([]);
    // kubectl has no --file (pflag takes no prefix of --filename): it applies nothing
    expect(judged(scriptStep(`#!/bin/sh\nkubectl apply --file=${W}/k8s\n`))).toEqual([]);
  });

  test("non-compliant: a copy the script made of a workspace's manifests (cp, ln, cat's, kustomize's or helm template's output to a file), applied", () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => f.value);
    const W = '$(workspaces.src.path)';
    expect(judged(`#!/bin/sh\ncp -r ${W}/k8s /tmp/k8s\nkubectl apply -f /tmp/k8s\n`)).toEqual(['-f /tmp/k8s']);
    expect(judged(`#!/bin/sh\nmkdir -p /tmp/m && cp ${W}/k8s/*.yaml /tmp/m/\nkubectl apply -f /tmp/m\n`)).toEqual(['-f /tmp/m']);
    expect(judged(`#!/bin/sh\ncp -t /tmp/m ${W}/app.yaml\nkubectl apply -f /tmp/m/app.yaml\n`)).toEqual(['-f /tmp/m/app.yaml']);
    expect(judged(`#!/bin/sh\nln -s ${W}/k8s /tmp/k8s\nkubectl apply -R -f /tmp\n`)).toEqual(['-f /tmp']);
    expect(judged(`#!/bin/sh\ncat ${W}/a.yaml ${W}/b.yaml >> /tmp/all.yaml\nkubectl apply -f /tmp/all.yaml\n`)).toEqual(['-f /tmp/all.yaml']);
    expect(judged(`#!/bin/sh\nkustomize build ${W}/overlays/prod > /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`)).toEqual(['-f /tmp/out.yaml']);
    expect(judged(`#!/bin/sh\nkubectl kustomize ${W}/overlays/prod -o /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`)).toEqual(['-f /tmp/out.yaml']);
    expect(judged(`#!/bin/sh\nhelm template app ${W}/chart > /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`)).toEqual(['-f /tmp/out.yaml']);
    // a directory renamed by the copy, a file copied into a directory
    expect(judged(`#!/bin/sh\ncp -r ${W}/k8s /tmp/manifests\nkubectl apply -f /tmp/manifests\n`)).toEqual(['-f /tmp/manifests']);
    expect(judged(`#!/bin/sh\ncp ${W}/app.yaml /tmp\nkubectl apply -f /tmp/app.yaml\n`)).toEqual(['-f /tmp/app.yaml']);
    // not a finding: another file of the directory a workspace's file was copied into (a kubeconfig into /tmp)
    expect(judged('#!/bin/sh\ncp $(workspaces.kube.path)/config /tmp\ncp /workspace/kube/ca.crt /etc/ssl/\nkubectl apply -f /tmp/deploy/pinned.yaml\n')).toEqual([]);
    // not a finding: a stage that may rewrite the images, a copy of a file the task wrote, another file, a pinned kustomization's render
    expect(judged(`#!/bin/sh\nsed "s|:v1|@$DIGEST|" ${W}/k.yaml > /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\ncp /tmp/a.yaml /tmp/b.yaml\ncp -r ${W}/k8s /tmp/k8s\nkubectl apply -f /tmp/b.yaml\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\ncd ${W}/o\nkustomize edit set image app=registry.example.com/app@sha256:${'a'.repeat(64)}\nkustomize build . > /tmp/out.yaml\nkubectl apply -f /tmp/out.yaml\n`)).toEqual([]);
  });

  test('non-compliant: the assignments before kubectl, helm or cosign in a script are not their program (KUBECONFIG=/tmp/k kubectl apply …)', () => {
    const judged = (script: string, verify = VERIFY) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), verify).map((f) => [f.property, f.value]);
    const W = '$(workspaces.src.path)';
    expect(judged(`#!/bin/sh\nKUBECONFIG=/tmp/kubeconfig kubectl apply -f ${W}/k8s\n`)).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged(`#!/bin/sh\nA=1 B=2 oc apply -f ${W}/k8s\n`)).toEqual([['script', `-f ${W}/k8s`]]);
    expect(judged(`#!/bin/sh\nHELM_NAMESPACE=prod helm upgrade --install app ${W}/chart\n`)).toEqual([['script', `${W}/chart`]]);
    expect(judged(`#!/bin/sh\nNS=prod kustomize build ${W}/o | KUBECONFIG=/tmp/k kubectl apply -f -\n`)).toEqual([['script', `kustomize build ${W}/o | kubectl apply -f -`]]);
    // the verification in a script, after an assignment
    const verify = taskOf('verify-image', [hardenedContainer('verify', { image: COSIGN, script: '#!/bin/sh\nHOME=/tmp cosign verify --key k8s://ci/cosign img\n' })]);
    expect(judged(`#!/bin/sh\nkubectl apply -f ${W}/k8s\n`, verify)).toEqual([['script', `-f ${W}/k8s`]]);
    // an assignment alone runs nothing
    expect(judged(`#!/bin/sh\nKUBECTL_APPLY=kubectl\nF=${W}/k8s\n`)).toEqual([]);
  });

  test('non-compliant: kubectl run by a command substitution or a trap; what a URL serves piped to it (curl, wget -O -), a remote kustomization', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.value, f.problem]);
    const W = '$(workspaces.src.path)';
    expect(judged(`#!/bin/sh\nout=$(kubectl apply -f ${W}/k8s)\necho "$out"\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged(`#!/bin/sh\necho \`kubectl apply -f ${W}/k8s\`\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged(`#!/bin/sh\ntrap 'kubectl apply -f ${W}/k8s' EXIT\n`)).toEqual([[`-f ${W}/k8s`, problem()]]);
    expect(judged('#!/bin/sh\ncurl -sL https://example.com/app.yaml | kubectl apply -f -\n'))
      .toEqual([['curl -sL https://example.com/app.yaml | kubectl apply -f -', problem('a URL serves')]]);
    expect(judged('#!/bin/sh\nwget -qO- https://example.com/app.yaml | kubectl apply -f -\n'))
      .toEqual([['wget -qO- https://example.com/app.yaml | kubectl apply -f -', problem('a URL serves')]]);
    expect(judged('#!/bin/sh\nkubectl apply -k github.com/org/repo//deploy?ref=main\n')).toEqual([['-k github.com/org/repo//deploy?ref=main', problem('a URL serves')]]);
    // not a finding: curl writing a file, a trap that only prints, a command substitution that reads
    expect(judged('#!/bin/sh\ncurl -sLo /tmp/app.yaml https://example.com/app.yaml | kubectl apply -f -\ntrap - EXIT\ntrap -p\nn=$(kubectl get -f /workspace/src -o name)\n')).toEqual([]);
  });

  test('non-compliant: a sidecar that applies a workspace\'s manifests, beside the steps', () => {
    const spec = taskSpec({ steps: [hardenedContainer('wait', { image: KUBECTL, script: '#!/bin/sh\nsleep 60\n' })] });
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: { ...spec, sidecars: [hardenedContainer('apply', { image: KUBECTL, script: '#!/bin/sh\nkubectl apply -f $(workspaces.src.path)/k8s\n' })] } }]);
    expect(check(p, VERIFY)).toEqual([finding('-f $(workspaces.src.path)/k8s', { property: 'script', location: "task 'deploy' sidecar 'apply'" })]);
  });

  test('compliant: kustomize pinned to a digest by `kustomize edit set image` before the build, the -k or the file its render wrote', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY).map((f) => f.value);
    const pin = 'kustomize edit set image app=registry.example.com/team/app@$(tasks.verify.results.digest)';
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)/overlays/prod\n${pin}\nkustomize build . | kubectl apply -f -\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)/overlays/prod\n${pin}\nkubectl apply -k .\n`)).toEqual([]);
    // written to a file of the workspace, which kubectl applies
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)/overlays/prod\n${pin}\nkustomize build . > pinned.yaml\nkubectl apply -f pinned.yaml\n`)).toEqual([]);
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\n${pin}\nkubectl kustomize . -o $(workspaces.src.path)/out.yaml\nkubectl apply -f $(workspaces.src.path)/out.yaml\n`)).toEqual([]);
    // another file of the workspace, or a render before the pin
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\n${pin}\nkustomize build . > pinned.yaml\nkubectl apply -f other.yaml\n`)).toEqual(['-f other.yaml']);
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\nkustomize build . > out.yaml\n${pin}\nkubectl apply -f out.yaml\n`)).toEqual(['-f out.yaml']);
    // set to a tag, or after the apply: the manifests as written
    expect(judged('#!/bin/sh\ncd $(workspaces.src.path)\nkustomize edit set image app=registry.example.com/team/app:v2\nkubectl apply -k .\n')).toEqual(['-k .']);
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\nkubectl apply -k .\n${pin}\n`)).toEqual(['-k .']);
    // a plain file is not pinned by kustomize (also written -fk8s, a -f that starts with k)
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\n${pin}\nkubectl apply -f app.yaml\n`)).toEqual(['-f app.yaml']);
    expect(judged(`#!/bin/sh\ncd $(workspaces.src.path)\n${pin}\nkubectl apply -fk8s/app.yaml\n`)).toEqual(['-fk8s/app.yaml']);
  });

  test('non-compliant: helm install or upgrade of a chart a workspace holds; dry runs, helm template and a digest set are not', () => {
    const chart = (where = 'a workspace holds') => `installs the Helm chart ${where} as written (its templates and values), `
      + "in a pipeline whose task 'verify' verifies an image with cosign: an image they name that nothing verified, or a tag moved after the verification, is deployed";
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } },
      { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY).map((f) => [f.property, f.value, f.problem]);
    expect(judged(scriptStep('#!/bin/sh\nhelm upgrade --install --namespace prod --wait app $(workspaces.src.path)/chart\n')))
      .toEqual([['script', '$(workspaces.src.path)/chart', chart()]]);
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['helm'], args: ['install', 'app', '/workspace/src/chart', '-f', '/workspace/src/values.yaml'] })))
      .toEqual([['args', '/workspace/src/chart', chart()]]);
    expect(judged(scriptStep('#!/bin/sh\ncd $(workspaces.src.path)\nhelm upgrade -i app ./deploy/chart --kube-context prod\n')))
      .toEqual([['script', './deploy/chart', chart()]]);
    // helm behind timeout --kill (getopt_long's prefix of --kill-after, whose value is 10s): 5m the duration, helm the program
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['timeout', '--kill', '10s', '5m', 'helm'], args: ['install', 'app', '/workspace/src/chart'] })))
      .toEqual([['args', '/workspace/src/chart', chart()]]);
    // helm in the code of a POSIX-like shell's -c (mksh, yash)
    expect(judged(hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['mksh', '-c', 'helm install app /workspace/src/chart'] })))
      .toEqual([['command', '/workspace/src/chart', chart()]]);
    expect(judged(scriptStep("#!/bin/sh\nyash -c 'helm upgrade -i app $(workspaces.src.path)/chart'\n")))
      .toEqual([['script', '$(workspaces.src.path)/chart', chart()]]);
    // in a script, behind an option nice does not know, which may take the next argument (echo)
    expect(judged(scriptStep('#!/bin/sh\nnice -Z echo helm upgrade --install app $(workspaces.src.path)/chart\n')))
      .toEqual([['script', '$(workspaces.src.path)/chart', chart()]]);
    // args alone to an image whose entrypoint is helm
    expect(judged({ ...hardenedContainer('apply', { image: 'docker.io/alpine/helm:3.16.2@sha256:' + 'e'.repeat(64), script: undefined, args: ['upgrade', '--install', 'app', '$(workspaces.src.path)/chart'] }), command: undefined }))
      .toEqual([['args', '$(workspaces.src.path)/chart', chart()]]);
    expect(judged(scriptStep('#!/bin/sh\nhelm --kube-context prod --debug upgrade app $(workspaces.src.path)/chart\n')))
      .toEqual([['script', '$(workspaces.src.path)/chart', chart()]]);
    expect(judged(scriptStep('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --dry-run=server\n'))).toEqual([]);
    expect(judged(scriptStep('#!/bin/sh\nhelm template app $(workspaces.src.path)/chart > /tmp/out.yaml\n'))).toEqual([]);
    expect(judged(scriptStep('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --set image.digest=$(tasks.verify.results.digest)\n'))).toEqual([]);
    // a chart of a repository or a registry, and a values file alone from the workspace: not read here
    expect(judged(scriptStep('#!/bin/sh\nhelm upgrade --install app bitnami/nginx -f $(workspaces.src.path)/values.yaml\n'))).toEqual([]);
  });

  test('helm: the last --dry-run is the one used; an empty digest set pins nothing', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => f.value);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --dry-run=server --dry-run=none\n')).toEqual(['$(workspaces.src.path)/chart']);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --dry-run --dry-run=false\n')).toEqual(['$(workspaces.src.path)/chart']);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --dry-run=none --dry-run=client\n')).toEqual([]);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --set image.digest= --set image.tag=v2\n')).toEqual(['$(workspaces.src.path)/chart']);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --set image.digest=,image.tag=v2\n')).toEqual(['$(workspaces.src.path)/chart']);
    expect(judged('#!/bin/sh\nhelm upgrade --install app $(workspaces.src.path)/chart --set-string image.digest=$(tasks.verify.results.digest)\n')).toEqual([]);
  });

  test('a verification written partly in the stepTemplate counts (the step merged with it)', () => {
    const split = taskOf('verify-image', [{ ...cosignStep(), args: undefined }]);
    const withTemplate = { ...split, spec: { ...split.spec, stepTemplate: { args: ['verify', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app:v1'] } } };
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]);
    expect(check(p, withTemplate, APPLIER)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
    const signing = { ...split, spec: { ...split.spec, stepTemplate: { args: ['sign', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app:v1'] } } };
    expect(check(p, signing, APPLIER)).toEqual([]);
  });

  test('compliant: a dry run (server or client) sends nothing to be kept; --dry-run=none does', () => {
    const judged = (args: string[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [kubectlStep(args)] }) }]), VERIFY)
      .map((f) => f.value);
    expect(judged(['apply', '--dry-run=server', '-f', '$(workspaces.m.path)'])).toEqual([]);
    expect(judged(['apply', '--dry-run=client', '-f', '$(workspaces.m.path)'])).toEqual([]);
    expect(judged(['apply', '--dry-run', '-f', '$(workspaces.m.path)'])).toEqual([]);
    expect(judged(['apply', '--dry-run=none', '-f', '$(workspaces.m.path)'])).toEqual(['-f $(workspaces.m.path)']);
  });

  test("kubectl's flags read as pflag reads them: the last --dry-run wins, a flag's value is no flag, the subcommand past global flags and their values", () => {
    const judged = (args: string[]) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [kubectlStep(args)] }) }]), VERIFY)
      .map((f) => f.value);
    const W = '$(workspaces.m.path)';
    // the last --dry-run is the one kubectl uses
    expect(judged(['apply', '--dry-run=client', '--dry-run=none', '-f', W])).toEqual([`-f ${W}`]);
    expect(judged(['apply', '--dry-run=none', '--dry-run=server', '-f', W])).toEqual([]);
    // `--dry-run=client` as the value of -l (--selector) and of --field-manager is no dry run
    expect(judged(['apply', '-f', W, '-l', '--dry-run=client'])).toEqual([`-f ${W}`]);
    expect(judged(['apply', '-f', W, '--field-manager', '--dry-run'])).toEqual([`-f ${W}`]);
    // repeated -f: any of them; a short group with = (-Rf=X); the subcommand after a global flag's value
    expect(judged(['apply', '-f', '/tmp/pinned.yaml', '--filename', `${W}/k8s`])).toEqual([`--filename ${W}/k8s`]);
    expect(judged(['apply', `-Rf=${W}/k8s`])).toEqual([`-Rf=${W}/k8s`]);
    expect(judged(['--namespace', 'apply', 'create', '-f', W])).toEqual([`-f ${W}`]);
    // a flag kubectl is not known here to have, read both ways: `x` its value (apply the subcommand), or the subcommand
    expect(judged(['--new-flag', 'x', 'apply', '-f', W])).toEqual([`-f ${W}`]);
    // the value of a flag is not the subcommand: `-n apply get` gets; `-nf X` is the namespace f
    expect(judged(['-n', 'apply', 'get', '-f', W])).toEqual([]);
    expect(judged(['get', '-f', W, 'apply'])).toEqual([]);
    expect(judged(['apply', '-nf', W])).toEqual([]);
    // apply's own subcommands that only read or annotate what is live deploy nothing of the files
    expect(judged(['apply', 'view-last-applied', '-f', W])).toEqual([]);
    expect(judged(['apply', 'set-last-applied', '-f', W, '--create-annotation'])).toEqual([]);
    expect(judged(['apply', 'edit-last-applied', '-f', W])).toEqual([]);
  });

  test('non-compliant: kubectl by its other names: OpenShift oc, kubecolor, k3s, k0s and microk8s kubectl; -f /dev/stdin is its input', () => {
    const judged = (script: string) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [scriptStep(script)] }) }]), VERIFY)
      .map((f) => [f.property, f.value]);
    for (const program of ['oc', '/usr/bin/oc', 'kubecolor', 'k3s kubectl', 'k0s kubectl', 'microk8s kubectl', 'microk8s.kubectl']) {
      expect(judged(`#!/bin/sh\n${program} apply -f $(workspaces.src.path)/k8s\n`)).toEqual([['script', '-f $(workspaces.src.path)/k8s']]);
    }
    expect(judged('#!/bin/sh\noc create -f /workspace/src/k8s\noc replace --force -f /workspace/src/k8s\n')).toEqual([['script', '-f /workspace/src/k8s']]);
    expect(judged('#!/bin/sh\ncat /workspace/src/k8s.yaml | oc apply -f /dev/stdin\n')).toEqual([['script', 'cat /workspace/src/k8s.yaml | oc apply -f /dev/stdin']]);
    expect(judged('#!/bin/sh\nkubectl apply -f /dev/stdin < $(workspaces.src.path)/k.yaml\n'))
      .toEqual([['script', 'kubectl apply -f /dev/stdin < $(workspaces.src.path)/k.yaml']]);
    expect(judged('#!/bin/sh\nkubectl apply -f /dev/fd/0 < /workspace/src/k.yaml\n')).toEqual([['script', 'kubectl apply -f /dev/fd/0 < /workspace/src/k.yaml']]);
    // oc in command, and what only reads or is not kubectl
    expect(check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [kubectlStep(['apply', '-f', '/workspace/src'], ['oc'])] }) }]), VERIFY)
      .map((f) => [f.property, f.value])).toEqual([['args', '-f /workspace/src']]);
    expect(judged('#!/bin/sh\noc get -f /workspace/src/k8s\nk3s server apply -f /workspace/src/k8s\nkubectl apply -f /dev/stdin < /tmp/pinned.yaml\n')).toEqual([]);
  });

  test('compliant: no verification in the pipeline; a file a step of the task wrote; a read-only kubectl; kustomize rendering to a file', () => {
    const deployOnly = pipelineOf([{ name: 'deploy', taskRef: { name: 'apply' } }]);
    expect(check(deployOnly, VERIFY, APPLIER)).toEqual([]);
    const judged = (step: any) => check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskSpec: taskSpec({ steps: [step] }) }]), VERIFY);
    // the Deploy with image: its pin step writes the file it applies
    expect(judged(kubectlStep(['apply', '--server-side', '--field-manager=tekton-deploy', '--filename=/tmp/deploy/pinned.yaml']))).toEqual([]);
    expect(judged(kubectlStep(['kustomize', '/workspace/src/in', '--output=/tmp/deploy/rendered.yaml']))).toEqual([]);
    expect(judged(kubectlStep(['diff', '-f', '/workspace/src']))).toEqual([]);
    expect(judged(kubectlStep(['get', '-f', '$(workspaces.src.path)/k8s']))).toEqual([]);
    // cosign sign, not a verification
    const signer = taskOf('sign', [cosignStep(['sign', '--key', 'k8s://ci/cosign', 'registry.example.com/team/app@sha256:' + 'd'.repeat(64)])]);
    expect(check(pipelineOf([{ name: 'sign', taskRef: { name: 'sign' } }, { name: 'deploy', taskRef: { name: 'apply' } }]), signer, APPLIER)).toEqual([]);
  });

  test('a verification that is skipped (when), runs last (finally) or verifies attestations counts; a when on the deploy changes nothing', () => {
    const when = [{ input: '$(params.verify)', operator: 'in', values: ['yes'] }];
    const p = pipelineOf([{ name: 'deploy', taskRef: { name: 'apply' }, when }], [{ name: 'verify', taskRef: { name: 'verify-image' }, when }]);
    expect(check(p, VERIFY, APPLIER)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
    const attestation = taskOf('verify-image', [cosignStep(['verify-attestation', '--type', 'slsaprovenance', '--key', 'k8s://ci/cosign', 'img'])]);
    expect(check(pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]), attestation, APPLIER))
      .toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
  });

  test('Tasks are found as Tekton finds them: of the pipeline\'s namespace, and the stepTemplate merged under each step', () => {
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]);
    // the verifying Task of another namespace is not the one the pipeline runs
    expect(check(p, taskOf('verify-image', [cosignStep()], 'prod'), APPLIER)).toEqual([]);
    // one without a namespace may be applied to the pipeline's
    expect(check(p, taskOf('verify-image', [cosignStep()], undefined), APPLIER)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
    // the args come from the stepTemplate
    const templated = { ...APPLIER, spec: taskSpec({ stepTemplate: { args: APPLY }, steps: [hardenedContainer('apply', { image: KUBECTL, script: undefined, command: ['kubectl'] })] }) };
    expect(check(p, VERIFY, templated)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
  });

  test('a PipelineRun\'s own pipelineSpec, and a pipelineSpec embedded in its task, are read as one pipeline', () => {
    const run = {
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r', namespace: 'ci' },
      spec: {
        pipelineSpec: {
          tasks: [
            { name: 'verify', taskRef: { name: 'verify-image' } },
            { name: 'release', pipelineSpec: { tasks: [{ name: 'deploy', taskSpec: taskSpec({ steps: [kubectlStep(APPLY)] }) }] } },
          ],
        },
      },
    };
    expect(DEPLOY_VERIFIED_IMAGE.appliesTo(run)).toBe(true);
    expect(check(run, VERIFY)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy', {
      kind: 'PipelineRun', name: 'r', location: "task 'release' task 'deploy' step 'apply'", target: 'task/release/task/deploy',
    })]);
    // a PipelineRun that refers to its Pipeline: the Pipeline is checked itself
    expect(DEPLOY_VERIFIED_IMAGE.appliesTo({ ...run, spec: { pipelineRef: { name: 'release' } } })).toBe(false);
  });

  test('audit of plain YAML: each step that applies unpinned manifests is a finding, with why its stage pins nothing and the fix in YAML words; the fix applied passes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-verified-'));
    const deploy = (steps: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Task',
      metadata: { name: 'deploy', namespace: 'ci' },
      spec: { workspaces: [{ name: 'manifests' }], steps },
    });
    const subst = { name: 'subst', image: KUBECTL, script: 'envsubst < $(workspaces.manifests.path)/deploy.yaml | kubectl apply -f -\n' };
    const tagged = {
      name: 'set-image',
      image: KUBECTL,
      workingDir: '$(workspaces.manifests.path)',
      script: 'yq e \'.spec.template.spec.containers[0].image = "app:latest"\' f.yaml | kubectl apply -f -\n',
    };
    const unset = { name: 'namespace', image: KUBECTL, script: 'yq e \'.metadata.namespace = "prod"\' $(workspaces.manifests.path)/f.yaml | kubectl apply -f -\n' };
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'deploy' } }]);
    const findings = (steps: any[]) => {
      fs.writeFileSync(path.join(dir, 'tasks.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [VERIFY, deploy(steps)] }));
      fs.writeFileSync(path.join(dir, 'pipeline.json'), JSON.stringify(p));
      return JSON.parse(audit([path.join(dir, 'tasks.json'), path.join(dir, 'pipeline.json')], 'json').stdout).findings
        .filter((f: any) => f.rule === RuleId.DEPLOY_VERIFIED_IMAGE && f.status === 'failed')
        .map((f: any) => [f.location, f.value, f.problem, f.fix]);
    };
    expect(findings([subst, tagged, unset])).toEqual([
      ["task 'deploy' step 'subst'", 'envsubst < $(workspaces.manifests.path)/deploy.yaml | kubectl apply -f -',
        "applies the manifests a workspace holds as written (envsubst fills only the variables the manifests name), in a pipeline whose task 'verify' "
        + 'verifies an image with cosign: an image they name that nothing verified, or a tag moved after the verification, is deployed',
        "Pass `$(tasks.verify.results.digest)` to the task and pin every image before applying (`yq e '.spec.template.spec.containers[].image = env(IMG)' …` "
        + 'with `IMG: <repository>@$(params.digest)`); with Helm, set the digest verified (`--set image.digest=$(tasks.verify.results.digest)`).'],
      ["task 'deploy' step 'set-image'", 'yq e .spec.template.spec.containers[0].image = "app:latest" f.yaml | kubectl apply -f -',
        "applies the manifests a workspace holds as written (yq sets `image` to \"app:latest\", a tag), in a pipeline whose task 'verify' "
        + 'verifies an image with cosign: an image they name that nothing verified, or a tag moved after the verification, is deployed',
        yamlFix()],
      ["task 'deploy' step 'namespace'", 'yq e .metadata.namespace = "prod" $(workspaces.manifests.path)/f.yaml | kubectl apply -f -', reasoned('yq sets no image'), yamlFix()],
    ]);
    // the fix applied: every image pinned to the digest verified before the apply
    const pinned = {
      name: 'pin',
      image: KUBECTL,
      env: [{ name: 'IMG', value: 'registry.example.com/team/app@$(params.digest)' }],
      script: "yq e '.spec.template.spec.containers[].image = env(IMG)' $(workspaces.manifests.path)/deploy.yaml | kubectl apply -f -\n",
    };
    expect(findings([pinned])).toEqual([]);
  });

  test("a SecurePipeline's Pipeline (its label holds its own name) keeps the fix of the Deploy construct; another label value is plain YAML", () => {
    const labelled = (value: string) => {
      const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]);
      return { ...p, metadata: { ...p.metadata, labels: { 'secure-tekton/pipeline': value } } };
    };
    const { fix, ...deployFix } = finding('--filename=$(workspaces.manifests.path)/deploy');
    expect(check(labelled('release'), VERIFY, APPLIER)).toEqual([deployFix]);
    expect(fix).toBe(yamlFix());
    expect(check(labelled('other'), VERIFY, APPLIER)).toEqual([finding('--filename=$(workspaces.manifests.path)/deploy')]);
  });

  test('audit: the finding on the YAML, and the relaxation annotation with its reason waives it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-verified-'));
    const p = pipelineOf([{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' } }]);
    fs.writeFileSync(path.join(dir, 'tasks.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [VERIFY, APPLIER] }));
    fs.writeFileSync(path.join(dir, 'pipeline.json'), JSON.stringify(p));
    const findings = () => JSON.parse(audit([path.join(dir, 'tasks.json'), path.join(dir, 'pipeline.json')], 'json').stdout).findings
      .filter((f: any) => f.rule === RuleId.DEPLOY_VERIFIED_IMAGE)
      .map((f: any) => [path.basename(f.file), f.status, f.location, f.property, f.value, f.problem]);
    expect(findings()).toEqual([['pipeline.json', 'failed', "task 'deploy' step 'apply'", 'args', '--filename=$(workspaces.manifests.path)/deploy', problem()]]);
    fs.writeFileSync(path.join(dir, 'pipeline.json'), JSON.stringify({
      ...p, metadata: { ...p.metadata, annotations: { 'secure-tekton/relax.DEPLOY_VERIFIED_IMAGE': 'task/deploy: the manifests name every image by digest, reviewed in the repository' } },
    }));
    expect(findings().map(([file, status]: string[]) => [file, status])).toEqual([['pipeline.json', 'relaxed']]);
  });

  test('the fix names the Deploy props that tie the manifests to the digest verified', () => {
    expect(DEPLOY_VERIFIED_IMAGE.fix).toBe(
      'Deploy the digest verified: give the Deploy `image` (the repository the pipeline verifies) and pass it `image-digest` from the verification '
      + "(`verify.result('digest')`); it pins every image of the manifests to that digest and applies what it pinned. In YAML, apply only a file a step "
      + 'of the task wrote after pinning and checking every image of the manifests; with Helm, set the digest verified (`--set image.digest=$(tasks.verify.results.digest)`).',
    );
  });

  test('a PipelineLoop (kfp-tekton) object is read as a Pipeline of its pipelineSpec, which its controller runs for each iteration', () => {
    const tasks = [{ name: 'verify', taskRef: { name: 'verify-image' } }, { name: 'deploy', taskRef: { name: 'apply' }, runAfter: ['verify'] }];
    const loop = pipelineLoop({ pipelineSpec: { tasks } });
    expect(check(loop, VERIFY, APPLIER)).toEqual([finding(APPLY[2], { kind: 'PipelineLoop', name: 'each' })]);
    expect(DEPLOY_VERIFIED_IMAGE.appliesTo(pipelineLoop({ pipelineRef: { name: 'release' } }))).toBe(false);
  });
});
