/**
 * Everything Tekton v1.15's admission webhook is known here to refuse in a Tekton object, as the manifests checked with it say
 * which feature flags it validates with: what TEKTON_ADMITTED reports, and what VALID_REFERENCE counts as refused first.
 */
import { isObject } from './containers';
import { admissionFlags, featureGateRefusals } from './feature-gates';
import { oncePerSet } from './manifest-index';
import {
  admissionChecked, admissionForm, isCheckedStepAction, isV1beta1, PipelineRefusal, pipelineRefusals, removedResourcesRefusals, runRefusals,
  stepActionRefusals, taskSpecRefusals,
} from './pipeline-admission';
import { admittedForm, writtenForm } from './stored-form';

/** Whether the webhook's refusals are read here for the object: a `tekton.dev/v1` or `v1beta1` Pipeline, Task or run, or a served StepAction. */
export function webhookChecked(manifest: any): boolean {
  return (['Pipeline', 'PipelineRun', 'Task', 'TaskRun'].includes(manifest?.kind) && admissionChecked(manifest)) || isCheckedStepAction(manifest);
}

/**
 * The refusals of the object (its stored form, as the rules are given it) by Tekton's webhook, with the feature flags the `manifests`
 * checked with it set (none given: Tekton's defaults): its spec's, the PipelineResources of a v1beta1 object, and the fields behind flags.
 */
export function webhookRefusals(stored: any, manifests: readonly any[] | undefined): PipelineRefusal[] {
  if (!webhookChecked(stored)) return [];
  // read once per object of a set: TEKTON_ADMITTED reports them, VALID_REFERENCE reads them of the object and of what its runs name
  return manifests === undefined ? refusalsOf(stored, undefined) : oncePerSet(REFUSALS, manifests, stored, () => refusalsOf(stored, manifests));
}
const REFUSALS = new WeakMap<readonly any[], Map<any, PipelineRefusal[]>>();

/** `webhookRefusals`, read afresh. */
function refusalsOf(stored: any, manifests: readonly any[] | undefined): PipelineRefusal[] {
  // a v1beta1 object (a StepAction) as written: the webhook validates it before its conversion to v1 (and as the API server prunes it)
  const manifest = isCheckedStepAction(stored) ? admittedForm(writtenForm(stored)) : admissionForm(stored);
  const kind: string = manifest.kind;
  const v1beta1 = isV1beta1(manifest);
  const flags = admissionFlags(manifests);
  const alpha = flags.apiFields === 'alpha';
  let refusals: PipelineRefusal[];
  if (kind === 'Pipeline') {
    // a Pipeline without a spec is validated as an empty one
    refusals = pipelineRefusals(manifest.spec === undefined || manifest.spec === null ? {} : manifest.spec, 'spec', true, v1beta1, alpha);
  } else if (kind === 'StepAction') {
    refusals = stepActionRefusals(manifest);
  } else if (kind === 'Task') {
    refusals = taskSpecRefusals(manifest.spec, 'spec', {}, true, v1beta1);
  } else {
    const embedded = manifest.spec?.pipelineSpec;
    refusals = [...runRefusals(manifest), ...(kind === 'PipelineRun' && isObject(embedded) ? pipelineRefusals(embedded, 'spec.pipelineSpec', false, v1beta1, alpha, { params: manifest.spec.params }) : [])];
  }
  return [...refusals, ...removedResourcesRefusals(manifest), ...featureGateRefusals(manifest, flags)];
}
