import { isDigestPinned, repositoryOf } from '../../private/image-references';
import { Severity } from '../rule';
import { containerRule } from '../rule-builders';
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
    relaxable: true,
  },
  (view) => {
    const image = view.effective?.image;
    if (view.role === 'stepTemplate' && image === undefined) return [];
    if (view.role === 'step' && view.effective?.ref) return []; // StepAction: the image lives in the StepAction
    if (typeof image !== 'string' || image === '') {
      return [{ property: 'image', problem: 'is missing', fix: 'Set an image pinned as "<repository>@sha256:<64 hex>".' }];
    }
    if (isDigestPinned(image)) return [];
    return [{
      property: 'image',
      value: image,
      problem: 'is not pinned by digest',
      fix: `Use "${repositoryOf(image)}@sha256:<64 hex>".`,
    }];
  },
  { includeStepTemplate: true },
);
