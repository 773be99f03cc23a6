import { Testing } from 'cdk8s';
import { describeRule, hardenedContainer, IMAGE } from './fixtures';
import { RelaxationTarget, RuleId, SecureTask, Severity } from '../../../src';
import { evaluateManifests, unrelaxed } from '../../../src/policy/engine/evaluate';
import { CheckStatus } from '../../../src/policy/posture';
import { TEMPLATE_INJECTION } from '../../../src/policy/rules/template-injection';
import { recordComments } from '../../../src/private/source-comments';
import { placeholderOfProblem } from '../../../src/private/templates';

const FIX = 'Give the run only placeholders whose value the event cannot choose ({{ revision }}, {{ pull_request_number }}, {{ repo_url }}, '
  + "{{ target_branch }}), and read the rest in a step from the provider's API with them (Pipelines-as-Code's token for it is the key "
  + 'git-provider-token of the Secret {{ git_auth_secret }}).';
const problem = (placeholder: string, what = 'holds') => `${what} ${placeholder}, which Pipelines-as-Code replaces with text the event's sender `
  + 'writes before the YAML is read: a line break or a quote in it ends the value and writes other fields (the image, the script, '
  + 'the securityContext), and in a script it runs as code';
/**
 * `{{ source_branch }}`'s problem: a branch name holds no line feed, blank or `:`, so it writes no field with a value, but NEL,
 * U+2028 and U+2029 are line breaks to PaC's YAML parser, and a `---` after one ends the object.
 */
const branchProblem = (placeholder: string, what = 'holds') => `${what} ${placeholder}, which Pipelines-as-Code replaces with text the `
  + "event's sender writes before the YAML is read: a branch name holds no line feed, blank or `:` (git check-ref-format), so it "
  + "writes no field with a value, but a NEL, U+2028 or U+2029 in it (git allows them in a branch name, PaC's YAML 1.1 parser takes "
  + 'them as line breaks) and a `---` after it end the object there, dropping every field written after it (a securityContext, the '
  + 'ServiceAccount); a quote in it ends a quoted value, and then in a flow collection (`[…]`, `{…}`) a `,` writes other items (keys '
  + 'without a value), elsewhere the YAML no longer parses; in a script it runs as code';
/** The problem of a comment's placeholder. */
const commentProblem = (placeholder: string) => `holds ${placeholder}, which Pipelines-as-Code replaces with text the event's sender `
  + 'writes before the YAML is read: a line break in it ends the comment, and what follows is YAML that writes fields of the '
  + 'object (its image, script, securityContext), or after a `---` line another document';
/** The fix of a comment's placeholder. */
const commentFix = (placeholder: string) => `Take ${placeholder} out of the comment: a comment uses no value, and Pipelines-as-Code fills it `
  + 'all the same. Where the file is not one Pipelines-as-Code reads, say so on the object, secure-tekton/relax.TEMPLATE_INJECTION: '
  + '"*: <why>" (a comment\'s finding has no target of its own).';
/** `{{ sender }}`'s problem says what the login is on each provider. */
const senderProblem = (placeholder: string) => `${problem(placeholder)} (it is the sender's login: GitHub's and GitLab's hold no quote, `
  + 'blank, line break or `$`, a Bitbucket Cloud nickname may hold any text; where only the former send the events, relax the finding '
  + 'with that reason)';

/** A Pipelines-as-Code PipelineRun with one embedded task of one step, `change`d. */
function pacRun(change: (run: any) => void = () => undefined): any {
  const run: any = {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: { name: 'build', annotations: { 'pipelinesascode.tekton.dev/on-event': '[push]' } },
    spec: {
      params: [{ name: 'revision', value: '{{ revision }}' }],
      pipelineSpec: { tasks: [{ name: 'compile', taskSpec: { steps: [hardenedContainer('make')] } }] },
    },
  };
  change(run);
  return run;
}
const step = (run: any) => run.spec.pipelineSpec.tasks[0].taskSpec.steps[0];

