import { isDigestPinned, repositoryOf } from '../../private/image-references';
import { untrustedSubstitutions } from '../../private/substitutions';
import { Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Every step, sidecar, stepTemplate and StepAction image is pinned by `@sha256:` digest. */
export const IMAGE_DIGEST = containerRule(
  {
    id: RuleId.IMAGE_DIGEST,
    severity: Severity.HIGH,
    title: 'Every step, sidecar, stepTemplate and StepAction image is pinned by digest',
    rationale:
      'A tag can be moved to other content at any time, so a tagged image runs whatever the registry serves that day; a digest names exactly one image.',
    fix: 'Pin the image as "<repository>@sha256:<64 hex>".',
    decidesFrom:
      'The `image` of every step, sidecar and stepTemplate of Tasks, TaskRuns, Pipelines and PipelineRuns (`tekton.dev` v1 '
      + 'or v1beta1, or no apiVersion; embedded `taskSpec`s and `pipelineSpec`s followed to any depth), and of every '
      + "StepAction (a step without an image inherits the stepTemplate's). It must end in `@sha256:` and 64 lower-case hex "
      + 'digits; a missing or empty image is a finding, a stepTemplate without an image is not. An image that is exactly '
      + '`$(params.<name>)` passes when the param of a Task declares an `enum` whose every value is pinned by digest (Tekton '
      + 'refuses a run that passes any other value; a StepAction\'s enum binds nothing, since Tekton never checks what a step '
      + 'passes it); a digest-pinned `default` alone is a finding, since each run can override it.',
    limits:
      "A digest fixes which image runs, not what it is: the image's contents, entrypoint, signature and provenance are not "
      + 'seen, and the part before the digest may be anything, a substitution included (`$(params.repo)@sha256:...`). An '
      + '`enum` binds only while the feature flag `enable-param-enum` is "true" (Tekton admits no Task with an enum '
      + 'without it, but stops checking runs if it is turned off later), and a Pipeline that passes a pinned value to the '
      + 'param is not followed. Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to '
      + 'the pod itself; a Task named by a resolver, bundle or hub reference is judged only when it is given as an object.',
    howToRelax: containerRelaxation(RuleId.IMAGE_DIGEST, { stepTemplate: true, props: 'A step given a tag in its `image` prop needs it.' }),
    relaxable: true,
  },
  (view) => {
    const image = view.effective?.image;
    if (view.role === 'stepTemplate' && image === undefined) return [];
    if (typeof image !== 'string' || image === '') {
      return [{ property: 'image', problem: 'is missing', fix: 'Set an image pinned as "<repository>@sha256:<64 hex>".' }];
    }
    if (isDigestPinned(image)) return [];
    // a substitution (`$(params.image)`, v1alpha1 `$(inputs.params.image)`): the run chooses the image
    const chosen = untrustedSubstitutions(image, view.chosenWorkspacePaths)[0];
    if (chosen !== undefined) {
      const param = /^\$\(\s*(?:inputs\.)?params\.([^.)[\]\s]+)\s*\)$/.exec(chosen.text)?.[1];
      const declared = view.params.find((p) => p?.name === param);
      // `enum`: Tekton refuses a run whose value is not listed (and a Task with an enum unless enable-param-enum is on);
      // a StepAction's enum is never checked against what a step passes it
      const choices = Array.isArray(declared?.enum) && !view.stepActionParams ? declared.enum : [];
      if (chosen.text === image && choices.length > 0 && choices.every((c: unknown) => typeof c === 'string' && isDigestPinned(c))) return [];
      const pinnedDefault = typeof declared?.default === 'string' && isDigestPinned(declared.default);
      return [{
        property: 'image',
        value: image,
        problem: pinnedDefault
          ? `is chosen by each run through ${chosen.text}: its default is pinned by digest, but a run can pass any image`
          : `is chosen by each run through ${chosen.text}, so any image can run`,
        fix: 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
      }];
    }
    return [{
      property: 'image',
      value: image,
      problem: 'is not pinned by digest',
      fix: `Use "${repositoryOf(image)}@sha256:<64 hex>".`,
    }];
  },
  { includeStepTemplate: true },
);
