import { customEventListener, describeRule, eventListener, pipelineLoop, pipelineRun, task, taskRun } from './fixtures';
import { RuleId, Severity } from '../../../src';
import { ruleContext } from '../../../src/policy/engine/context';
import { RUN_POD_OVERRIDES } from '../../../src/policy/rules/run-pod-overrides';

const f = (rest: Record<string, any>) => ({ rule: RuleId.RUN_POD_OVERRIDES, kind: 'PipelineRun', name: 'pipe-run', ...rest });
const P = 'taskRunTemplate.podTemplate';

describe('RUN_POD_OVERRIDES', () => {
  describeRule(RUN_POD_OVERRIDES, RuleId.RUN_POD_OVERRIDES, Severity.MEDIUM, true);

  test('applies to runs, to Tasks (whose labels reach their TaskRuns) and to Pipelines (whose labels reach their runs)', () => {
    expect(RUN_POD_OVERRIDES.appliesTo(pipelineRun())).toBe(true);
    expect(RUN_POD_OVERRIDES.appliesTo(taskRun())).toBe(true);
    expect(RUN_POD_OVERRIDES.appliesTo(task())).toBe(true);
    expect(RUN_POD_OVERRIDES.appliesTo({ kind: 'Pipeline' })).toBe(true);
    expect(RUN_POD_OVERRIDES.appliesTo({ kind: 'StepAction' })).toBe(false);
  });

  describe('labels a run chooses for its pods, by which another policy gives them egress', () => {
    const FIX = "Remove the label from the run (or give it a value that policy does not select), or narrow that policy's selector so that it leaves Tekton's pods "
      + 'out (matchExpressions: [{ key: tekton.dev/taskRun, operator: DoesNotExist }]).';
    const web = (podSelector: any = { matchLabels: { app: 'web' } }, extra: any = {}) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'ci', ...extra },
      spec: { podSelector, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] },
    });
    const check = (run: any, ...others: any[]) => RUN_POD_OVERRIDES.check(run, { manifests: [run, ...others], credentialWorkspaces: () => [] });
    const NP = "makes NetworkPolicy/ci/web select the run's pods (its podSelector {\"matchLabels\":{\"app\":\"web\"}}), which allows them egress (spec.egress[0]): "
      + 'NetworkPolicies are additive, so whoever writes the run gives its tasks what that policy allows, beyond the egress of their pipeline';

    test("a PipelineRun's labels, its taskRunSpecs' labels and a TaskRun's labels", () => {
      const run = pipelineRun();
      run.metadata.labels = { app: 'web', team: 'ci' };
      run.spec.taskRunSpecs = [{ pipelineTaskName: 'build', metadata: { labels: { app: 'web' } } }];
      expect(check(run, web())).toEqual([
        f({ property: "metadata.labels['app']", value: 'web', problem: NP, fix: FIX }),
        f({ location: "taskRunSpec 'build'", target: 'task/build', property: "taskRunSpecs[0].metadata.labels['app']", value: 'web', problem: NP, fix: FIX }),
      ]);
      const tr = taskRun();
      tr.metadata.labels = { app: 'web' };
      expect(check(tr, web())).toEqual([{ rule: RuleId.RUN_POD_OVERRIDES, kind: 'TaskRun', name: 'build-run', property: "metadata.labels['app']", value: 'web', problem: NP, fix: FIX }]);
      // a TaskRun of a PipelineRun carries the PipelineRun's labels, judged there
      tr.metadata.ownerReferences = [{ kind: 'PipelineRun', name: 'pipe-run' }];
      expect(check(tr, web())).toEqual([]);
    });

    test('other kinds of policy: Cilium, Calico, AdminNetworkPolicy', () => {
      const run = pipelineRun();
      run.metadata.labels = { team: 'x' };
      const cnp = {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'exfil', namespace: 'ci' },
        spec: { endpointSelector: { matchLabels: { 'k8s:team': 'x' } }, egress: [{ toCIDR: ['203.0.113.0/24'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] }] },
      };
      expect(check(run, cnp)).toEqual([f({
        property: "metadata.labels['team']",
        value: 'x',
        problem: "makes CiliumNetworkPolicy/ci/exfil select the run's pods (its spec.endpointSelector {\"matchLabels\":{\"k8s:team\":\"x\"}}), which allows them egress "
          + '(spec.egress[0]): the network plugin adds what its policies allow to what NetworkPolicies allow, so whoever writes the run gives its tasks what that '
          + 'policy allows, beyond the egress of their pipeline',
        fix: FIX,
      })]);
      const calico = {
        apiVersion: 'projectcalico.org/v3',
        kind: 'GlobalNetworkPolicy',
        metadata: { name: 'g' },
        spec: { selector: "team == 'x'", types: ['Egress'], egress: [{ action: 'Allow' }] },
      };
      expect(check(run, calico).map((x) => x.problem)).toEqual([expect.stringMatching(/^makes GlobalNetworkPolicy.projectcalico.org\/g select the run's pods/)]);
      const anp = {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'AdminNetworkPolicy',
        metadata: { name: 'a' },
        spec: { priority: 1, subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { team: 'x' } } } }, egress: [{ name: 'o', action: 'Allow', to: [{ networks: ['203.0.113.0/24'] }] }] },
      };
      expect(check(run, anp).map((x) => x.problem)).toEqual([expect.stringMatching(/^makes AdminNetworkPolicy\/a select the run's pods/)]);
      // a policy that selects the pods without the run's labels too is not the run's doing
      expect(check(run, { ...calico, spec: { ...calico.spec, selector: 'all()' } })).toEqual([]);
    });

    test('no finding: labels the policy does not select by, a policy that selects the pods anyway, another namespace, no egress', () => {
      const run = pipelineRun();
      run.metadata.labels = { app: 'web' };
      expect(check(run, web({ matchLabels: { app: 'api' } }))).toEqual([]);
      expect(check(run, web({}))).toEqual([]);
      expect(check(run, web({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }))).toEqual([]);
      expect(check(run, web(undefined, { namespace: 'other' }))).toEqual([]);
      const ingressOnly = web();
      (ingressOnly.spec as any).policyTypes = ['Ingress'];
      expect(check(run, ingressOnly)).toEqual([]);
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([]);
    });

    test('a label value an event chooses ($(tt.params.x)) may be the one the policy selects', () => {
      const run = pipelineRun();
      run.metadata.labels = { app: '$(tt.params.app)' };
      expect(check(run, web()).map((x) => [x.property, x.value])).toEqual([["metadata.labels['app']", '$(tt.params.app)']]);
    });
  });

  describe('labels Tekton gives the pods of a pipeline task, which the pipeline\'s NetworkPolicies select', () => {
    const REMOVE = "Remove the label: Tekton sets it (a task's egress comes from PipelineTask.allowEgressTo, not from labels the run chooses).";
    test("a PipelineRun's taskRunSpecs labels win over Tekton's: a hermetic task's pods would get another task's egress", () => {
      const run = pipelineRun();
      run.spec.taskRunSpecs = [{ pipelineTaskName: 'build', metadata: { labels: { 'tekton.dev/pipelineTask': 'clone', 'team': 'a' } } }];
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([f({
        location: "taskRunSpec 'build'",
        target: 'task/build',
        property: "taskRunSpecs[0].metadata.labels['tekton.dev/pipelineTask']",
        value: 'clone',
        problem: "sets a label Tekton gives the task's TaskRun and pod, and wins over Tekton's: the NetworkPolicies that select pods by it (the egress of another "
          + "pipeline task, or of another pipeline) would select this task's pods",
        fix: REMOVE,
      })]);
    });

    test('a TaskRun no PipelineRun owns, and a Task, with the labels of a pipeline task', () => {
      const run = taskRun();
      run.metadata.labels = { 'tekton.dev/pipeline': 'release', 'tekton.dev/pipelineTask': 'clone', 'app': 'x' };
      expect(RUN_POD_OVERRIDES.check(run).map((p) => [p.property, p.value, p.problem])).toEqual([
        ["metadata.labels['tekton.dev/pipeline']", 'release', "is copied onto the TaskRun's pod: Tekton gives it only to the TaskRuns of a PipelineRun, and the "
          + "NetworkPolicies that select that pipeline task's pods (its egress) would select this one"],
        ["metadata.labels['tekton.dev/pipelineTask']", 'clone', "is copied onto the TaskRun's pod: Tekton gives it only to the TaskRuns of a PipelineRun, and the "
          + "NetworkPolicies that select that pipeline task's pods (its egress) would select this one"],
      ]);
      // one the PipelineRun controller made carries them rightly
      run.metadata.ownerReferences = [{ apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', name: 'release-x', uid: 'u' }];
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([]);
      const t = task();
      t.metadata.labels = { 'tekton.dev/pipelineTask': 'clone', 'app.kubernetes.io/version': '0.9' };
      expect(RUN_POD_OVERRIDES.check(t).map((p) => [p.property, p.problem.split(':')[0]])).toEqual([
        ["metadata.labels['tekton.dev/pipelineTask']", 'is copied onto every TaskRun of the Task that lacks it, and from there onto its pod'],
      ]);
      expect(RUN_POD_OVERRIDES.check(task())).toEqual([]);
    });
  });

  describe('the secure-tekton/pipeline label a SecurePipeline writes on its Pipeline, which its NetworkPolicies select its pods by', () => {
    const FIX = "Remove the label: a SecurePipeline writes secure-tekton/pipeline on its Pipeline, with the Pipeline's name, and Tekton copies it onto the pods of its runs.";
    const EMBEDDED = "is copied onto the task's TaskRun and pod where the PipelineRun does not carry the label (a run that embeds its pipelineSpec, or a run "
      + "of a Pipeline without it): the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this task's pods";
    const pipeline = (name: string | undefined, labels?: Record<string, any>) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { ...(name === undefined ? { generateName: 'release-' } : { name }), namespace: 'ci', ...(labels ? { labels } : {}) },
      spec: { tasks: [{ name: 'push', taskRef: { name: 'push' } }] },
    });
    const P_ = (rest: Record<string, any>) => ({ rule: RuleId.RUN_POD_OVERRIDES, kind: 'Pipeline', ...rest });

    test("a PipelineRun that embeds its pipelineSpec and sets the label takes that pipeline's egress; one of a Pipeline by name may carry that name", () => {
      const run = pipelineRun();
      delete run.spec.pipelineRef;
      run.metadata.name = 'release';
      run.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      run.spec.pipelineSpec = { tasks: [{ name: 'push', taskSpec: { steps: [{ name: 's', image: 'alpine' }] } }] };
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([f({
        name: 'release',
        property: "metadata.labels['secure-tekton/pipeline']",
        value: 'release',
        problem: "sets the label a SecurePipeline's NetworkPolicies select its pods by, which Tekton copies from the Pipeline onto the run's TaskRuns and pods, "
          + "the run's own winning: the NetworkPolicies of the pipeline it names (that pipeline's egress) would select this run's pods",
        fix: FIX,
      })]);
      // the value Tekton copies anyway from the Pipeline the run names (a run read back from the cluster carries it)
      const byName = pipelineRun();
      byName.metadata.labels = { 'secure-tekton/pipeline': 'pipe' };
      expect(RUN_POD_OVERRIDES.check(byName)).toEqual([]);
      byName.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      expect(RUN_POD_OVERRIDES.check(byName).map((x) => x.value)).toEqual(['release']);
      // through a resolver the Pipeline is not the one of that name in the namespace
      const fetched = pipelineRun({ pipelineRef: { resolver: 'cluster', params: [{ name: 'name', value: 'pipe' }] } });
      fetched.metadata.labels = { 'secure-tekton/pipeline': 'pipe' };
      expect(RUN_POD_OVERRIDES.check(fetched).map((x) => x.property)).toEqual(["metadata.labels['secure-tekton/pipeline']"]);
    });

    test("an embedded task spec's label (in a Pipeline, a run's pipelineSpec, a pipelineSpec a task embeds) and a run's taskRunSpecs label", () => {
      const run = pipelineRun();
      delete run.spec.pipelineRef;
      run.spec.pipelineSpec = {
        tasks: [{ name: 'push', taskSpec: { metadata: { labels: { 'secure-tekton/pipeline': 'release' } }, steps: [] } }],
        finally: [{ name: 'outer', pipelineSpec: { tasks: [{ name: 'deploy', taskSpec: { metadata: { labels: { 'secure-tekton/pipeline': 'release' } }, steps: [] } }] } }],
      };
      run.spec.taskRunSpecs = [{ pipelineTaskName: 'push', metadata: { labels: { 'secure-tekton/pipeline': 'release' } } }];
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([
        f({ location: "task 'push'", target: 'task/push', property: "taskSpec.metadata.labels['secure-tekton/pipeline']", value: 'release', problem: EMBEDDED, fix: FIX }),
        f({ location: "task 'outer' pipelineSpec task 'deploy'", target: 'task/deploy', property: "taskSpec.metadata.labels['secure-tekton/pipeline']", value: 'release', problem: EMBEDDED, fix: FIX }),
        f({
          location: "taskRunSpec 'push'",
          target: 'task/push',
          property: "taskRunSpecs[0].metadata.labels['secure-tekton/pipeline']",
          value: 'release',
          problem: "sets a label Tekton copies from the Pipeline onto the task's TaskRun and pod, and wins over Tekton's: the NetworkPolicies that select pods by "
            + "it (the egress of another pipeline task, or of another pipeline) would select this task's pods",
          fix: FIX,
        }),
      ]);
      const p = pipeline('evil');
      (p.spec.tasks[0] as any) = { name: 'push', taskSpec: { metadata: { labels: { 'secure-tekton/pipeline': 'release' } }, steps: [] } };
      expect(RUN_POD_OVERRIDES.check(p)).toEqual([P_({
        name: 'evil', location: "task 'push'", target: 'task/push', property: "taskSpec.metadata.labels['secure-tekton/pipeline']", value: 'release', problem: EMBEDDED, fix: FIX,
      })]);
    });

    test("a Pipeline's label other than its own name; a Task's and a TaskRun's", () => {
      expect(RUN_POD_OVERRIDES.check(pipeline('evil', { 'secure-tekton/pipeline': 'release' }))).toEqual([P_({
        name: 'evil',
        property: "metadata.labels['secure-tekton/pipeline']",
        value: 'release',
        problem: "is not the Pipeline's own name ('evil'): Tekton copies it onto the TaskRuns and pods of the Pipeline's runs, and the NetworkPolicies of the "
          + "pipeline it names (that pipeline's egress) would select them",
        fix: "Remove the label, or give it the Pipeline's name: secure-tekton/pipeline: evil.",
      })]);
      expect(RUN_POD_OVERRIDES.check(pipeline(undefined, { 'secure-tekton/pipeline': 'release-' })).map((x) => [x.value, x.problem.split(':')[0], x.fix])).toEqual([
        ['release-', "is not the Pipeline's own name (none", 'Remove the label.'],
      ]);
      expect(RUN_POD_OVERRIDES.check(pipeline('release', { 'secure-tekton/pipeline': 'release' }))).toEqual([]);
      expect(RUN_POD_OVERRIDES.check(pipeline('release'))).toEqual([]);
      // a pipeline task that runs a pipeline (alpha): its child PipelineRun, TaskRuns and pods carry every label of this Pipeline's run
      const parent = pipeline('release', { 'secure-tekton/pipeline': 'release' });
      (parent.spec.tasks as any[]).push({ name: 'sub', pipelineRef: { resolver: 'git', params: [{ name: 'url', value: 'https://github.com/example/pipelines' }] } });
      const at = parent.spec.tasks.length - 1;
      expect(RUN_POD_OVERRIDES.check(parent)).toEqual([P_({
        name: 'release',
        location: "task 'sub'",
        target: 'task/sub',
        property: `tasks[${at}].pipelineRef`,
        value: 'git',
        problem: "runs a pipeline, whose PipelineRun Tekton creates with the labels of this Pipeline's run, secure-tekton/pipeline: release among them, and copies "
          + "them onto its TaskRuns and pods: the NetworkPolicies of pipeline 'release' would give each task of the pipeline it runs the egress of the task of its name here",
        fix: 'Run the tasks of that pipeline as tasks of this one (taskRef or taskSpec), or remove the secure-tekton/pipeline label from this Pipeline.',
      })]);
      (parent.spec.tasks as any[])[at] = { name: 'sub', pipelineSpec: { tasks: [{ name: 'push', taskSpec: { steps: [] } }] } };
      expect(RUN_POD_OVERRIDES.check(parent).map((x) => [x.property, x.value])).toEqual([[`tasks[${at}].pipelineSpec`, '']]);
      delete (parent.metadata.labels as any)['secure-tekton/pipeline'];
      expect(RUN_POD_OVERRIDES.check(parent)).toEqual([]);
      const t = task();
      t.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      expect(RUN_POD_OVERRIDES.check(t).map((p) => [p.property, p.problem.split(':')[0]])).toEqual([
        ["metadata.labels['secure-tekton/pipeline']", 'is copied onto every TaskRun of the Task that lacks it, and from there onto its pod'],
      ]);
      const run = taskRun();
      run.metadata.labels = { 'secure-tekton/pipeline': 'release' };
      expect(RUN_POD_OVERRIDES.check(run).map((p) => p.property)).toEqual(["metadata.labels['secure-tekton/pipeline']"]);
    });
  });

  test('compliant: the hardened runs; a node selector and tolerations for worker pools', () => {
    expect(RUN_POD_OVERRIDES.check(pipelineRun())).toEqual([]);
    const run = pipelineRun();
    Object.assign(run.spec.taskRunTemplate.podTemplate, {
      nodeSelector: { 'node.kubernetes.io/pool': 'ci' },
      tolerations: [{ key: 'ci-only', operator: 'Exists', effect: 'NoSchedule' }],
      priorityClassName: 'ci-low',
    });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([]);
  });

  test('compliant: node affinity that keeps the pods off the control plane (DoesNotExist), required or preferred', () => {
    const off = (key: string) => ({ matchExpressions: [{ key, operator: 'DoesNotExist' }] });
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [off('node-role.kubernetes.io/control-plane')] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: off('node-role.kubernetes.io/master') }],
      },
    };
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([]);
    // any other operator on those keys can select them
    run.spec.taskRunTemplate.podTemplate.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator = 'NotIn';
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({ property: 'taskRunTemplate.podTemplate.affinity', value: 'node-role.kubernetes.io/control-plane', problem: 'schedules onto control-plane nodes' }),
    ]);
  });

  test("an env entry of a name config-defaults' default-forbidden-env lists is no finding: Tekton drops it", () => {
    const forbidding = (names: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-forbidden-env': names, 'default-pod-template': 'env:\n- {name: HTTPS_PROXY, value: "http://proxy:3128"}\n' },
    });
    const run = pipelineRun();
    Object.assign(run.spec.taskRunTemplate.podTemplate, { env: [{ name: 'LD_PRELOAD', value: '/workspace/source/evil.so' }, { name: 'CI', value: 'true' }] });
    expect(RUN_POD_OVERRIDES.check(run, ruleContext([run, forbidding(' LD_PRELOAD , X')])).map((x) => [x.property, x.value])).toEqual([[`${P}.env`, 'CI']]);
    expect(RUN_POD_OVERRIDES.check(run, ruleContext([run, forbidding('LD')])).map((x) => x.value)).toEqual(['LD_PRELOAD', 'CI']);
    // config-defaults' own default-pod-template the same way
    const cm = forbidding('HTTPS_PROXY');
    expect(RUN_POD_OVERRIDES.check(cm, ruleContext([cm]))).toEqual([]);
    const kept = forbidding('NO_PROXY');
    expect(RUN_POD_OVERRIDES.check(kept, ruleContext([kept])).map((x) => [x.property, x.value])).toEqual([["data['default-pod-template'].env", 'HTTPS_PROXY']]);
  });

  test('non-compliant: env for every container, host aliases and DNS servers', () => {
    const run = pipelineRun();
    Object.assign(run.spec.taskRunTemplate.podTemplate, {
      env: [{ name: 'LD_PRELOAD', value: '/workspace/source/evil.so' }],
      hostAliases: [{ ip: '203.0.113.7', hostnames: ['ghcr.io'] }],
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['203.0.113.53'] },
    });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({ property: `${P}.env`, value: 'LD_PRELOAD', problem: 'sets an environment variable in every step of the pods' }),
      f({ property: `${P}.hostAliases`, value: '203.0.113.7', problem: 'redirects host names in every container' }),
      f({ property: `${P}.dnsPolicy`, value: 'None', problem: 'replaces the cluster DNS' }),
      f({ property: `${P}.dnsConfig.nameservers`, value: '203.0.113.53', problem: 'adds DNS servers' }),
    ]);
  });

  test('non-compliant: DNS search domains under the cluster DNS (ClusterFirst), not ndots alone', () => {
    const run = pipelineRun();
    Object.assign(run.spec.taskRunTemplate.podTemplate, { dnsConfig: { searches: ['corp.example', 'attacker.example'], options: [{ name: 'ndots', value: '5' }] } });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({
        property: `${P}.dnsConfig.searches`,
        value: '"corp.example", "attacker.example"',
        problem: 'adds DNS search domains: a host name of fewer dots than ndots (5 where the cluster\'s DNS serves the pod, so github.com; '
          + 'the node\'s own under its resolver, often 1) is looked up under each of them before as written, so whoever answers for one of those domains can answer for the registries and git hosts the steps reach',
      }),
    ]);
    Object.assign(run.spec.taskRunTemplate.podTemplate, { dnsConfig: { searches: [], options: [{ name: 'ndots', value: '1' }] } });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([]);
  });

  test('DNS search domains the cluster gives the pod itself change nothing (the kubelet drops a repeated one); others are quoted as written', () => {
    const searches = (list: any[], extra: any = {}, r: any = pipelineRun()) => {
      Object.assign(r.spec.taskRunTemplate.podTemplate, { dnsConfig: { searches: list }, ...extra });
      return RUN_POD_OVERRIDES.check(r).map((x) => [x.property, x.value]);
    };
    // ClusterFirst (unset): <namespace>.svc.cluster.local, svc.cluster.local and cluster.local, a trailing dot or not
    expect(searches(['ci.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'cluster.local.'])).toEqual([]);
    expect(searches(['cluster.local'], { dnsPolicy: 'ClusterFirst' })).toEqual([]);
    expect(searches(['cluster.local'], { dnsPolicy: 'ClusterFirstWithHostNet', hostNetwork: true })).toEqual([]);
    // another namespace's services, an empty entry, a domain of the cluster's under another name
    expect(searches(['other.svc.cluster.local', '', 'cluster.local', 'corp.example', 'ci.svc.cluster.local.x'], { dnsPolicy: '' }))
      .toEqual([[`${P}.dnsConfig.searches`, '"other.svc.cluster.local", "", "corp.example", "ci.svc.cluster.local.x"']]);
    // the node's resolver (Default, ClusterFirst with hostNetwork), or only these (None), or not known: the cluster's domains are added too
    expect(searches(['cluster.local'], { dnsPolicy: 'Default' })).toEqual([[`${P}.dnsConfig.searches`, '"cluster.local"']]);
    expect(searches(['cluster.local'], { dnsPolicy: 'ClusterFirst', hostNetwork: true })).toEqual([[`${P}.dnsConfig.searches`, '"cluster.local"']]);
    expect(searches(['cluster.local'], { dnsPolicy: 'None' })).toEqual([[`${P}.dnsPolicy`, 'None'], [`${P}.dnsConfig.searches`, '"cluster.local"']]);
    expect(searches(['cluster.local'], { dnsPolicy: '$(params.dns)' })).toEqual([[`${P}.dnsConfig.searches`, '"cluster.local"'], [`${P}.dnsPolicy`, '$(params.dns)']]);
    // a run without a namespace: its pods' namespace is not known
    const anywhere = pipelineRun();
    delete anywhere.metadata.namespace;
    expect(searches(['ci.svc.cluster.local', 'svc.cluster.local'], {}, anywhere)).toEqual([[`${P}.dnsConfig.searches`, '"ci.svc.cluster.local"']]);
  });

  test("DNS search domains of a task's template: the dnsPolicy and hostNetwork Tekton merges under it (the run-wide template's, config-defaults')", () => {
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'build', podTemplate: { dnsConfig: { searches: ['cluster.local'] } } }] });
    const values = (r: any, ...others: any[]) => RUN_POD_OVERRIDES.check(r, ruleContext([r, ...others])).map((x) => [x.target, x.property, x.value]);
    expect(values(run)).toEqual([]);
    run.spec.taskRunTemplate.podTemplate.dnsPolicy = 'Default';
    expect(values(run)).toEqual([['task/build', 'podTemplate.dnsConfig.searches', '"cluster.local"']]);
    // the task's own dnsPolicy wins
    run.spec.taskRunSpecs[0].podTemplate.dnsPolicy = 'ClusterFirst';
    expect(values(run)).toEqual([]);
    run.spec.taskRunTemplate.podTemplate = { hostNetwork: true };
    expect(values(run)).toEqual([['task/build', 'podTemplate.dnsConfig.searches', '"cluster.local"']]);
    // config-defaults' default-pod-template checked with the run, under both
    const defaults = (template: string) => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template },
    });
    const tr = taskRun({ podTemplate: { dnsConfig: { searches: ['svc.cluster.local'] } } });
    expect(values(tr)).toEqual([]);
    expect(values(tr, defaults('dnsPolicy: Default\n'))).toEqual([[undefined, 'podTemplate.dnsConfig.searches', '"svc.cluster.local"']]);
    expect(values(tr, defaults('hostNetwork: true\n'))).toEqual([[undefined, 'podTemplate.dnsConfig.searches', '"svc.cluster.local"']]);
    expect(values(tr, defaults('dnsPolicy: ClusterFirst\n'))).toEqual([]);
    tr.spec.podTemplate.dnsPolicy = 'ClusterFirst';
    expect(values(tr, defaults('dnsPolicy: Default\n'))).toEqual([]);
    // config-defaults' own template: its pods' namespaces are any
    const cm = defaults('dnsConfig:\n  searches: [cluster.local, svc.cluster.local, tekton-pipelines.svc.cluster.local]\n');
    expect(RUN_POD_OVERRIDES.check(cm, ruleContext([cm])).map((x) => [x.property, x.value]))
      .toEqual([["data['default-pod-template'].dnsConfig.searches", '"tekton-pipelines.svc.cluster.local"']]);
  });

  test('non-compliant: a param anywhere in a pod template, keys included (Tekton substitutes the TaskRun\'s params there)', () => {
    const PROBLEM = 'lets a caller choose it: Tekton substitutes the TaskRun\'s params into the pod template, so a param can pick control-plane nodes, DNS, a system priority or any of the fields above';
    const run = pipelineRun();
    run.spec.taskRunTemplate.podTemplate = {
      ...run.spec.taskRunTemplate.podTemplate, dnsPolicy: '$(params.dns)', nodeSelector: { '$(params.k)': '' }, tolerations: [{ operator: '$(params.op)' }],
    };
    expect(RUN_POD_OVERRIDES.check(run).map((x) => [x.target, x.property, x.value, x.problem])).toEqual([
      [undefined, 'taskRunTemplate.podTemplate.dnsPolicy', '$(params.dns)', PROBLEM],
      [undefined, 'taskRunTemplate.podTemplate.nodeSelector.$(params.k)', '$(params.k)', PROBLEM],
      [undefined, 'taskRunTemplate.podTemplate.tolerations[0].operator', '$(params.op)', PROBLEM],
    ]);
    expect(RUN_POD_OVERRIDES.check(taskRun({ podTemplate: { priorityClassName: '$(params["p"])', securityContext: { seLinuxOptions: { type: '$(params.t)' } } } }))
      .map((x) => [x.property, x.value])).toEqual([['podTemplate.priorityClassName', '$(params["p"])'], ['podTemplate.securityContext.seLinuxOptions.type', '$(params.t)']]);
    // what Tekton does not substitute there, and fixed names
    expect(RUN_POD_OVERRIDES.check(taskRun({ podTemplate: { nodeSelector: { pool: '$(context.taskRun.name)', zone: '$(tasks.a.results.z)' } } }))).toEqual([]);
  });

  test('non-compliant: a param in exactly the strings Tekton substitutes params into (volumes, topology spread, pod affinity, sysctls ...)', () => {
    const PROBLEM = 'lets a caller choose it: Tekton substitutes the TaskRun\'s params into the pod template, so a param can pick control-plane nodes, DNS, a system priority or any of the fields above';
    const pod = {
      volumes: [
        { name: 'creds', secret: { secretName: '$(params.secret)', items: [{ key: '$(params.key)', path: 'k', mode: 256 }] } },
        { name: 'scratch', emptyDir: { medium: '$(params.medium)' } },
        { name: 'csi', csi: { driver: 'd', nodePublishSecretRef: { name: '$(params.s)' }, volumeAttributes: { '$(params.k)': '$(params.v)' } } },
        { name: 'claim', persistentVolumeClaim: { claimName: '$(params.pvc)' } },
      ],
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: '$(params.tk)', whenUnsatisfiable: '$(params.w)', labelSelector: { matchLabels: { '$(params.l)': 'x' } } }],
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', namespaces: ['$(params.ns)'] }] } },
      securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '$(tt.params.v)' }], supplementalGroupsPolicy: '$(params.g)', fsGroupChangePolicy: '$(params.f)' },
    };
    expect(RUN_POD_OVERRIDES.check(taskRun({ podTemplate: pod })).map((x) => [x.property, x.value, x.problem])).toEqual([
      ['podTemplate.volumes[0].secret.secretName', '$(params.secret)', PROBLEM],
      ['podTemplate.volumes[0].secret.items[0].key', '$(params.key)', PROBLEM],
      ['podTemplate.volumes[2].csi.nodePublishSecretRef.name', '$(params.s)', PROBLEM],
      ['podTemplate.volumes[2].csi.volumeAttributes.$(params.k)', '$(params.v)', PROBLEM],
      ['podTemplate.volumes[3].persistentVolumeClaim.claimName', '$(params.pvc)', PROBLEM],
      ['podTemplate.topologySpreadConstraints[0].topologyKey', '$(params.tk)', PROBLEM],
      ['podTemplate.topologySpreadConstraints[0].labelSelector.matchLabels.$(params.l)', '$(params.l)', PROBLEM],
      ['podTemplate.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces[0]', '$(params.ns)', PROBLEM],
      ['podTemplate.securityContext.sysctls[0].value', '$(tt.params.v)', PROBLEM],
      ['podTemplate.securityContext.supplementalGroupsPolicy', '$(params.g)', PROBLEM],
      ['podTemplate.securityContext.fsGroupChangePolicy', '$(params.f)', PROBLEM],
    ]);
    // a PipelineRun's per-task template
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { volumes: [{ name: 'creds', secret: { secretName: '$(params.secret)' } }] } }] });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({ location: "taskRunSpec 'push'", target: 'task/push', property: 'podTemplate.volumes[0].secret.secretName', value: '$(params.secret)', problem: PROBLEM }),
    ]);
  });

  test('non-compliant: onto the control plane, through a per-task template too, and a system priority', () => {
    const run = pipelineRun({
      taskRunSpecs: [{
        pipelineTaskName: 'push',
        podTemplate: {
          nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
          affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }] }] } } },
          tolerations: [{ operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
          priorityClassName: 'system-node-critical',
        },
      }],
    });
    const at = { location: "taskRunSpec 'push'", target: 'task/push' };
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({ ...at, property: 'podTemplate.nodeSelector', value: 'node-role.kubernetes.io/control-plane', problem: 'schedules onto control-plane nodes' }),
      f({ ...at, property: 'podTemplate.affinity', value: 'node-role.kubernetes.io/master', problem: 'schedules onto control-plane nodes' }),
      f({ ...at, property: 'podTemplate.tolerations', value: 'Exists', problem: 'tolerates every taint, the control plane\'s included' }),
      f({ ...at, property: 'podTemplate.tolerations', value: 'node-role.kubernetes.io/control-plane', problem: 'tolerates the control plane\'s taint' }),
      f({ ...at, property: 'podTemplate.priorityClassName', value: 'system-node-critical', problem: 'takes the priority of the cluster\'s own components' }),
    ]);
  });

  test('non-compliant: a toleration of every taint whose key is null, which Tekton decodes as no key', () => {
    const run = pipelineRun({ taskRunSpecs: [{ pipelineTaskName: 'push', podTemplate: { tolerations: [{ operator: 'Exists', key: null, effect: 'NoSchedule' }] } }] });
    expect(RUN_POD_OVERRIDES.check(run)).toEqual([
      f({ location: "taskRunSpec 'push'", target: 'task/push', property: 'podTemplate.tolerations', value: 'Exists', problem: 'tolerates every taint, the control plane\'s included' }),
    ]);
  });
});

