import { containersOf } from '../../src/private/containers';
import { runFixedParams } from '../../src/private/param-enums';

const step = { name: 's', image: 'alpine', script: '#!/bin/sh\necho $(params.a) $(params.b)\n' };
/** The params the run fixes for the first container of `manifest`, sorted. */
const fixed = (manifest: any) => [...runFixedParams(containersOf(manifest)[0])].sort();

describe('runFixedParams', () => {
  test('a TaskRun\'s own taskSpec: its constant values, and the task\'s defaults it leaves', () => {
    const run = (params: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'TaskRun',
      metadata: { name: 'r' },
      spec: { params, taskSpec: { params: [{ name: 'a' }, { name: 'b', default: 'main' }, { name: 'c' }], steps: [step] } },
    });
    expect(fixed(run([{ name: 'a', value: 'v1' }]))).toEqual(['a', 'b']);
    // a TriggerTemplate's event value, a Pipelines-as-Code placeholder of the event or a Helm template, an array: not constants
    expect(fixed(run([{ name: 'a', value: '$(tt.params.a)' }, { name: 'b', value: '{{ source_branch }}' }, { name: 'c', value: ['x'] }]))).toEqual([]);
    expect(fixed(run([{ name: 'a', value: '{{ .Values.a }}' }, { name: 'c', value: 'ref-{{ revision }}-{{ body.x }}' }]))).toEqual(['b']);
    // Pipelines-as-Code's placeholders that the repository or the event's commit fixes: the commit, the repository's URL, owner and name
    expect(fixed(run([{ name: 'a', value: '{{ revision }}' }, { name: 'c', value: '{{repo_url}}/{{ repo_owner }}/{{ repo_name }}' }]))).toEqual(['a', 'b', 'c']);
  });

  test('a PipelineRun\'s own pipelineSpec: what the pipeline task passes, the run\'s value, the pipeline\'s default, the task\'s default', () => {
    const run = (runParams: any[], passed: any[]) => ({
      apiVersion: 'tekton.dev/v1',
      kind: 'PipelineRun',
      metadata: { name: 'r' },
      spec: {
        params: runParams,
        pipelineSpec: {
          params: [{ name: 'a' }, { name: 'p', default: '1.0' }],
          tasks: [{ name: 't', params: passed, taskSpec: { params: [{ name: 'b' }, { name: 'd', default: 'x' }], steps: [step] } }],
        },
      },
    });
    expect(fixed(run([{ name: 'a', value: 'v1' }], [{ name: 'b', value: '$(params.p)' }]))).toEqual(['a', 'b', 'd', 'p']);
    expect(fixed(run([{ name: 'a', value: '{{ a }}' }, { name: 'p', value: '$(tt.params.p)' }], [{ name: 'b', value: '$(params.p)' }]))).toEqual(['d']);
  });

  test('a Task, a Pipeline\'s task spec and a StepAction: none, whatever their defaults (each run gives its own), but a constant a pipeline task passes', () => {
    expect(fixed({ apiVersion: 'tekton.dev/v1', kind: 'Task', metadata: { name: 't' }, spec: { params: [{ name: 'a', default: 'v' }], steps: [step] } })).toEqual([]);
    // the pipeline task's constant replaces any run's value of the same name in its spec (propagateParams); the pipeline's default does not
    expect(fixed({
      apiVersion: 'tekton.dev/v1',
      kind: 'Pipeline',
      metadata: { name: 'p' },
      spec: {
        params: [{ name: 'b', default: 'v' }],
        tasks: [{ name: 't', params: [{ name: 'a', value: 'v' }, { name: 'c', value: '$(params.b)' }], taskSpec: { steps: [step] } }],
      },
    })).toEqual(['a']);
    expect(fixed({ apiVersion: 'tekton.dev/v1beta1', kind: 'StepAction', metadata: { name: 's' }, spec: { params: [{ name: 'a', default: 'v' }], image: 'alpine', script: step.script } })).toEqual([]);
  });
});
