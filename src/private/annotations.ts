/**
 * Every annotation and label key the library writes or selects on, in one place.
 */

/** Prefix of the annotations that record relaxations: `secure-tekton/relax.<RULE>`. */
export const RELAXATION_ANNOTATION_PREFIX = 'secure-tekton/relax.';

/**
 * Annotation of the `<prefix>-remote-references` admission policy holding the reason given for
 * admitting pinned references a resolver fetches (TektonAdmissionPolicies `pinnedRemoteReferences`).
 */
export const PINNED_REMOTE_REFERENCES_ANNOTATION = 'secure-tekton/pinned-remote-references';

/**
 * Annotation of every ValidatingAdmissionPolicyBinding of TektonAdmissionPolicies whose
 * enforcement action is weaker than Deny, holding the reason given (`enforcementReason`).
 */
export const ENFORCEMENT_REASON_ANNOTATION = 'secure-tekton/enforcement-action';

/**
 * Annotation holding a digest of the object as the library wrote it (this
 * annotation left out), so a reader can tell whether it was edited afterwards.
 */
export const SEAL_ANNOTATION = 'secure-tekton/seal';

/** Label Tekton puts on every TaskRun pod of a pipeline run: the Pipeline's name. */
export const PIPELINE_LABEL = 'tekton.dev/pipeline';
/**
 * Label the library writes on a SecurePipeline's Pipeline: its own name. Tekton never sets it,
 * but copies it from the Pipeline onto each PipelineRun of it, from there onto every TaskRun and
 * pod (tektoncd/pipeline v1.15 storePipelineSpecAndMergeMeta, createChildResourceLabels,
 * pkg/pod/pod.go makeLabels): the pipeline's NetworkPolicies select its pods by it, so that
 * a run embedding its pipelineSpec (whose `tekton.dev/pipeline` is its own name, or a label it
 * sets itself) cannot take a pipeline's egress. Runs, Tasks and Pipelines may not set it
 * otherwise (RUN_POD_OVERRIDES).
 */
export const SECURE_PIPELINE_LABEL = 'secure-tekton/pipeline';
/** Label Tekton puts on every TaskRun (and its pod) of a pipeline run: the pipeline task's name. */
export const PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';

/**
 * The labels Tekton gives the TaskRuns (and so the pods) of a PipelineRun's tasks, with the one
 * it copies from a SecurePipeline's Pipeline, which the pipeline's NetworkPolicies select them
 * by: a run or Task must not set them itself.
 */
export const PIPELINE_POD_LABELS: readonly string[] = [PIPELINE_LABEL, PIPELINE_TASK_LABEL, 'tekton.dev/pipelineRun', 'tekton.dev/memberOf', SECURE_PIPELINE_LABEL];

/** Label Tekton gives a TaskRun (and its pod) that runs a Task by `taskRef`: the Task's name. */
export const TASK_LABEL = 'tekton.dev/task';
/** Label Tekton gives the TaskRuns (and pods) of a PipelineRun's tasks: `tasks` or `finally`. */
export const MEMBER_OF_LABEL = 'tekton.dev/memberOf';
/** Labels whose values Tekton and the API server make per run: the names and UIDs of the PipelineRun and TaskRun of a pod. */
export const PER_RUN_LABELS: readonly string[] = ['tekton.dev/pipelineRun', 'tekton.dev/pipelineRunUID', 'tekton.dev/taskRun', 'tekton.dev/taskRunUID'];
/**
 * The labels by which Tekton lists the children (TaskRuns, CustomRuns, child PipelineRuns) of a PipelineRun, which it gives them:
 * the PipelineRun's name and UID (tektoncd/pipeline v1.15 pipelinerun.go createChildResourceLabels).
 */
export const CHILD_OF_PIPELINE_RUN_LABELS: readonly string[] = ['tekton.dev/pipelineRun', 'tekton.dev/pipelineRunUID'];
/** Label Tekton sets on every pod it makes, over the TaskRun's own (pkg/pod/pod.go makeLabels). */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Label Kubernetes puts on every Namespace: its name (NetworkPolicy namespace selectors). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Prefix of the Pod Security Admission labels of a Namespace. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** Tekton's credential annotation of a Git Secret: `tekton.dev/git-0`. */
export const TEKTON_GIT_CREDENTIAL_ANNOTATION = 'tekton.dev/git-0';
/** Tekton's credential annotation of a registry Secret: `tekton.dev/docker-0`. */
export const TEKTON_DOCKER_CREDENTIAL_ANNOTATION = 'tekton.dev/docker-0';
/** The prefix of the annotations Tekton's creds-init reads on a basic-auth registry Secret (`tekton.dev/docker-0` …). */
export const TEKTON_DOCKER_CREDENTIAL_PREFIX = 'tekton.dev/docker-';
/** The prefix of the annotations Tekton's creds-init reads on a basic-auth or SSH Git Secret (`tekton.dev/git-0` …). */
export const TEKTON_GIT_CREDENTIAL_PREFIX = 'tekton.dev/git-';

/** Labels of Tekton's configuration ConfigMaps in its release YAML. */
export const TEKTON_CONFIG_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/instance': 'default',
  'app.kubernetes.io/part-of': 'tekton-pipelines',
};
