import { asArray } from '../../private/containers';
import { isDigestPinned, isKubeletDigestPinned, kubeletRefusedDigest, kubeletRefusedName, lowerCasedDigest, repositoryOf, unsupportedDigestAlgorithm } from '../../private/image-references';
import { enumGap, runFixedReferences, runValue } from '../../private/param-enums';
import { UPPER_CASE_DIGEST } from '../../private/remote-refs';
import { pasteFixed, untrustedSubstitutions, wholeParamName } from '../../private/substitutions';
import { chosenTemplate, FIXED_PLACEHOLDERS_TEXT } from '../../private/templates';
import { Severity } from '../rule';
import { containerRule, containerRelaxation } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Pinned by digest with no template another tool pastes into the YAML before it is read (its text could end the image before the digest). */
const pinnedAsRead = (image: string): boolean => isDigestPinned(image) && chosenTemplate(image) === undefined;

/** The image as its registry names it, for an image name the kubelet cannot parse: the name repaired, else its form with the digest written. */
const namedAsRegistry = (image: string, fixed: string | undefined): string => fixed ?? `[registry[:port]/]<lower-case path>[:<tag>]${image.slice(image.lastIndexOf('@'))}`;

/** The algorithm of a sha384 or sha512 digest that pins a value the kubelet pulls by, with no template in it; else undefined. */
const otherPinningAlgorithm = (value: string): string | undefined =>
  (chosenTemplate(value) === undefined && isKubeletDigestPinned(value) ? unsupportedDigestAlgorithm(value) : undefined);

/**
 * Why a step without a command fails every run with an image pinned by a digest of `algorithm` other than sha256: the kubelet pulls
 * by it, but Tekton resolves the entrypoint with go-containerregistry, whose name.NewDigest reads sha256 only.
 */