describe('RUN_POD_OVERRIDES: config-defaults\' default-affinity-assistant-pod-template', () => {
  const configDefaults = (template: string) => ({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-affinity-assistant-pod-template': template },
  });
  const AA = "data['default-affinity-assistant-pod-template']";
  const SUFFIX = " (the Affinity Assistant's pod, where the pods of each PipelineRun's tasks that share a workspace must follow it)";
  const onDefaults = (property: string, value: string, problem: string) =>
    ({ rule: RuleId.RUN_POD_OVERRIDES, kind: 'ConfigMap', name: 'config-defaults', property: `${AA}.${property}`, value, problem: problem + SUFFIX });

  test('non-compliant: control-plane node selectors and tolerations, a system priority, decoded as Tekton decodes it (field names in any case)', () => {
    expect(RUN_POD_OVERRIDES.check(configDefaults([
      'NodeSelector: {node-role.kubernetes.io/control-plane: ""}',
      'tolerations:', '- {Operator: Exists}', '- {key: node-role.kubernetes.io/master, effect: NoSchedule}',
      'priorityClassName: system-cluster-critical', '',
    ].join('\n')))).toEqual([
      onDefaults('nodeSelector', 'node-role.kubernetes.io/control-plane', 'schedules onto control-plane nodes'),
      onDefaults('tolerations', 'Exists', 'tolerates every taint, the control plane\'s included'),
      onDefaults('tolerations', 'node-role.kubernetes.io/master', 'tolerates the control plane\'s taint'),
      onDefaults('priorityClassName', 'system-cluster-critical', 'takes the priority of the cluster\'s own components'),
    ]);
  });

  test("non-compliant: the template a Tekton operator's TektonConfig writes into config-defaults, at its field", () => {
    const config = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: { 'default-affinity-assistant-pod-template': 'priorityClassName: system-node-critical' } } };
    expect(RUN_POD_OVERRIDES.check(config)).toEqual([{
      rule: RuleId.RUN_POD_OVERRIDES,
      kind: 'TektonConfig',
      name: 'config',
      property: "spec.pipeline['default-affinity-assistant-pod-template'].priorityClassName",
      value: 'system-node-critical',
      problem: 'takes the priority of the cluster\'s own components' + SUFFIX,
    }]);
  });

  test("beside a Tekton operator's object: each template of the ConfigMap as the operator's apply leaves it, in the reading that keeps it", () => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' },
      data: { 'default-affinity-assistant-pod-template': 'priorityClassName: system-node-critical', 'default-pod-template': 'hostAliases: [{ip: 10.0.0.1}]' },
    };
    const config = (settings: Record<string, unknown> = {}) => ({
      apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'tekton-pipelines', pipeline: settings },
    });
    const check = (...others: any[]) => RUN_POD_OVERRIDES.check(cm, { manifests: [cm, ...others], credentialWorkspaces: () => [] });
    const KEPT = (keys: string) => ` (reading config-defaults with ${keys} that ConfigMap 'config-defaults' in tekton-pipelines keeps beside what `
      + "TektonConfig 'config' writes, unless kubectl apply created it)";
    const both = "data['default-affinity-assistant-pod-template'], data['default-pod-template']";
    expect(check(config()).map((x) => [x.property, x.problem])).toEqual([
      ["data['default-pod-template'].hostAliases", `redirects host names in every container${KEPT(both)}`],
      [`${AA}.priorityClassName`, `takes the priority of the cluster's own components${SUFFIX}${KEPT(both)}`],
    ]);
    // the operator writes its own assistant template over the ConfigMap's: that reaches no pod
    expect(check(config({ 'default-affinity-assistant-pod-template': 'priorityClassName: ci' })).map((x) => x.property)).toEqual(["data['default-pod-template'].hostAliases"]);
    // alone: as written
    expect(check().map((x) => x.problem)).toEqual(['redirects host names in every container', `takes the priority of the cluster's own components${SUFFIX}`]);
  });

  test("a config-defaults ConfigMap in a Tekton operator's own target namespace is judged there, not without the operator's object", () => {
    const config = { apiVersion: 'operator.tekton.dev/v1alpha1', kind: 'TektonConfig', metadata: { name: 'config' }, spec: { targetNamespace: 'ci-tekton', profile: 'all' } };
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'ci-tekton' }, data: { 'default-pod-template': 'hostAliases: [{ip: 10.0.0.1}]' } };
    const check = (...manifests: any[]) => RUN_POD_OVERRIDES.check(cm, { manifests, credentialWorkspaces: () => [] });
    expect(RUN_POD_OVERRIDES.appliesTo?.(cm)).toBe(true);
    expect(check(config, cm).map((x) => [x.property, x.problem])).toEqual([[
      "data['default-pod-template'].hostAliases",
      "redirects host names in every container (reading config-defaults with data['default-pod-template'] that ConfigMap 'config-defaults' in ci-tekton "
        + "keeps beside what TektonConfig 'config' writes, unless kubectl apply created it)",
    ]]);
    expect(check(cm)).toEqual([]);
  });

  test('compliant: fields the assistant\'s template does not have (Tekton drops them), params (Tekton substitutes none into it), not a mapping', () => {
    expect(RUN_POD_OVERRIDES.check(configDefaults('env: [{name: LD_PRELOAD, value: /x.so}]\nhostAliases: [{ip: 10.0.0.1}]\ndnsPolicy: None\n'))).toEqual([]);
    expect(RUN_POD_OVERRIDES.check(configDefaults('nodeSelector: {pool: $(params.pool)}\npriorityClassName: ci\n'))).toEqual([]);
    expect(RUN_POD_OVERRIDES.check(configDefaults('- nodeSelector: {node-role.kubernetes.io/master: ""}'))).toEqual([]);
    // another ConfigMap is no Tekton configuration
    expect(RUN_POD_OVERRIDES.check({ ...configDefaults('priorityClassName: system-node-critical'), metadata: { name: 'config-defaults', namespace: 'ci' } })).toEqual([]);
  });

  test("a PipelineLoop's (kfp-tekton) podTemplate and taskRunSpecs are those of the PipelineRun of each iteration", () => {
    const loop = pipelineLoop({
      podTemplate: { env: [{ name: 'LD_PRELOAD', value: '/x.so' }] },
      taskRunSpecs: [{ pipelineTaskName: 'push', metadata: { labels: { 'tekton.dev/pipelineTask': 'x' } } }],
      pipelineSpec: { tasks: [] },
    });
    const found = RUN_POD_OVERRIDES.check(loop);
    expect(found.map((x) => [x.kind, x.name, x.location, x.target, x.property, x.value])).toEqual([
      ['PipelineLoop', 'each', undefined, undefined, 'podTemplate.env', 'LD_PRELOAD'],
      ['PipelineLoop', 'each', "taskRunSpec 'push'", 'task/push', "taskRunSpecs[0].metadata.labels['tekton.dev/pipelineTask']", 'x'],
    ]);
    expect(found[0].problem).toBe('sets an environment variable in every step of the pods');
  });

  describe('Shipwright Builds and BuildRuns', () => {
    // after shipwright-io/build's samples (build_buildah_shipwright_managed_push_cr.yaml, buildrun_buildah_cr.yaml)
    const build = (spec: Record<string, any> = {}) => ({
      apiVersion: 'shipwright.io/v1beta1',
      kind: 'Build',
      metadata: { name: 'buildah-golang-build' },
      spec: { strategy: { name: 'buildah', kind: 'ClusterBuildStrategy' }, output: { image: 'registry.example.com/app' }, ...spec },
    });
    const FIX = 'Remove the control-plane node selector and toleration from the Build or BuildRun.';
    const controlPlane = 'node-role.kubernetes.io/control-plane';

    test('a control-plane nodeSelector and toleration, where written; a toleration without a key Shipwright refuses', () => {
      const spec = { nodeSelector: { [controlPlane]: '' }, tolerations: [{ key: controlPlane, operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists' }] };
      expect(RUN_POD_OVERRIDES.check(build(spec)).map((x) => [x.kind, x.property, x.value, x.problem, x.fix])).toEqual([
        ['Build', 'nodeSelector', controlPlane, 'schedules onto control-plane nodes', FIX],
        ['Build', 'tolerations', controlPlane, 'tolerates the control plane\'s taint', FIX],
      ]);
      const run = { apiVersion: 'shipwright.io/v1beta1', kind: 'BuildRun', metadata: { name: 'r' }, spec: { build: { spec: build(spec).spec }, nodeSelector: { [controlPlane]: '' } } };
      expect(RUN_POD_OVERRIDES.check(run).map((x) => [x.kind, x.property, x.value])).toEqual([
        ['BuildRun', 'nodeSelector', controlPlane],
        ['BuildRun', 'build.spec.nodeSelector', controlPlane],
        ['BuildRun', 'build.spec.tolerations', controlPlane],
      ]);
      expect(RUN_POD_OVERRIDES.check(build({ nodeSelector: { 'kubernetes.io/arch': 'amd64' }, tolerations: [{ key: 'builds', operator: 'Exists' }] }))).toEqual([]);
      // v1alpha1 has neither field: the API server prunes them, so no pod gets them
      expect(RUN_POD_OVERRIDES.check({ ...build(spec), apiVersion: 'shipwright.io/v1alpha1' })).toEqual([]);
      expect(RUN_POD_OVERRIDES.check({ ...run, apiVersion: 'shipwright.io/v1alpha1', spec: { buildSpec: build(spec).spec, nodeSelector: { [controlPlane]: '' } } })).toEqual([]);
    });

    test('an env var a program runs as code or loads code by, which Shipwright appends to every step of the strategy, whatever its value', () => {
      const run = {
        apiVersion: 'shipwright.io/v1beta1',
        kind: 'BuildRun',
        metadata: { name: 'r' },
        spec: { build: { spec: build({ env: [{ name: 'BASH_ENV', value: '/workspace/source/.ci/env.sh' }] }).spec }, env: [{ name: 'LD_PRELOAD', value: '/tmp/x.so' }] },
      };
      expect(RUN_POD_OVERRIDES.check(run)).toEqual([
        {
          rule: RuleId.RUN_POD_OVERRIDES,
          kind: 'BuildRun',
          name: 'r',
          property: 'env[LD_PRELOAD]',
          value: '/tmp/x.so',
          problem: "reaches every step of the build strategy (Shipwright appends a Build's and a BuildRun's env to each), and is what the dynamic loader or libc "
            + "loads libraries from: the Build's author runs code in the strategy's steps, those that push with its credentials or run with its privileges too",
          fix: "Remove LD_PRELOAD from the env of the Build or BuildRun (set it on the strategy's step that needs it), or relax RUN_POD_OVERRIDES where the "
            + "strategy's steps hold nothing the Build's author may not use.",
        },
        expect.objectContaining({ property: 'build.spec.env[BASH_ENV]', value: '/workspace/source/.ci/env.sh' }),
      ]);
      expect(RUN_POD_OVERRIDES.check(build({ env: [{ name: 'NODE_OPTIONS', valueFrom: { configMapKeyRef: { name: 'node', key: 'options' } } }] })).map((x) => [x.property, x.value]))
        .toEqual([['env[NODE_OPTIONS]', 'valueFrom']]);
      // other variables are the build's own settings
      expect(RUN_POD_OVERRIDES.check(build({ env: [{ name: 'CGO_ENABLED', value: '0' }, { name: 'DOCKERFILE_PATH', value: 'Dockerfile' }] }))).toEqual([]);
    });
  });
});

describe('RUN_POD_OVERRIDES: an EventListener\'s pod', () => {
  test('a control-plane nodeSelector and toleration of its kubernetesResource template are reported where written', () => {
    expect(RUN_POD_OVERRIDES.check(eventListener())).toEqual([]);
    const el = eventListener({
      spec: {
        nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      },
    });
    const at = (field: string, value: string, problem: string) => ({
      rule: RuleId.RUN_POD_OVERRIDES,
      kind: 'EventListener',
      name: 'github-listener',
      property: `spec.resources.kubernetesResource.spec.template.spec.${field}`,
      value,
      problem: `${problem} (the listener's pod, which holds the token of ServiceAccount 'el-sa')`,
      fix: "Remove the control-plane node selector, affinity and toleration from the EventListener's spec.resources.kubernetesResource.spec.template.spec.",
    });
    expect(RUN_POD_OVERRIDES.check(el)).toEqual([
      at('nodeSelector', 'node-role.kubernetes.io/control-plane', 'schedules onto control-plane nodes'),
      at('tolerations', 'node-role.kubernetes.io/control-plane', "tolerates the control plane's taint"),
    ]);
  });

  test("a customResource's control-plane nodeSelector (under any spelling Go's encoding/json reads as it) is reported at its field", () => {
    const el = customEventListener({ spec: { template: { spec: { NodeSelector: { 'node-role.kubernetes.io/control-plane': '' } } } } });
    expect(RUN_POD_OVERRIDES.check(el)).toEqual([{
      rule: RuleId.RUN_POD_OVERRIDES,
      kind: 'EventListener',
      name: 'github-listener',
      property: 'spec.resources.customResource.spec.template.spec.nodeSelector',
      value: 'node-role.kubernetes.io/control-plane',
      problem: "schedules onto control-plane nodes (the listener's pod, which holds the token of its namespace's default ServiceAccount)",
      fix: "Remove the control-plane node selector, affinity and toleration from the EventListener's spec.resources.customResource.spec.template.spec.",
    }]);
    expect(RUN_POD_OVERRIDES.check(customEventListener({ spec: { template: { spec: { nodeSelector: { zone: 'a' } } } } }))).toEqual([]);
    // a toleration's fields under other spellings are its own to Go
    const tolerating = customEventListener({ spec: { template: { spec: { Tolerations: [{ Operator: 'Exists' }] } } } });
    expect(RUN_POD_OVERRIDES.check(tolerating).map((finding) => [finding.property, finding.value, finding.problem])).toEqual([[
      'spec.resources.customResource.spec.template.spec.tolerations', 'Exists',
      "tolerates every taint, the control plane's included (the listener's pod, which holds the token of its namespace's default ServiceAccount)",
    ]]);
    // a second key of the list is decoded into the first's entries field by field (encoding/json, Go 1.26 here): { operator: Exists, effect: NoSchedule }
    // tolerates every NoSchedule taint; the second list alone ({ effect: NoSchedule }, operator Equal, no key) tolerates none of the control plane's
    const merged = customEventListener({ spec: { template: { spec: { tolerations: [{ operator: 'Exists' }], Tolerations: [{ effect: 'NoSchedule' }] } } } });
    expect(RUN_POD_OVERRIDES.check(merged).map((finding) => [finding.property, finding.value, finding.problem])).toEqual([[
      'spec.resources.customResource.spec.template.spec.tolerations', 'Exists',
      "tolerates every taint, the control plane's included (the listener's pod, which holds the token of its namespace's default ServiceAccount)",
    ]]);
    expect(RUN_POD_OVERRIDES.check(customEventListener({ spec: { template: { spec: { tolerations: [{ key: 'gpu', operator: 'Exists' }], Tolerations: [{ effect: 'NoSchedule' }] } } } })))
      .toEqual([]);
    // an affinity's terms too: the second term's Exists over the first's control-plane key (the API server sorts the keys: Affinity before affinity)
    const affinity = (operator: string) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator }] }] } } });
    const second = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ operator: 'Exists' }] }] } } };
    const merging = customEventListener({ spec: { template: { spec: { affinity: second, Affinity: affinity('DoesNotExist') } } } });
    expect(RUN_POD_OVERRIDES.check(merging).map((finding) => [finding.property, finding.problem]))
      .toEqual(RUN_POD_OVERRIDES.check(customEventListener({ spec: { template: { spec: { affinity: affinity('Exists') } } } })).map((finding) => [finding.property, finding.problem]));
    expect(RUN_POD_OVERRIDES.check(merging)).toHaveLength(1);
    // the API server stores the customResource with its keys sorted by their bytes, and Triggers decodes them in that order: Tolerations
    // (Equal) before tolerations (Exists), whichever the file writes first (Go 1.26 run on the stored JSON: [{Operator: Exists}])
    const exists = [[
      'spec.resources.customResource.spec.template.spec.tolerations', 'Exists',
      "tolerates every taint, the control plane's included (the listener's pod, which holds the token of its namespace's default ServiceAccount)",
    ]];
    const found = (spec: any) => RUN_POD_OVERRIDES.check(customEventListener({ spec: { template: { spec } } }))
      .map((finding) => [finding.property, finding.value, finding.problem]);
    expect(found({ tolerations: [{ operator: 'Exists' }], Tolerations: [{ operator: 'Equal' }] })).toEqual(exists);
    expect(found({ Tolerations: [{ operator: 'Equal' }], tolerations: [{ operator: 'Exists' }] })).toEqual(exists);
    // encoding/json decodes a later list over the entries a shorter one left past its length (golang/go#21092): TOLERATIONS, Tolerations, then
    // tolerations give [{key: c}, {operator: Exists, effect: NoSchedule}], which tolerates every NoSchedule taint (Go 1.26 run); a [] between makes a new list
    const reused = { TOLERATIONS: [{ key: 'a' }, { operator: 'Exists' }], Tolerations: [{ key: 'b' }], tolerations: [{ key: 'c' }, { effect: 'NoSchedule' }] };
    expect(found(reused)).toEqual(exists);
    expect(RUN_POD_OVERRIDES.check(customEventListener({ spec: { template: { spec: { ...reused, Tolerations: [] } } } }))).toEqual([]);
    // the pod runs as the ServiceAccount its template names (the kubernetesResource's over the EventListener's; the customResource's alone)
    const named = (listener: any) => RUN_POD_OVERRIDES.check(listener).map((finding) => finding.problem);
    const control = { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, serviceAccountName: 'deployer' };
    expect(named(customEventListener({ spec: { template: { spec: control } } }))).toEqual([
      "schedules onto control-plane nodes (the listener's pod, which holds the token of ServiceAccount 'deployer')",
    ]);
    expect(named(eventListener({ spec: control }))).toEqual(["schedules onto control-plane nodes (the listener's pod, which holds the token of ServiceAccount 'deployer')"]);
  });

  describe("a pod template's credential volume that a task's step mounts", () => {
    const IMG = 'docker.io/library/node@sha256:' + 'c'.repeat(64);
    const steps = [{ name: 'test', image: IMG, script: 'npm test', volumeMounts: [{ name: 'reg', mountPath: '/creds' }] }];
    const unitTests = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 'unit-tests', namespace: 'ci' }, spec: { steps } };
    const tr = (volume: any) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'tr', namespace: 'ci' },
      spec: { taskRef: { name: 'unit-tests' }, podTemplate: { volumes: [{ name: 'reg', ...volume }] } },
    });
    const FIX = 'Remove the volume from the pod template: give the credential in the Task or Pipeline (a volume of the task, or a workspace bound to '
      + 'the Secret) to a task trusted to run no user code.';

    test("a TaskRun's podTemplate Secret or CSI volume its Task's step mounts; a PipelineRun's taskRunSpecs one, for the task it names", () => {
      const secret = tr({ secret: { secretName: 'registry' } });
      expect(RUN_POD_OVERRIDES.check(secret, ruleContext([secret, unitTests]))).toEqual([{
        rule: RuleId.RUN_POD_OVERRIDES,
        kind: 'TaskRun',
        name: 'tr',
        property: 'podTemplate.volumes',
        value: 'reg',
        problem: "gives the task Secret 'registry' (volume 'reg' of the TaskRun's podTemplate), which its step 'test' mounts at /creds: whoever writes "
          + 'the run chooses a credential the task holds, which its Task or Pipeline does not give it',
        fix: FIX,
      }]);
      const csi = tr({ csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'vault-creds' } } });
      expect(RUN_POD_OVERRIDES.check(csi, ruleContext([csi, unitTests])).map((x) => x.problem)).toEqual([
        "gives the task the objects of SecretProviderClass 'vault-creds' (volume 'reg' of the TaskRun's podTemplate), which its step 'test' mounts at /creds: "
        + 'whoever writes the run chooses a credential the task holds, which its Task or Pipeline does not give it',
      ]);
      const pipe = { apiVersion: 'tekton.dev/v1', kind: 'Pipeline', metadata: { name: 'pipe', namespace: 'ci' }, spec: { tasks: [{ name: 'test', taskRef: { name: 'unit-tests' } }, { name: 'other', taskSpec: { steps } }] } };
      const pr = {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pipe-run', namespace: 'ci' },
        spec: { pipelineRef: { name: 'pipe' }, taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { volumes: [{ name: 'reg', secret: { secretName: 'registry' } }] } }] },
      };
      expect(RUN_POD_OVERRIDES.check(pr, ruleContext([pr, pipe, unitTests]))).toEqual([f({
        location: "taskRunSpec 'test'",
        target: 'task/test',
        property: 'podTemplate.volumes',
        value: 'reg',
        problem: "gives task 'test' Secret 'registry' (volume 'reg' of the PipelineRun's taskRunSpec 'test' podTemplate), which its step 'test' mounts at /creds: "
          + 'whoever writes the run chooses a credential the task holds, which its Task or Pipeline does not give it',
        fix: FIX,
      })]);
    });

    test('not: an emptyDir or configMap volume, a Secret no step mounts, a tekton-internal mount, a projected token (RUN_TOKEN_AUTOMOUNT), a Task not checked with it', () => {
      for (const v of [{ emptyDir: {} }, { configMap: { name: 'settings' } }]) {
        const run = tr(v);
        expect(RUN_POD_OVERRIDES.check(run, ruleContext([run, unitTests]))).toEqual([]);
      }
      const other = tr({ secret: { secretName: 'registry' } });
      other.spec.podTemplate.volumes[0].name = 'other';
      expect(RUN_POD_OVERRIDES.check(other, ruleContext([other, unitTests]))).toEqual([]);
      const internal = { ...unitTests, spec: { steps: [{ name: 'test', image: IMG, volumeMounts: [{ name: 'tekton-internal-reg', mountPath: '/x' }] }] } };
      const run = tr({ secret: { secretName: 'registry' } });
      expect(RUN_POD_OVERRIDES.check(run, ruleContext([run, internal]))).toEqual([]);
      expect(RUN_POD_OVERRIDES.check(run, ruleContext([run]))).toEqual([]);
      const token = tr({ projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } });
      expect(RUN_POD_OVERRIDES.check(token, ruleContext([token, unitTests]))).toEqual([]);
    });

    const lint = { ...unitTests, metadata: { name: 'lint', namespace: 'ci' }, spec: { steps: [{ ...steps[0], name: 'eslint', volumeMounts: [{ name: 'reg', mountPath: '/etc/reg' }] }] } };
    const pipe = {
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'pipe', namespace: 'ci' },
      spec: { tasks: [{ name: 'test', taskRef: { name: 'unit-tests' } }, { name: 'lint', taskRef: { name: 'lint' } }, { name: 'build', taskSpec: { steps: [{ name: 'make', image: IMG }] } }] },
    };
    const pipeRun = (spec: Record<string, unknown>) => ({
      apiVersion: 'tekton.dev/v1', kind: 'PipelineRun', metadata: { name: 'pipe-run', namespace: 'ci' }, spec: { pipelineRef: { name: 'pipe' }, ...spec },
    });
    const REG = [{ name: 'reg', secret: { secretName: 'registry' } }];

    test('a run-wide volume several tasks mount is one finding naming each task and its mount', () => {
      const pr = pipeRun({ taskRunTemplate: { podTemplate: { volumes: REG } } });
      expect(RUN_POD_OVERRIDES.check(pr, ruleContext([pr, pipe, unitTests, lint]))).toEqual([f({
        property: 'taskRunTemplate.podTemplate.volumes',
        value: 'reg',
        problem: "gives Secret 'registry' (volume 'reg' of the PipelineRun's taskRunTemplate.podTemplate) to task 'test' and task 'lint', which each mounts "
          + "(task 'test': step 'test' mounts at /creds; task 'lint': step 'eslint' mounts at /etc/reg): whoever writes the run chooses a credential "
          + 'the tasks hold, which their Task or Pipeline does not give them',
        fix: FIX,
      })]);
    });

    test("a taskRunSpecs volume replaces the run-wide one of its name for its task, the run's the default pod template's (Tekton's mergeByName)", () => {
      // task 'test' gets the taskRunSpecs emptyDir, not the run-wide Secret: only 'lint' holds it
      const pr = pipeRun({
        taskRunTemplate: { podTemplate: { volumes: REG } },
        taskRunSpecs: [{ pipelineTaskName: 'test', podTemplate: { volumes: [{ name: 'reg', emptyDir: {} }] } }],
      });
      expect(RUN_POD_OVERRIDES.check(pr, ruleContext([pr, pipe, unitTests, lint])).map((x) => x.problem)).toEqual([
        "gives task 'lint' Secret 'registry' (volume 'reg' of the PipelineRun's taskRunTemplate.podTemplate), which its step 'eslint' mounts at /etc/reg: "
        + 'whoever writes the run chooses a credential the task holds, which its Task or Pipeline does not give it',
      ]);
    });

    describe("config-defaults' default-pod-template", () => {
      const cm = (template: string) => ({
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config-defaults', namespace: 'tekton-pipelines' }, data: { 'default-pod-template': template },
      });
      const DEFAULTS = 'volumes: [{name: reg, secret: {secretName: registry}}]';
      const DEFAULT_FIX = 'Remove the volume from the default pod template: give the credential in the Task or Pipeline (a volume of the task, or a '
        + 'workspace bound to the Secret) to a task trusted to run no user code.';

      test('a Secret volume there that the Tasks checked with it mount: one finding on the ConfigMap, naming them', () => {
        const defaults = cm(DEFAULTS);
        expect(RUN_POD_OVERRIDES.check(defaults, ruleContext([defaults, pipe, unitTests, lint]))).toEqual([{
          rule: RuleId.RUN_POD_OVERRIDES,
          kind: 'ConfigMap',
          name: 'config-defaults',
          property: "data['default-pod-template'].volumes",
          value: 'reg',
          problem: "gives Secret 'registry' (volume 'reg' of config-defaults' default-pod-template) to Task 'unit-tests' and Task 'lint', which each mounts "
            + "(Task 'unit-tests': step 'test' mounts at /creds; Task 'lint': step 'eslint' mounts at /etc/reg): Tekton merges the default pod template "
            + "into every run's (a volume of that name a run's pod template gives replaces it), so every TaskRun of these tasks holds a credential "
            + 'their Task or Pipeline does not give them',
          fix: DEFAULT_FIX,
        }]);
        // an embedded spec of a Pipeline's task that mounts it, alone
        const embedded = { ...pipe, spec: { tasks: [{ name: 'build', taskSpec: { steps } }] } };
        expect(RUN_POD_OVERRIDES.check(defaults, ruleContext([defaults, embedded])).map((x) => x.problem)).toEqual([
          "gives task 'build' of Pipeline 'pipe' Secret 'registry' (volume 'reg' of config-defaults' default-pod-template), which its step 'test' mounts at "
          + "/creds: Tekton merges the default pod template into every run's (a volume of that name a run's pod template gives replaces it), so every "
          + 'TaskRun of the task holds a credential its Task or Pipeline does not give it',
        ]);
        // the run is not reported for it (its writer did not choose it); CSI there too
        const pr = pipeRun({});
        expect(RUN_POD_OVERRIDES.check(pr, ruleContext([pr, defaults, pipe, unitTests]))).toEqual([]);
        const csi = cm("volumes: [{name: reg, csi: {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: 'vault-creds'}}}]");
        expect(RUN_POD_OVERRIDES.check(csi, ruleContext([csi, unitTests])).map((x) => x.problem)).toEqual([
          "gives Task 'unit-tests' the objects of SecretProviderClass 'vault-creds' (volume 'reg' of config-defaults' default-pod-template), which its step "
          + "'test' mounts at /creds: Tekton merges the default pod template into every run's (a volume of that name a run's pod template gives replaces it), "
          + 'so every TaskRun of the task holds a credential its Task or Pipeline does not give it',
        ]);
      });

      test("not: a TaskRun's embedded spec whose podTemplate gives a volume of that name (it replaces the default's), an emptyDir, a volume no step mounts", () => {
        const defaults = cm(DEFAULTS);
        const own = (volume: any) => ({
          apiVersion: 'tekton.dev/v1', kind: 'TaskRun', metadata: { name: 'tr', namespace: 'ci' }, spec: { taskSpec: { steps }, podTemplate: { volumes: [{ name: 'reg', ...volume }] } },
        });
        expect(RUN_POD_OVERRIDES.check(defaults, ruleContext([defaults, own({ emptyDir: {} })]))).toEqual([]);
        // the neighbour: a TaskRun that gives no volume of that name holds the default's Secret
        const bare = { ...own({}), spec: { taskSpec: { steps } } };
        expect(RUN_POD_OVERRIDES.check(defaults, ruleContext([defaults, bare])).map((x) => x.problem)).toEqual([
          "gives TaskRun 'tr' Secret 'registry' (volume 'reg' of config-defaults' default-pod-template), which its step 'test' mounts at /creds: Tekton merges "
          + "the default pod template into every run's (a volume of that name a run's pod template gives replaces it), so every TaskRun of the task holds a credential "
          + 'its Task or Pipeline does not give it',
        ]);
        expect(RUN_POD_OVERRIDES.check(cm('volumes: [{name: reg, emptyDir: {}}]'), ruleContext([cm('volumes: [{name: reg, emptyDir: {}}]'), unitTests]))).toEqual([]);
        const unmounted = cm('volumes: [{name: other, secret: {secretName: registry}}]');
        expect(RUN_POD_OVERRIDES.check(unmounted, ruleContext([unmounted, unitTests]))).toEqual([]);
      });
    });
  });
});
