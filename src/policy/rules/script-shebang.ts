import { Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Every script starts with a `#!` line. */
export const SCRIPT_SHEBANG = containerRule(
  {
    id: RuleId.SCRIPT_SHEBANG,
    severity: Severity.LOW,
    title: 'Every script starts with a #! line',
    rationale: 'Without one Tekton runs the script with the image\'s default shell, which differs between images; the interpreter should be stated, not guessed.',
    fix: 'Start the script with an interpreter line such as "#!/bin/sh".',
    decidesFrom:
      'The `script` of every step and sidecar of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 or v1beta1, '
      + 'or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every StepAction, as '
      + 'written: it must start with the two characters `#!`.',
    limits:
      'White space or a blank line before `#!` counts as no shebang, and whether the named interpreter exists in the image '
      + 'is not checked. A container without `script` is not judged. Pods, Deployments and other workloads are not read, nor '
      + 'the init containers Tekton adds to the pod itself; a Task named by a resolver, bundle or hub reference is judged '
      + 'only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.SCRIPT_SHEBANG),
    relaxable: true,
  },
  (view) => {
    const script = view.container?.script;
    if (typeof script !== 'string') return [];
    return script.startsWith('#!')
      ? []
      : [{ property: 'script', value: script.split('\n')[0], problem: 'does not start with a #! line' }];
  },
);