const entrypointUnparsed = (algorithm: string): string => `a ${algorithm} digest, which Tekton cannot parse when it looks up the entrypoint of a step without a command `
  + '(go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so every run fails';

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
      + 'digits (a digest in upper-case hex is reported as one the kubelet refuses, so that no pod runs), or in `@sha512:` and 128 (`@sha384:` and 96), '
      + 'which the OCI image spec allows and the kubelet pulls by, in a sidecar or a step with a `command` or a `script` (Tekton looks up the entrypoint '
      + 'of a step without one with go-containerregistry, which reads sha256 digests only: such a step is reported as one whose runs fail); a digest of another '
      + 'algorithm (`@md5:`), or a sha256, sha384 or sha512 one of another length (`@sha256:abc`), is reported as one the kubelet refuses (go-digest: "unsupported digest algorithm"), also where the params a run in the manifest gives write it; '
      + 'so is a name before the digest that the kubelet\'s parser (distribution/reference v0.6.0 `ParseNormalizedNamed`) cannot read (upper case in the '
      + 'repository path, a blank, a URL scheme, an empty path part or tag, a tag of other characters: ErrInvalidImageName, the pod never starts; the API server refuses the pod first for a blank at the start), in the image '
      + 'or in the value a run in the manifest gives, and an image pinned by sha384 or sha512 that a run gives a step without a command is reported as one whose runs fail; a missing or empty image is a finding, a stepTemplate without an image is not. An image that is exactly '
      + '`$(params.<name>)` (or `$(params["<name>"])`, `$(params[\'<name>\'])`, v1alpha1 `$(inputs.params.<name>)`) passes when the run that gives the param is in the same manifest and fixes it to an image pinned by '
      + 'digest (a run\'s params are given once, when it is created): in a TaskRun\'s own `taskSpec` the TaskRun\'s value, else the '
      + 'task\'s default; in a task spec embedded in a PipelineRun\'s own `pipelineSpec`, the value the pipeline task passes (the '
      + '`$(params.<p>)` in it read at the pipeline level), else the run\'s value of that name (declared by the pipeline or not), '
      + 'else the pipeline\'s default, else the task\'s default, as Tekton substitutes them (a param a `matrix` names is the '
      + 'matrix\'s); in any pipeline\'s task spec, a constant '
      + 'the pipeline task passes (which replaces any run\'s value of that name there). An image that holds such params among '
      + 'other text (`busybox:$(params.tag)`, `$(params.repo)@$(params.digest)`) is judged as Tekton writes it with the values '
      + 'those runs fix, when they fix every one. Where another run chooses it, it passes when the param of a Task declares an `enum` whose every value is pinned by digest (Tekton '
      + 'refuses a run that passes any other value; a StepAction\'s enum binds nothing, since Tekton never checks what a step '
      + 'passes it); a digest-pinned `default` alone is a finding, since each run can override it. In a pipeline task\'s '
      + '`taskSpec` the enum binds only when the pipeline task passes the param in its `params` (its TaskRun is given that '
      + 'value, checked against the enum) or the pipeline declares the param with an enum of pinned images: otherwise Tekton '
      + 'substitutes a PipelineRun\'s param of that name, declared by the pipeline or not, or the pipeline\'s default, into '
      + 'the spec before any enum is checked. Of a PipelineRun\'s own pipelineSpec (and a pipeline task\'s pipelineSpec, '
      + 'whose run is given that task\'s params) the run is known: the value it gives, else the pipeline\'s default, must '
      + 'be pinned, and a param neither gives passes. The enum of a custom task\'s spec (`taskSpec.spec`) binds nothing. An '
      + 'image, an enum value or a run\'s value that holds a `{{…}}` template (Helm\'s; Pipelines-as-Code\'s but for '
      + `${FIXED_PLACEHOLDERS_TEXT}) is not pinned,`
      + ' a digest after it or not: the tool pastes the value into the YAML text before it is '
      + 'read, so the value can end the image there (a space and `#`, a quote, a line break) and the digest is not part of it.',
    limits:
      "A digest fixes which image runs, not what it is: the image's contents, entrypoint, signature and provenance are not "
      + 'seen, and the part before the digest may hold a Tekton substitution (`$(params.repo)@sha256:...`, '
      + 'replaced in the object once it is read, so the digest stays) or a template whose value is not judged: a name it makes that the kubelet cannot parse is not seen, nor is the name of an `enum` value or a default. An '
      + '`enum` binds only while the feature flag `enable-param-enum` is "true" (Tekton admits no Task with an enum '
      + 'without it, but stops checking runs if it is turned off later), and a Pipeline that passes a pinned value to the '
      + 'param of a Task it refers to is not followed; a param a pipeline task passes only in `matrix` does not count, as '
      + 'the PipelineRun\'s value is substituted first. Pods, Deployments and other workloads are not read, nor the init containers Tekton adds to '
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
    // a digest alone names no image to pull (the kubelet refuses it as an invalid name)
    if (image.trimStart().startsWith('@')) {
      return [{ property: 'image', value: image, problem: 'names no repository before its digest, so no pod can pull it', fix: 'Write the repository the digest is of: "<repository>@sha256:<64 hex>".' }];
    }
    // the kubelet's reference parser refuses a digest in upper-case hex, whatever a substitution before it gives
    const lowered = lowerCasedDigest(image);
    if (lowered !== undefined && chosenTemplate(image) === undefined) {
      return [{ property: 'image', value: image, problem: `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`, fix: `Write the digest in lower case: "${lowered}".` }];
    }
    // the kubelet parses the whole reference (distribution/reference v0.6.0 ParseNormalizedNamed): a name it cannot read pulls
    // nothing, whatever the digest after it (a substitution or a template in it is not judged: what fills it is not known)
    const badName = kubeletRefusedName(image);
    if (badName !== undefined) {
      return [{ property: 'image', value: image, problem: `has ${badName.reason}: ${badName.refused}`, fix: `Write the image as its registry names it: "${namedAsRegistry(image, badName.fixed)}".` }];
    }
    if (isDigestPinned(image)) {
      // a template (Helm's, Pipelines-as-Code's) is pasted into the YAML text before it is read: its text can end the image
      const template = chosenTemplate(image);
      if (template === undefined) return [];
      return [{
        property: 'image',
        value: image,
        problem: `holds ${template}, which is pasted into the YAML before it is read: its text can end the image there, so the digest after it may not be part of it`,
        fix: 'Write the image pinned by digest with no template in it ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason the template\'s value is fixed.',
      }];
    }
    // a value a param takes may be pinned by sha384 or sha512 as a written image may (below): the kubelet pulls by it, and Tekton does
    // not look up the entrypoint of a step with a command of its own (a script is one) or of a sidecar
    const effective = view.effective;
    const ownCommand = view.role !== 'step' || asArray(effective?.command).length > 0 || (typeof effective?.script === 'string' && effective.script !== '');
    const pinned = (value: string): boolean => pinnedAsRead(value)
      || (ownCommand && isKubeletDigestPinned(value) && chosenTemplate(value) === undefined);
    // a substitution (`$(params.image)`, `$(params["image"])`, v1alpha1 `$(inputs.params.image)`): the run chooses the image
    const chosen = untrustedSubstitutions(image, view.chosenWorkspacePaths)[0];
    if (chosen !== undefined) {
      const param = wholeParamName(chosen.text);
      const declared = view.params.find((p) => p?.name === param);
      // `enum`: Tekton refuses a run whose value is not listed (and a Task with an enum unless enable-param-enum is on);
      // a StepAction's enum is never checked against what a step passes it
      const choices = Array.isArray(declared?.enum) && !view.stepActionParams ? declared.enum : [];
      // an enum value no run of this step can use, pinned or not: what happens to a run that passes it
      const fails = (value: string): string | undefined => {
        if (pinned(value) || chosenTemplate(value) !== undefined) return undefined;
        if (lowerCasedDigest(value) !== undefined) return `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`;
        const refused = kubeletRefusedDigest(value);
        if (refused !== undefined) return `has ${refused}, so no pod can run it`;
        const algorithm = isKubeletDigestPinned(value) ? unsupportedDigestAlgorithm(value) : undefined;
        return algorithm === undefined ? undefined : `has a ${algorithm} digest, which Tekton cannot parse when it looks up the entrypoint of a step without`
          + ' a command (go-containerregistry\'s name.NewDigest reads sha256 digests only: "unsupported digest algorithm"), so a run passing it fails';
      };
      const bound = (c: unknown): boolean => typeof c === 'string' && (pinned(c) || fails(c) !== undefined);
      if (param !== undefined && chosen.text === image && choices.length > 0 && choices.every(bound)) {
        // in a pipeline task's taskSpec the pipeline level substitutes the param first, unchecked unless the pipeline task passes it
        // (a pipeline's enum value whose digest is in upper case: fixed by lower case, as the task's)
        const gap = enumGap(view, param, pinned, (v) => {
          const lower = lowerCasedDigest(v);
          return lower === undefined ? undefined : { problem: `${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`, written: lower, note: 'its digest in lower case' };
        });
        const failing = (choices as string[]).filter((c) => !pinned(c));
        if (gap === undefined && failing.length === 0) return [];
        if (gap === undefined) {
          // Tekton refuses a run passing any other value: whatever a run passes is pinned, or no step runs it. A value whose digest is
          // in upper case is fixed by lowering it (named, as the fix of a written image says), any other by pinning it
          const lowers = failing.map((c) => lowerCasedDigest(c)).filter((c): c is string => c !== undefined);
          const others = failing.filter((c) => lowerCasedDigest(c) === undefined);
          const lower = lowers.length === 0 ? undefined
            : `${lowers.map((c) => `"${c}"`).join(', ')} (${lowers.length === 1 ? 'its digest' : 'their digests'} in lower case) in the enum of "${param}"`;
          const pin = others.length === 0 ? undefined
            : `${lower === undefined ? `${others.length === 1 ? 'that value' : 'those values'} of the enum of "${param}"` : others.map((c) => `"${c}"`).join(', ')} pinned by `
              + `${others.length === 1 ? 'its' : 'their'} whole sha256 digest: "<repository>@sha256:<64 hex>"`;
          return [{
            property: 'image',
            value: image,
            problem: `is chosen by each run through ${chosen.text} from its enum, where ${failing.map((c) => `"${c}" ${fails(c)}`).join('; ')}`
              + (failing.length === choices.length ? ': no value of the enum runs the step' : ''),
            fix: `Write ${[lower, pin].filter((p) => p !== undefined).join(', and ')}`
              + (others.some((c) => isKubeletDigestPinned(c)) ? ', or give the step its command.' : '.'),
          }];
        }
        return [{
          property: 'image',
          value: image,
          problem: `is chosen by each run through ${chosen.text}: ${gap.problem}`,
          fix: `${gap.fix.replace(/\.$/, '')}; or write the image pinned by digest into the step.`,
        }];
      }
      // a run in this manifest fixes the value (a TaskRun's, or a PipelineRun's for its own pipelineSpec)
      const known = param !== undefined && chosen.text === image ? runValue(view, param) : undefined;
      if (known !== undefined) {
        const badKnown = kubeletRefusedName(known.value);
        if (badKnown !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `is ${chosen.text}, and ${known.source}, which has ${badKnown.reason}: ${badKnown.refused}`,
            fix: `Give "${param}" the image as its registry names it: "${namedAsRegistry(known.value, badKnown.fixed)}".`,
          }];
        }
        if (pinned(known.value)) return [];
        if (isDigestPinned(known.value)) {
          const template = chosenTemplate(known.value);
          if (template === undefined) return [];
          return [{
            property: 'image',
            value: image,
            problem: `is ${chosen.text}, and ${known.source}, which holds ${template}: that is pasted into the YAML before it is read, and its text can end the value there, so the digest after it may not be part of it`,
            fix: `Give "${param}" the image pinned by digest with no template in it: "<repository>@sha256:<64 hex>".`,
          }];
        }
        const loweredKnown = chosenTemplate(known.value) === undefined ? lowerCasedDigest(known.value) : undefined;
        const refusedKnown = chosenTemplate(known.value) === undefined ? kubeletRefusedDigest(known.value) : undefined;
        if (refusedKnown !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `is ${chosen.text}, and ${known.source}, which has ${refusedKnown}, so no pod can run it`,
            fix: `Give "${param}" the image pinned by its whole digest: "${repositoryOf(known.value)}@sha256:<64 hex>".`,
          }];
        }
        // pinned by sha384 or sha512 (pinned() takes it for a step with a command): the entrypoint of this one cannot be looked up
        const knownAlgorithm = otherPinningAlgorithm(known.value);
        if (knownAlgorithm !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `is ${chosen.text}, and ${known.source}, which has ${entrypointUnparsed(knownAlgorithm)}`,
            fix: `Give "${param}" the image pinned by its sha256 digest: "${known.value.slice(0, known.value.lastIndexOf('@'))}@sha256:<64 hex>", or give the step its command.`,
          }];
        }
        return [{
          property: 'image',
          value: image,
          problem: loweredKnown !== undefined
            ? `is ${chosen.text}, and ${known.source}, which ${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`
            : `is ${chosen.text}, and ${known.source}, which is not pinned by digest`,
          fix: loweredKnown !== undefined
            ? `Give "${param}" the digest in lower case: "${loweredKnown}".`
            : `Give "${param}" the image pinned by digest: "${repositoryOf(known.value)}@sha256:<64 hex>".`,
        }];
      }
      // part of the image a run in this manifest fixes (`busy:$(params.tag)`): judged as Tekton writes it
      const fixed = runFixedReferences(view);
      if (fixed.size > 0 && untrustedSubstitutions(image, view.chosenWorkspacePaths, undefined, fixed).length === 0) {
        const written = pasteFixed(image, fixed);
        const badWritten = kubeletRefusedName(written);
        if (badWritten !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `becomes "${written}" with the params the run in this manifest gives, which has ${badWritten.reason}: ${badWritten.refused}`,
            fix: `Write the image, in the step or the run's params, so that it is as its registry names it: "${namedAsRegistry(written, badWritten.fixed)}".`,
          }];
        }
        if (pinned(written)) return [];
        const template = isDigestPinned(written) ? chosenTemplate(written) : undefined;
        if (isDigestPinned(written) && template === undefined) return [];
        const loweredWritten = chosenTemplate(written) === undefined ? lowerCasedDigest(written) : undefined;
        const refusedWritten = chosenTemplate(written) === undefined && !written.includes('$(') ? kubeletRefusedDigest(written) : undefined;
        if (refusedWritten !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `becomes "${written}" with the params the run in this manifest gives, which has ${refusedWritten}, so no pod can run it`,
            fix: `Write the image pinned by its whole digest into the step: "${repositoryOf(written)}@sha256:<64 hex>".`,
          }];
        }
        if (loweredWritten !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `becomes "${written}" with the params the run in this manifest gives, which ${UPPER_CASE_DIGEST}: the kubelet refuses the image, so no pod can run it`,
            fix: `Write the digest in lower case, in the step or the run's params, so that the image is "${loweredWritten}".`,
          }];
        }
        const writtenAlgorithm = otherPinningAlgorithm(written);
        if (writtenAlgorithm !== undefined) {
          return [{
            property: 'image',
            value: image,
            problem: `becomes "${written}" with the params the run in this manifest gives, which has ${entrypointUnparsed(writtenAlgorithm)}`,
            fix: `Pin the image by its sha256 digest, in the step or the run's params, so that it is "${written.slice(0, written.lastIndexOf('@'))}@sha256:<64 hex>", or give the step its command.`,
          }];
        }
        return [{
          property: 'image',
          value: image,
          problem: template === undefined
            ? `becomes "${written}" with the params the run in this manifest gives, which is not pinned by digest`
            : `becomes "${written}" with the params the run in this manifest gives, which holds ${template}: that is pasted into the YAML before it is read, and its text can end the value there, so the digest after it may not be part of it`,
          // the repository the run gives, unless a template writes it: a template in the fix would be refused again
          fix: template === undefined
            ? `Write the image pinned by digest into the step: "${repositoryOf(written)}@sha256:<64 hex>".`
            : 'Write the image pinned by digest into the step, with no template in it: "<repository>@sha256:<64 hex>".',
        }];
      }
      const pinnedDefault = typeof declared?.default === 'string' && isDigestPinned(declared.default);
      return [{
        property: 'image',
        value: image,
        problem: pinnedDefault
          ? `is chosen by each run through ${chosen.text}: its default is pinned by digest, but a run can pass any image`
          : taggedRepository(image, chosen.text) !== undefined
            ? `is chosen by each run through ${chosen.text}, which picks the tag of ${taggedRepository(image, chosen.text)}: any tag, and a tag can be moved to other content at any time`
            : `is chosen by each run through ${chosen.text}, so any image can run`,
        fix: 'Write the image pinned by digest into the step ("<repository>@sha256:<64 hex>"), or relax IMAGE_DIGEST with the reason callers must choose it.',
      }];
    }
    // a digest of another algorithm (the OCI image spec allows sha512): the kubelet pulls by it and the runtime checks the content against it, but
    // Tekton resolves the entrypoint of a step with no command (a script is one) with go-containerregistry, whose name.NewDigest reads sha256 only
    const algorithm = image.includes('$(') || chosenTemplate(image) !== undefined ? undefined : unsupportedDigestAlgorithm(image);
    if (algorithm !== undefined && isKubeletDigestPinned(image)) {
      const c = view.effective;
      // the stepTemplate by itself: each step that inherits the image is judged with its own command
      if (view.role !== 'step' || asArray(c?.command).length > 0 || (typeof c?.script === 'string' && c.script !== '')) return [];
      return [{
        property: 'image',
        value: image,
        problem: `has ${entrypointUnparsed(algorithm)}`,
        fix: `Pin it by its sha256 digest: "${image.slice(0, image.lastIndexOf('@'))}@sha256:<64 hex>", or give the step its command.`,
      }];
    }
    // any other digest the kubelet's reference parser refuses (kubeletRefusedDigest; distribution/reference v0.6.0, run here): no pod runs
    // it, whatever the step
    const refused = image.includes('$(') || chosenTemplate(image) !== undefined ? undefined : kubeletRefusedDigest(image);
    if (refused !== undefined) return [{ property: 'image', value: image, problem: `has ${refused}, so no pod can run it`, fix: refusedDigestFix(image) }];
    return [{
      property: 'image',
      value: image,
      problem: 'is not pinned by digest',
      fix: `Use "${repositoryOf(image)}@sha256:<64 hex>".`,
    }];
  },
  { includeStepTemplate: true },
);

/** The fix of an image whose digest the kubelet refuses (kubeletRefusedDigest): its sha256 digest, whole. */
function refusedDigestFix(image: string): string {
  return /@sha256:[^@]*$/.test(image) ? `Pin it by its whole sha256 digest: "${repositoryOf(image)}@sha256:<64 hex>".` : `Pin it by its sha256 digest: "${repositoryOf(image)}@sha256:<64 hex>".`;
}

/**
 * The repository written before a substitution that stands where the tag goes (`alpine:$(params.tag)`,
 * `registry:5000/team/app:v$(params.v)`): the run then picks a tag of it, not the image. Undefined
 * when anything before the substitution is not literal text, or it is not in the tag.
 */
function taggedRepository(image: string, substitution: string): string | undefined {
  const before = image.slice(0, image.indexOf(substitution));
  if (before.includes('$(') || before.includes('{{') || before.includes('@')) return undefined;
  const colon = before.indexOf(':', before.lastIndexOf('/') + 1);
  const repository = colon > 0 ? before.slice(0, colon) : '';
  return /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/i.test(repository) ? repository : undefined;
}