describe('TEMPLATE_INJECTION', () => {
  describeRule(TEMPLATE_INJECTION, RuleId.TEMPLATE_INJECTION, Severity.HIGH, true);

  test('applies to every object: Pipelines-as-Code fills the text of every document of a file before it splits them', () => {
    expect(TEMPLATE_INJECTION.appliesTo(pacRun())).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ ...pacRun(), apiVersion: 'tekton.dev/v1beta1', kind: 'Task' })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ kind: 'Pipeline', metadata: { name: 'p' } })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ kind: 'StepAction', metadata: { name: 'p' } })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ kind: 'A', metadata: { labels: { a: '{{ body.x }}' } } })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '{{ body.x }}' } })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo({ apiVersion: 'triggers.tekton.dev/v1beta1', kind: 'TriggerTemplate' })).toBe(true);
    expect(TEMPLATE_INJECTION.appliesTo(null)).toBe(false);
    expect(TEMPLATE_INJECTION.appliesTo([])).toBe(false);
  });

  test('a placeholder the event fills in an object Pipelines-as-Code does not run is a finding: its value can end the document and start a PipelineRun', () => {
    // the title `x"\n---\napiVersion: tekton.dev/v1\nkind: PipelineRun …` ends the ConfigMap and writes a run of its own
    const map = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes' }, data: { title: '{{ body.pull_request.title }}' } };
    const custom = { apiVersion: 'example.com/v1', kind: 'PipelineRun', metadata: { name: 'x' }, spec: { ref: '{{ source_branch }}' } };
    const named = { apiVersion: '{{ body.api }}', kind: '{{ cel: body.kind }}', metadata: { name: 'y' } };
    expect(TEMPLATE_INJECTION.check(map)).toEqual([
      { rule: RuleId.TEMPLATE_INJECTION, kind: 'ConfigMap', name: 'notes', fix: FIX, property: 'data.title', value: '{{ body.pull_request.title }}', problem: problem('{{ body.pull_request.title }}') },
    ]);
    expect(TEMPLATE_INJECTION.check(custom)).toEqual([
      { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'x', fix: FIX, property: 'spec.ref', value: '{{ source_branch }}', problem: branchProblem('{{ source_branch }}') },
    ]);
    expect(TEMPLATE_INJECTION.check(named)).toEqual([
      { rule: RuleId.TEMPLATE_INJECTION, kind: '{{ cel: body.kind }}', name: 'y', fix: FIX, property: 'apiVersion', value: '{{ body.api }}', problem: problem('{{ body.api }}') },
      { rule: RuleId.TEMPLATE_INJECTION, kind: '{{ cel: body.kind }}', name: 'y', fix: FIX, property: 'kind', value: '{{ cel: body.kind }}', problem: problem('{{ cel: body.kind }}') },
    ]);
    // a TriggerTemplate's own fields are judged; the objects it creates are judged as objects of their own, not twice
    const tt = {
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'TriggerTemplate',
      metadata: { name: 'tt' },
      spec: { params: [{ name: 'b', default: '{{ source_branch }}' }], resourcetemplates: [{ ...custom, kind: 'ConfigMap' }] },
    };
    expect(TEMPLATE_INJECTION.check(tt)).toEqual([
      { rule: RuleId.TEMPLATE_INJECTION, kind: 'TriggerTemplate', name: 'tt', fix: FIX, property: 'spec.params[0].default', value: '{{ source_branch }}', problem: branchProblem('{{ source_branch }}') },
    ]);
    // a Helm chart's own templates are not Pipelines-as-Code's
    expect(TEMPLATE_INJECTION.check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'h' }, data: { a: '{{ .Values.body }}' } })).toEqual([]);
  });

  test('the fixed placeholders, a Repository\'s custom params and other template languages pass', () => {
    const run = pacRun((r) => {
      r.metadata.labels = { sha: '{{revision}}', pr: '{{ pull_request_number }}', target: '{{ target_branch }}', tag: '{{git_tag}}' };
      r.metadata.annotations['a/b'] = '{{ repo_url }} {{ repo_owner }}/{{ repo_name }} {{ source_url }} {{ event_type }} {{ target_namespace }}';
      r.spec.params.push({ name: 'auth', value: '{{ git_auth_secret }}' }, { name: 'registry', value: '{{ image_registry }}' });
      // Go templates of a tool the step runs: PaC leaves keys it does not know as written
      step(r).script = "#!/bin/sh\ndocker inspect -f '{{.Id}} {{ index .RepoDigests 0 }}{{end}}' x\n";
      // one character is not a placeholder; nor is a single brace
      step(r).args = ['{{b}}', '{ body.x }'];
    });
    expect(TEMPLATE_INJECTION.check(run)).toEqual([]);
  });

  test('a placeholder the event fills, anywhere: labels, a param, an image, a script (said of its step), a key', () => {
    const run = pacRun((r) => {
      r.metadata.labels = { title: '{{ body.pull_request.title }}' };
      r.spec.params.push({ name: 'branch', value: 'refs/heads/{{source_branch}}' });
      step(r).image = 'registry.example.com/tool:{{ headers["X-Tag"] }}';
      step(r).script = '#!/bin/sh\necho "{{ trigger_comment }}" {{ body.x }}\n';
      step(r).env = [{ name: 'LABELS', value: '{{ pull_request_labels }}' }, { name: 'WHO', value: '{{  sender  }}' }];
      r.spec.pipelineSpec.tasks[0].taskSpec.metadata = { annotations: { '{{ files.all }}': 'x' } };
      r.spec.pipelineSpec.tasks[0].when = [{ cel: "'{{ cel: body.ref }}' == 'refs/heads/main'" }];
    });
    const at = { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'build', fix: FIX };
    const inStep = { ...at, location: "task 'compile' step 'make'", target: 'task/compile/step/make' };
    expect(TEMPLATE_INJECTION.check(run)).toEqual([
      { ...at, property: 'metadata.labels.title', value: '{{ body.pull_request.title }}', problem: problem('{{ body.pull_request.title }}') },
      { ...at, property: 'spec.params[1].value', value: 'refs/heads/{{source_branch}}', problem: branchProblem('{{source_branch}}') },
      { ...inStep, property: 'image', value: 'registry.example.com/tool:{{ headers["X-Tag"] }}', problem: problem('{{ headers["X-Tag"] }}') },
      // the first such placeholder of a string
      { ...inStep, property: 'script', value: '#!/bin/sh\necho "{{ trigger_comment }}" {{ body.x }}\n', problem: problem('{{ trigger_comment }}') },
      { ...inStep, property: 'env[0].value', value: '{{ pull_request_labels }}', problem: problem('{{ pull_request_labels }}') },
      { ...inStep, property: 'env[1].value', value: '{{  sender  }}', problem: senderProblem('{{  sender  }}') },
      { ...at, property: 'spec.pipelineSpec.tasks[0].taskSpec.metadata.annotations["{{ files.all }}"]', value: '{{ files.all }}', problem: problem('{{ files.all }}', 'has a key that holds') },
      { ...at, property: 'spec.pipelineSpec.tasks[0].when[0].cel', value: "'{{ cel: body.ref }}' == 'refs/heads/main'", problem: problem('{{ cel: body.ref }}') },
    ]);
  });

  test('keys as Pipelines-as-Code reads them: a prefix followed by more of an identifier is another name, which it leaves as written', () => {
    const run = pacRun((r) => {
      r.metadata.labels = { a: '{{ bodyguard }}', b: '{{headersX}}', c: '{{ files_all }}', d: '{{ cel: }}', e: '{{ Body.x }}' };
    });
    expect(TEMPLATE_INJECTION.check(run)).toEqual([]);
    const filled = pacRun((r) => {
      r.metadata.labels = { a: '{{ body }}', b: '{{headers}}', c: "{{ files['all'] }}", d: '{{cel:pac.sender}}' };
    });
    const at = { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'build', fix: FIX };
    expect(TEMPLATE_INJECTION.check(filled)).toEqual([
      { ...at, property: 'metadata.labels.a', value: '{{ body }}', problem: problem('{{ body }}') },
      { ...at, property: 'metadata.labels.b', value: '{{headers}}', problem: problem('{{headers}}') },
      { ...at, property: 'metadata.labels.c', value: "{{ files['all'] }}", problem: problem("{{ files['all'] }}") },
      { ...at, property: 'metadata.labels.d', value: '{{cel:pac.sender}}', problem: problem('{{cel:pac.sender}}') },
    ]);
  });

  test('a cel: expression whose value the sender cannot write: a variable the repository or provider fixes, a bool or a number', () => {
    // as StackRox's create-custom-snapshot writes them in a bash script
    const fixed = [
      "if [[ '{{ cel: target_branch }}' == main ]]; then :; fi",
      "is_release='{{ cel: target_branch.startsWith(\"release-\") }}'",
      "labelled='{{ cel: has(body.pull_request) && has(body.pull_request.labels) && body.pull_request.labels.exists(l, l.name == \"konflux-build\") }}'",
      "renovate='{{ cel: source_branch.matches(\"(konflux|renovate)\") }}'",
      'n={{ cel: size(body.commits) }} r={{cel:revision}} e={{ cel: event }} u={{ cel: target_url }} t={{ cel: git_tag }}',
    ];
    expect(TEMPLATE_INJECTION.check(pacRun((r) => { step(r).script = `#!/bin/bash\n${fixed.join('\n')}\n`; }))).toEqual([]);
    // the sender's text: its own variables, the event's fields, a string made of them, a custom param through pac
    const at = { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'build', fix: FIX };
    const inStep = { ...at, location: "task 'compile' step 'make'", target: 'task/compile/step/make' };
    for (const placeholder of ['{{ cel: event_title }}', '{{ cel: body.pull_request.title }}', "{{ cel: target_branch + '-' + source_branch }}",
      '{{ cel: pac.target_branch }}', '{{ cel: body.a == 1 ? "x" : body.b }}']) {
      const script = `#!/bin/bash\n${fixed[0]}\nb='${placeholder}'\n`;
      expect([placeholder, TEMPLATE_INJECTION.check(pacRun((r) => { step(r).script = script; }))])
        .toEqual([placeholder, [{ ...inStep, property: 'script', value: `${script.slice(0, 80)}…`, problem: problem(placeholder) }]]);
    }
    // the branch name as CEL gives it: what a branch name can do
    for (const placeholder of ['{{ cel: source_branch }}', '{{cel:source_branch}}']) {
      expect(TEMPLATE_INJECTION.check(pacRun((r) => { r.metadata.labels = { b: placeholder }; })))
        .toEqual([{ ...at, property: 'metadata.labels.b', value: placeholder, problem: branchProblem(placeholder) }]);
    }
  });

  test('an entry a later key of the same name overwrites (recorded by the audit\'s reader) that holds one is a finding said of the object', () => {
    const run = pacRun();
    recordComments(run, [{ text: 'title: "{{ body.pull_request.title }}"', line: 4, column: 3, overwritten: true }]);
    expect(TEMPLATE_INJECTION.check(run)).toEqual([{
      rule: RuleId.TEMPLATE_INJECTION,
      kind: 'PipelineRun',
      name: 'build',
      location: 'overwritten entry on line 4',
      property: '',
      value: 'title: "{{ body.pull_request.title }}"',
      problem: "holds {{ body.pull_request.title }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is "
        + 'read: it is written in a mapping entry that a later key of the same name overwrites, which kubectl does not read but '
        + 'Pipelines-as-Code fills all the same: a line break or a quote in it ends the value and writes fields of the object (its '
        + 'image, script, securityContext)',
      fix: 'Remove the overwritten entry (a later key of the same name replaces it): Pipelines-as-Code fills {{ body.pull_request.title }} in it all the same.',
    }]);
  });

  test('a placeholder written across YAML\'s tokens (recorded by the audit\'s reader) is a finding said of the object', () => {
    const run = pacRun();
    recordComments(run, [{ text: '{{ cel: body.ref }}', line: 6, column: 9, split: true }]);
    expect(TEMPLATE_INJECTION.check(run)).toEqual([{
      rule: RuleId.TEMPLATE_INJECTION,
      kind: 'PipelineRun',
      name: 'build',
      location: 'placeholder on line 6',
      property: '',
      value: '{{ cel: body.ref }}',
      problem: "holds {{ cel: body.ref }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read: "
        + "it is written across YAML's syntax (a `: `, a ` #`, a quote or a line of another entry inside it), so no value, key or comment "
        + 'read holds it whole, and Pipelines-as-Code fills the text all the same: a line break or a quote in it writes fields of the '
        + 'object (its image, script, securityContext)',
      fix: FIX,
    }]);
  });

  test('a placeholder after the ... line that ends the document (recorded by the audit\'s reader) is a finding said of the object', () => {
    const run = pacRun();
    recordComments(run, [{ text: '{{ body.x }}', line: 9, column: 5, afterEnd: true }]);
    expect(TEMPLATE_INJECTION.check(run)).toEqual([{
      rule: RuleId.TEMPLATE_INJECTION,
      kind: 'PipelineRun',
      name: 'build',
      location: 'placeholder on line 9',
      property: '',
      value: '{{ body.x }}',
      problem: "holds {{ body.x }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read: "
        + "it is written after the end of the object's document (a `...` line, or the flow collection that is the document), which "
        + 'kubectl does not read but Pipelines-as-Code fills all the same: a `---` line in it starts a document of its own, any Tekton object',
      fix: 'Take {{ body.x }} out of the text after the end of the document (nothing reads that text).',
    }]);
  });

  test('{{ source_branch }} in a comment can end the object with a line break of YAML 1.1; after the end of the document it does nothing', () => {
    const run = pacRun();
    recordComments(run, [
      { text: '# built for {{ source_branch }}', line: 5, column: 3 },
      // a branch name holds no line feed, so it cannot start a line `---`, where PaC splits the text: the next one is named
      { text: '{{ source_branch }} {{ body.x }}', line: 9, column: 1, afterEnd: true },
      { text: '{{ source_branch }}', line: 10, column: 1, afterEnd: true },
      { text: '{{ source_branch }}', line: 11, column: 1, overwritten: true },
    ]);
    const at = { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'build', property: '' };
    expect(TEMPLATE_INJECTION.check(run)).toEqual([
      {
        ...at,
        location: 'comment on line 5',
        value: '# built for {{ source_branch }}',
        problem: "holds {{ source_branch }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is "
          + 'read: a branch name holds no line feed (git check-ref-format), but a NEL, U+2028 or U+2029 in it (git allows them in a '
          + "branch name, PaC's YAML 1.1 parser takes them as line breaks) ends the comment, and a `---` after it ends the object there, "
          + 'dropping every field written after it (a securityContext, the ServiceAccount)',
        fix: commentFix('{{ source_branch }}'),
      },
      {
        ...at,
        location: 'placeholder on line 9',
        value: '{{ source_branch }} {{ body.x }}',
        problem: "holds {{ body.x }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read: "
          + "it is written after the end of the object's document (a `...` line, or the flow collection that is the document), which "
          + 'kubectl does not read but Pipelines-as-Code fills all the same: a `---` line in it starts a document of its own, any Tekton object',
        fix: 'Take {{ body.x }} out of the text after the end of the document (nothing reads that text).',
      },
      {
        ...at,
        location: 'overwritten entry on line 11',
        value: '{{ source_branch }}',
        problem: "holds {{ source_branch }}, which Pipelines-as-Code replaces with text the event's sender writes before the YAML is "
          + 'read: it is written in a mapping entry that a later key of the same name overwrites, which kubectl does not read but '
          + `Pipelines-as-Code fills all the same: ${branchProblem('{{ source_branch }}').split('before the YAML is read: ')[1]}`,
        fix: 'Remove the overwritten entry (a later key of the same name replaces it): Pipelines-as-Code fills {{ source_branch }} in it all the same.',
      },
    ]);
  });

  test('a field the API server drops, and the comments of an object that has one, are read as written: PaC fills the text first', () => {
    const run = pacRun((r) => {
      r.spec.descripton = 'built from {{ body.pull_request.title }}';
    });
    recordComments(run, [{ text: '# {{ trigger_comment }}', line: 2, column: 1 }]);
    const check = evaluateManifests([run])[0].checks.find((c) => c.rule === RuleId.TEMPLATE_INJECTION)!;
    expect(check.findings.map((f) => [f.location, f.property, f.problem])).toEqual([
      [undefined, 'spec.descripton', problem('{{ body.pull_request.title }}')],
      ['comment on line 2', '', commentProblem('{{ trigger_comment }}')],
    ]);
  });

  test('a comment of its YAML text (recorded by the audit\'s reader) that holds one is a finding said of the object, at the comment', () => {
    const run = pacRun();
    recordComments(run, [
      { text: '# triggered by {{ trigger_comment }}', line: 1, column: 1 },
      // one PaC fills from the repository, and one it leaves as written
      { text: '# at {{ revision }} {{ bodyguard }}', line: 3, column: 1 },
      { text: `# {{ revision }} {{ body.pull_request.body }} ${'x'.repeat(80)}`, line: 5, column: 9 },
      { text: '#{{sender}}', line: 7, column: 3 },
    ]);
    const at = { rule: RuleId.TEMPLATE_INJECTION, kind: 'PipelineRun', name: 'build', property: '' };
    expect(TEMPLATE_INJECTION.check(run)).toEqual([
      {
        ...at,
        location: 'comment on line 1',
        value: '# triggered by {{ trigger_comment }}',
        problem: commentProblem('{{ trigger_comment }}'),
        fix: commentFix('{{ trigger_comment }}'),
      },
      {
        ...at,
        location: 'comment on line 5',
        value: `# {{ revision }} {{ body.pull_request.body }} ${'x'.repeat(34)}…`,
        problem: commentProblem('{{ body.pull_request.body }}'),
        fix: commentFix('{{ body.pull_request.body }}'),
      },
      {
        ...at,
        location: 'comment on line 7',
        value: '#{{sender}}',
        fix: commentFix('{{sender}}'),
        problem: `${commentProblem('{{sender}}')} (it is the sender's login: GitHub's and GitLab's hold no quote, blank, line break or \`$\`, `
          + 'a Bitbucket Cloud nickname may hold any text; where only the former send the events, relax the finding with that reason)',
      },
    ]);
    // after the object's own findings; a comment is relaxed only with the object
    const both = pacRun((r) => {
      r.metadata.labels = { title: '{{ body.pull_request.title }}' };
      r.metadata.annotations['secure-tekton/relax.TEMPLATE_INJECTION'] = 'task/compile/step/make: not this one';
    });
    recordComments(both, [{ text: '# {{ body.x }}', line: 2, column: 1 }]);
    const check = evaluateManifests([both])[0].checks.find((c) => c.rule === RuleId.TEMPLATE_INJECTION)!;
    expect(check.findings.map((f) => [f.location, f.property])).toEqual([[undefined, 'metadata.labels.title'], ['comment on line 2', '']]);
    expect(unrelaxed(check)).toHaveLength(2);
    // the object's record, *, covers it
    both.metadata.annotations['secure-tekton/relax.TEMPLATE_INJECTION'] = '*: this file is read by another tool, not Pipelines-as-Code';
    expect(unrelaxed(evaluateManifests([both])[0].checks.find((c) => c.rule === RuleId.TEMPLATE_INJECTION)!)).toHaveLength(0);
    // an object not read from a file (the library's) has none
    expect(TEMPLATE_INJECTION.check(pacRun())).toEqual([]);
  });

  test('placeholderOfProblem: the placeholder a finding of the rule names, where the audit places it', () => {
    const run = pacRun((r) => {
      r.metadata.labels = { title: 'a {{ revision }} {{ body.pull_request.title }}' };
      r.metadata.annotations['{{ headers.X }}'] = 'x';
    });
    recordComments(run, [{ text: '# {{ cel: body.ref }}', line: 2, column: 1 }]);
    expect(TEMPLATE_INJECTION.check(run).map((f) => placeholderOfProblem(f.problem)))
      .toEqual(['{{ headers.X }}', '{{ body.pull_request.title }}', '{{ cel: body.ref }}']);
    expect(placeholderOfProblem('holds {{ body.x }}, which Pipelines-as-Code replaces ')).toBeUndefined();
    expect(placeholderOfProblem('has a value that holds {{ body.x }}')).toBeUndefined();
  });

  test('a long value is cut, and a value met twice through a YAML alias is one finding', () => {
    const shared = { title: `{{ body.head_commit.message }} ${'x'.repeat(100)}` };
    const run = pacRun((r) => {
      r.metadata.annotations = shared;
      r.metadata.labels = shared;
    });
    expect(TEMPLATE_INJECTION.check(run).map((f) => [f.property, f.value])).toEqual([
      ['metadata.annotations.title', `{{ body.head_commit.message }} ${'x'.repeat(49)}…`],
    ]);
  });

  test('a relaxation without a target covers every finding; one of a step its own', () => {
    const run = pacRun((r) => {
      r.metadata.labels = { title: '{{ body.pull_request.title }}' };
      step(r).script = '#!/bin/sh\necho {{ body.after }}\n';
    });
    const statuses = (annotations: Record<string, string>) => {
      const m = pacRun();
      Object.assign(m, run, { metadata: { ...run.metadata, annotations: { ...run.metadata.annotations, ...annotations } } });
      return evaluateManifests([m])[0].checks.filter((c) => c.rule === RuleId.TEMPLATE_INJECTION)
        .flatMap((c) => c.findings.map((f) => `${f.property} ${unrelaxed(c).includes(f) ? CheckStatus.FAILED : CheckStatus.RELAXED}`));
    };
    expect(statuses({})).toEqual([`metadata.labels.title ${CheckStatus.FAILED}`, `script ${CheckStatus.FAILED}`]);
    expect(statuses({ 'secure-tekton/relax.TEMPLATE_INJECTION': '*: not read by Pipelines-as-Code, rendered by our tool' }))
      .toEqual([`metadata.labels.title ${CheckStatus.RELAXED}`, `script ${CheckStatus.RELAXED}`]);
    expect(statuses({ 'secure-tekton/relax.TEMPLATE_INJECTION': 'task/compile/step/make: body.after is the pushed SHA' }).sort())
      .toEqual([`metadata.labels.title ${CheckStatus.FAILED}`, `script ${CheckStatus.RELAXED}`]);
    // in a PipelineRun a step is below its pipeline task: `step/<name>` names none of its steps and covers nothing
    expect(statuses({ 'secure-tekton/relax.TEMPLATE_INJECTION': 'step/make: body.after is the pushed SHA' }))
      .toEqual([`metadata.labels.title ${CheckStatus.FAILED}`, `script ${CheckStatus.FAILED}`]);
  });

  test('the rule tells how to relax it in YAML for a step of a Task and of a PipelineRun', () => {
    expect(TEMPLATE_INJECTION.howToRelax).toContain(
      'In YAML for the audit: `secure-tekton/relax.TEMPLATE_INJECTION: "*: <why>"` on the object (e.g. the file is not one '
      + 'Pipelines-as-Code reads, named in the reason), or for one step its target: `"step/<name>: <why>"` in a Task, '
      + '`"task/<task>/step/<name>: <why>"` in a Pipeline or PipelineRun that embeds the task (the `target` of each finding in '
      + '`--format json`); a record whose target names no step of the object covers nothing.',
    );
  });

  test('a SecureTask refuses a step that pastes one, in the words of its props', () => {
    const synth = (relaxations?: any[]) => () => {
      const chart = Testing.chart();
      new SecureTask(chart, 'unit', {
        steps: [{ name: 'run', image: IMAGE, script: '#!/bin/sh\necho "{{ body.pull_request.title }}"\n' }],
        relaxations,
      });
      return Testing.synth(chart);
    };
    expect(synth()).toThrow(
      "SecureTask 'test/unit' step 'run': script \"#!/bin/sh\\necho \\\"{{ body.pull_request.title }}\\\"\\n\" holds {{ body.pull_request.title }}, "
      + "which Pipelines-as-Code replaces with text the event's sender writes before the YAML is read: a line break or a quote in it ends the "
      + 'value and writes other fields (the image, the script, the securityContext), and in a script it runs as code [TEMPLATE_INJECTION]. '
      + `${FIX} Or relax TEMPLATE_INJECTION with a reason in the props of SecureTask 'test/unit': relaxations: [{ rule: RuleId.TEMPLATE_INJECTION, target: 'step/run', reason: '<why>' }].`,
    );
    expect(synth([{ rule: RuleId.TEMPLATE_INJECTION, target: RelaxationTarget.step('run'), reason: 'the title is escaped by the webhook proxy' }])).not.toThrow();
  });
});

describe('TEMPLATE_INJECTION on long text', () => {
  test('a run of 200,000 `{{` in a step\'s script is read in linear time (no placeholder: no finding)', () => {
    const t = { apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't', namespace: 'ci' }, spec: { steps: [{ name: 's', image: IMAGE, script: '{{'.repeat(200_000) }] } };
    const started = Date.now();
    expect(TEMPLATE_INJECTION.check(t)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
