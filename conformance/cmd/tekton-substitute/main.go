// Command tekton-substitute answers the task specs Tekton's controllers run for a PipelineRun
// or a TaskRun, with Tekton's own defaulting and substitution code (the version pinned in
// go.mod), as its reconcilers apply them before they make a pod.
//
// Usage:
//
//	tekton-substitute < requests.jsonl
//
// It reads one JSON request a line:
//
//	{"run": {...}, "pipeline": {...}, "tasks": [{...}], "stepActions": [{...}], "featureFlags": {...}}
//
// `run` is a tekton.dev/v1 PipelineRun or TaskRun; `pipeline` the Pipeline its pipelineRef
// names (when it embeds no pipelineSpec); `tasks` the Tasks the taskRefs name (by name);
// `stepActions` the tekton.dev/v1beta1 StepActions the steps' refs name (admitted first);
// `featureFlags` the data of the feature-flags ConfigMap (Tekton's defaults without it). For
// each request it prints one JSON line, in order:
//
//	{"taskRuns": [{"pipelineTask", "finally", "combination", "params", "when", "taskSpec"} | {"pipelineTask", "error"}]}
//
// or {"error"} for a run Tekton's admission or the pipeline reconciler refuses. Each object is
// validated as a copy: the validating webhook's changes are not stored (TaskRun validation merges
// a task's object defaults into the map of the run's own value, which the reconciler never sees).
// A PipelineRun is decoded with encoding/json, given the webhook's defaults (SetDefaults) and
// validated (Validate), and its pipeline spec checked and substituted as the PipelineRun
// reconciler does (pipelinerun.go: ValidateRequiredParametersProvided, ValidateParamTypesMatching,
// ValidateEnumParam with enable-param-enum on, ValidateObjectParamRequiredKeys, ValidateParamArrayIndex, ValidateTaskRunSpecs, then ApplyParametersToWorkspaceBindings,
// ApplyParameters, ApplyContexts, ApplyWorkspaces, then each pipeline task's ValidateOnError as validatePipelineSpecAfterApplyParameters checks it). Each pipeline task, `tasks` then `finally`,
// that runs a Task (embedded taskSpec or taskRef to one of `tasks`) gives one TaskRun per
// matrix combination (Matrix.FanOut; with enable-param-enum on, after ValidateParamEnumSubset on its params as written), made as createTaskRun makes it (ApplyPipelineTaskContexts,
// params: the combination then the pipeline task's params), given the webhook's defaults and
// validated; its steps that run StepActions are resolved (GetStepActionsData, the request's
// `stepActions` served by a fake Tekton client in the run's namespace), the task checked as
// ValidateResolvedTask checks it (every param without a default given, of its type: the TaskRun
// reconciler's prepare, and the PipelineRun reconciler's for each pipeline task), each string value
// within its param's enum with enable-param-enum on (ValidateEnumParam), its array indexes checked against the params' lengths (prepare's ValidateParamArrayIndex)
// and its task spec then substituted as the TaskRun reconciler does (taskrun.go
// applyParamsContextsResultsAndWorkspaces, and ApplyCredentialsPath). Each entry of a pipeline
// task carries its `when` as the pipeline level substituted it. Custom tasks are skipped. A pipeline task's embedded pipelineSpec (feature-flags'
// enable-api-fields "alpha") gives a child PipelineRun made as createChildPipelineRun makes it
// (the pipeline task's params once the parent's are applied, the spec as written), whose
// TaskRuns are answered in its place as "<pipeline task>/<its pipeline task>"; a pipelineRef
// is not followed. A TaskRun gives one entry. Task results (ApplyTaskResults) are not
// resolved: `$(tasks.<t>.results.<r>)` stays as written. When no TaskRun has an error, the
// pipeline tasks are then checked as the reconciler checks them before its first TaskRun
// (ValidatePipelineTaskResults, ValidatePipelineResults, ValidateOptionalWorkspaces, against the
// Tasks known: a pipeline task whose Task is not among `tasks` is read as a custom task), and a
// failure is {"error": "reconciler: <its PipelineRun reason>: <Tekton's message>"}.
//
// Exit status: 0 when every line was answered (errors included), 2 when the input cannot be read.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/tektoncd/pipeline/pkg/apis/config"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline"
	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1"
	fakeclient "github.com/tektoncd/pipeline/pkg/client/clientset/versioned/fake"
	prresources "github.com/tektoncd/pipeline/pkg/reconciler/pipelinerun/resources"
	"github.com/tektoncd/pipeline/pkg/reconciler/taskrun"
	trresources "github.com/tektoncd/pipeline/pkg/reconciler/taskrun/resources"
	"github.com/tektoncd/pipeline/pkg/workspace"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"knative.dev/pkg/apis"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

type request struct {
	Run      json.RawMessage `json:"run"`
	Pipeline *v1.Pipeline    `json:"pipeline,omitempty"`
	Tasks    []v1.Task       `json:"tasks,omitempty"`
	// StepActions are the StepActions the steps' refs name (tekton.dev/v1beta1, in the run's namespace).
	StepActions []v1beta1.StepAction `json:"stepActions,omitempty"`
	// FeatureFlags is the data of the feature-flags ConfigMap.
	FeatureFlags map[string]string `json:"featureFlags,omitempty"`
}

// stepActionsKey is the context key of the fake Tekton client that serves the request's StepActions.
type stepActionsKey struct{}

type taskRun struct {
	PipelineTask string    `json:"pipelineTask,omitempty"`
	Finally      bool      `json:"finally,omitempty"`
	Combination  int       `json:"combination"`
	Params       v1.Params `json:"params,omitempty"`
	// When is the pipeline task's when expressions once the pipeline level substituted them.
	When     v1.WhenExpressions `json:"when,omitempty"`
	TaskSpec *v1.TaskSpec       `json:"taskSpec,omitempty"`
	Error    string             `json:"error,omitempty"`
}

type answer struct {
	TaskRuns []taskRun `json:"taskRuns,omitempty"`
	Error    string    `json:"error,omitempty"`
	// Stack is where Tekton's code panicked, for an error that is a panic.
	Stack string `json:"stack,omitempty"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	if err := jsonlines.Answer(stdin, stdout, func(line []byte) (any, error) { return substitute(context.Background(), line), nil }); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}

func substitute(ctx context.Context, line []byte) (a answer) {
	defer func() {
		if r := recover(); r != nil {
			a = answer{Error: fmt.Sprintf("panic: %v", r), Stack: string(debug.Stack())}
		}
	}()
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		return answer{Error: err.Error()}
	}
	if req.FeatureFlags != nil {
		flags, err := config.NewFeatureFlagsFromMap(req.FeatureFlags)
		if err != nil {
			return answer{Error: "feature-flags: " + err.Error()}
		}
		cfg := *config.FromContextOrDefaults(ctx)
		cfg.FeatureFlags = flags
		ctx = config.ToContext(ctx, &cfg)
	}
	var meta metav1.TypeMeta
	if err := json.Unmarshal(req.Run, &meta); err != nil {
		return answer{Error: err.Error()}
	}
	var actions []runtime.Object
	for i := range req.StepActions {
		sa := req.StepActions[i].DeepCopy()
		sa.SetDefaults(ctx)
		if err := sa.DeepCopy().Validate(ctx); err != nil {
			return answer{Error: "admission: StepAction " + sa.Name + ": " + err.Error()}
		}
		actions = append(actions, sa)
	}
	ctx = context.WithValue(ctx, stepActionsKey{}, fakeclient.NewSimpleClientset(actions...))
	tasks := map[string]*v1.Task{}
	for i := range req.Tasks {
		t := &req.Tasks[i]
		t.SetDefaults(ctx)
		tasks[t.Name] = t
	}
	switch meta.Kind {
	case "PipelineRun":
		var pr v1.PipelineRun
		if err := json.Unmarshal(req.Run, &pr); err != nil {
			return answer{Error: err.Error()}
		}
		return pipelineRun(ctx, &pr, req.Pipeline, tasks)
	case "TaskRun":
		var tr v1.TaskRun
		if err := json.Unmarshal(req.Run, &tr); err != nil {
			return answer{Error: err.Error()}
		}
		tr.SetDefaults(ctx)
		if err := tr.DeepCopy().Validate(ctx); err != nil {
			return answer{Error: "admission: " + err.Error()}
		}
		var spec *v1.TaskSpec
		name := ""
		if tr.Spec.TaskSpec != nil {
			spec = tr.Spec.TaskSpec
		} else if tr.Spec.TaskRef != nil && tasks[tr.Spec.TaskRef.Name] != nil {
			spec = &tasks[tr.Spec.TaskRef.Name].Spec
			name = tr.Spec.TaskRef.Name
		} else {
			return answer{Error: "no task spec"}
		}
		ts, err := taskSpecOf(ctx, &tr, spec, name)
		if err != nil {
			return answer{TaskRuns: []taskRun{{Params: tr.Spec.Params, Error: err.Error()}}}
		}
		return answer{TaskRuns: []taskRun{{Params: tr.Spec.Params, TaskSpec: ts}}}
	}
	return answer{Error: fmt.Sprintf("not a run: %s %s", meta.APIVersion, meta.Kind)}
}

// pipelineRun does what the PipelineRun reconciler does (pipelinerun.go reconcile, createTaskRun).
func pipelineRun(ctx context.Context, pr *v1.PipelineRun, given *v1.Pipeline, tasks map[string]*v1.Task) answer {
	if pr.Namespace == "" {
		pr.Namespace = "default"
	}
	pr.UID = types.UID("00000000-0000-0000-0000-000000000001")
	pr.SetDefaults(ctx)
	if err := pr.DeepCopy().Validate(ctx); err != nil {
		return answer{Error: "admission: " + err.Error()}
	}
	var spec *v1.PipelineSpec
	pipelineName := pr.Name
	if pr.Spec.PipelineSpec != nil {
		spec = pr.Spec.PipelineSpec
	} else if given != nil {
		given.SetDefaults(ctx)
		if err := given.DeepCopy().Validate(ctx); err != nil {
			return answer{Error: "admission: " + err.Error()}
		}
		spec = &given.Spec
		pipelineName = given.Name
	} else {
		return answer{Error: "no pipeline spec"}
	}
	if err := spec.DeepCopy().Validate(ctx); err != nil {
		return answer{Error: "invalid spec: " + err.Error()}
	}
	if err := prresources.ValidateRequiredParametersProvided(&spec.Params, &pr.Spec.Params); err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	if err := prresources.ValidateParamTypesMatching(spec, pr); err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	// with feature-flags' enable-param-enum on, each string value within its param's enum (pipelinerun.go ValidateEnumParam)
	if config.FromContextOrDefaults(ctx).FeatureFlags.EnableParamEnum {
		if err := taskrun.ValidateEnumParam(ctx, pr.Spec.Params, spec.Params); err != nil {
			return answer{Error: "reconciler: InvalidParamValue: " + err.Error()}
		}
	}
	if err := prresources.ValidateObjectParamRequiredKeys(spec.Params, pr.Spec.Params); err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	if err := prresources.ValidateParamArrayIndex(spec, pr.Spec.Params); err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	// every taskRunSpecs entry names a pipeline task (pipelinerun.go ValidateTaskRunSpecs, reason InvalidTaskRunSpecs)
	if err := prresources.ValidateTaskRunSpecs(spec, pr); err != nil {
		return answer{Error: "reconciler: InvalidTaskRunSpecs: " + err.Error()}
	}
	prresources.ApplyParametersToWorkspaceBindings(pr)
	// the pipeline tasks as written, before the run's params are applied (pipelinerun.go originalTasks, read by ValidateParamEnumSubset)
	original := spec.DeepCopy()
	originalTasks := append(append([]v1.PipelineTask{}, original.Tasks...), original.Finally...)
	spec, err := prresources.ApplyParameters(spec, pr)
	if err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	spec = prresources.ApplyContexts(spec, pipelineName, pr)
	spec = prresources.ApplyWorkspaces(spec, pr)
	// the pipeline tasks' onError once the run's params are applied (pipelinerun.go validatePipelineSpecAfterApplyParameters,
	// reason PipelineValidationFailed)
	var onError *apis.FieldError
	for _, t := range append(append([]v1.PipelineTask{}, spec.Tasks...), spec.Finally...) {
		onError = onError.Also(t.ValidateOnError(ctx))
	}
	if onError != nil {
		return answer{Error: "reconciler: PipelineValidationFailed: " + onError.Error()}
	}

	var out []taskRun
	each := func(pts []v1.PipelineTask, finally bool) {
		for i := range pts {
			pt := &pts[i]
			var ts *v1.TaskSpec
			name := ""
			switch {
			case pt.PipelineSpec != nil:
				// a pipeline in a pipeline: a child PipelineRun given the pipeline task's params (createChildPipelineRun)
				applied := prresources.ApplyPipelineTaskContexts(pt, pr.Status, &prresources.PipelineRunFacts{})
				child := &v1.PipelineRun{
					ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("%s-%s", pr.Name, pt.Name), Namespace: pr.Namespace},
					Spec:       v1.PipelineRunSpec{Params: applied.Params, PipelineSpec: pt.PipelineSpec.DeepCopy()},
				}
				a := pipelineRun(ctx, child, nil, tasks)
				if a.Error != "" {
					out = append(out, taskRun{PipelineTask: pt.Name, Finally: finally, Error: "child PipelineRun: " + a.Error})
				}
				for _, t := range a.TaskRuns {
					t.PipelineTask = pt.Name + "/" + t.PipelineTask
					t.Finally = finally || t.Finally
					out = append(out, t)
				}
				continue
			case pt.TaskSpec != nil && pt.TaskSpec.IsCustomTask():
				continue
			case pt.TaskSpec != nil:
				ts = &pt.TaskSpec.TaskSpec
			case pt.TaskRef != nil && tasks[pt.TaskRef.Name] != nil:
				ts = &tasks[pt.TaskRef.Name].Spec
				name = pt.TaskRef.Name
			default:
				continue
			}
			// with enable-param-enum on, each pipeline param a pipeline task passes whole to a Task param with an enum
			// has an enum within it (pipelinerun.go ValidateParamEnumSubset, after ValidateResolvedTask, before any TaskRun)
			if subsetErr := enumSubset(ctx, originalTasks, pt.Name, spec.Params, name, ts); subsetErr != nil {
				out = append(out, taskRun{PipelineTask: pt.Name, Finally: finally, Error: "reconciler: PipelineValidationFailed: " + subsetErr.Error()})
				continue
			}
			var combinations []v1.Params
			if pt.IsMatrixed() {
				combinations = pt.Matrix.FanOut()
			} else {
				combinations = []v1.Params{nil}
			}
			for c, combination := range combinations {
				applied := prresources.ApplyPipelineTaskContexts(pt, pr.Status, &prresources.PipelineRunFacts{})
				params := append(append(v1.Params{}, combination...), applied.Params...)
				tr := &v1.TaskRun{
					TypeMeta:   metav1.TypeMeta{APIVersion: "tekton.dev/v1", Kind: "TaskRun"},
					ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("%s-%s-%d", pr.Name, pt.Name, c), Namespace: pr.Namespace, UID: types.UID("00000000-0000-0000-0000-000000000002")},
					Spec:       v1.TaskRunSpec{Params: params},
				}
				if name != "" {
					tr.Spec.TaskRef = &v1.TaskRef{Name: name}
				} else {
					tr.Spec.TaskSpec = ts.DeepCopy()
				}
				entry := taskRun{PipelineTask: pt.Name, Finally: finally, Combination: c, Params: params, When: pt.When}
				tr.SetDefaults(ctx)
				if err := tr.DeepCopy().Validate(ctx); err != nil {
					entry.Error = "admission: " + err.Error()
					out = append(out, entry)
					continue
				}
				if tr.Spec.TaskSpec != nil {
					ts = tr.Spec.TaskSpec
				}
				entry.TaskSpec, err = taskSpecOf(ctx, tr, ts, name)
				if err != nil {
					entry.Error = err.Error()
					entry.TaskSpec = nil
				}
				out = append(out, entry)
			}
		}
	}
	each(spec.Tasks, false)
	each(spec.Finally, true)
	for _, t := range out {
		if t.Error != "" {
			return answer{TaskRuns: out}
		}
	}
	// then, before the first TaskRun, the result references and optional workspaces against the resolved tasks
	if err := stateChecks(spec, tasks); err != nil {
		return answer{Error: "reconciler: " + err.Error()}
	}
	return answer{TaskRuns: out}
}

// enumSubset is the PipelineRun reconciler's ValidateParamEnumSubset for one pipeline task (run with feature-flags'
// enable-param-enum on): its params as written, before the run's are applied, against the pipeline's and its Task's enums.
func enumSubset(ctx context.Context, originalTasks []v1.PipelineTask, ptName string, pipelineParams v1.ParamSpecs, taskName string, ts *v1.TaskSpec) error {
	if !config.FromContextOrDefaults(ctx).FeatureFlags.EnableParamEnum {
		return nil
	}
	for _, o := range originalTasks {
		if o.Name == ptName {
			return prresources.ValidateParamEnumSubset(o.Params, pipelineParams, &trresources.ResolvedTask{TaskName: taskName, TaskSpec: ts})
		}
	}
	return nil
}

// stateChecks runs the checks the PipelineRun reconciler makes before its first TaskRun on the pipeline
// tasks as resolved (pipelinerun.go: ValidatePipelineTaskResults, ValidatePipelineResults,
// ValidateOptionalWorkspaces). A pipeline task whose Task is not among `tasks`, a custom task and a
// pipeline in a pipeline are read as custom tasks (their results are not checked).
func stateChecks(spec *v1.PipelineSpec, tasks map[string]*v1.Task) error {
	var state prresources.PipelineRunState
	for _, pts := range [][]v1.PipelineTask{spec.Tasks, spec.Finally} {
		for i := range pts {
			pt := &pts[i]
			rpt := &prresources.ResolvedPipelineTask{PipelineTask: pt}
			switch {
			case pt.TaskSpec != nil && !pt.TaskSpec.IsCustomTask() && pt.PipelineSpec == nil:
				rpt.ResolvedTask = &trresources.ResolvedTask{TaskSpec: &pt.TaskSpec.TaskSpec}
			case pt.TaskRef != nil && tasks[pt.TaskRef.Name] != nil && pt.PipelineSpec == nil:
				rpt.ResolvedTask = &trresources.ResolvedTask{TaskName: pt.TaskRef.Name, TaskSpec: &tasks[pt.TaskRef.Name].Spec}
			default:
				rpt.CustomTask = true
			}
			state = append(state, rpt)
		}
	}
	if err := prresources.ValidatePipelineTaskResults(state); err != nil {
		return fmt.Errorf("InvalidTaskResultReference: %w", err)
	}
	if err := prresources.ValidatePipelineResults(spec, state); err != nil {
		return fmt.Errorf("InvalidPipelineResultReference: %w", err)
	}
	if err := prresources.ValidateOptionalWorkspaces(spec.Workspaces, state); err != nil {
		return fmt.Errorf("RequiredWorkspaceMarkedOptional: %w", err)
	}
	return nil
}

// taskSpecOf is what the TaskRun reconciler substitutes into a task spec before it makes the pod
// (taskrun.go prepare's ValidateResolvedTask, applyParamsContextsResultsAndWorkspaces, ApplyCredentialsPath).
func taskSpecOf(ctx context.Context, tr *v1.TaskRun, spec *v1.TaskSpec, taskName string) (*v1.TaskSpec, error) {
	spec = spec.DeepCopy()
	// the steps that run a StepAction, resolved as prepare does (GetStepActionsData: the step's params, given the
	// task's values, into the StepAction's fields), before any of the task's own substitution
	client, _ := ctx.Value(stepActionsKey{}).(*fakeclient.Clientset)
	steps, err := trresources.GetStepActionsData(ctx, *spec, tr.DeepCopy(), client, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("reconciler: %w", err)
	}
	spec.Steps = steps
	rtr := &trresources.ResolvedTask{TaskName: taskName, TaskSpec: spec, Kind: v1.NamespacedTaskKind}
	// every param the task declares without a default given, of its type, and each value in its enum (prepare's
	// ValidateResolvedTask, which the PipelineRun reconciler also runs on each pipeline task before it makes the TaskRun)
	if err := taskrun.ValidateResolvedTask(ctx, tr.Spec.Params, &v1.Matrix{}, rtr); err != nil {
		return nil, fmt.Errorf("reconciler: %w", err)
	}
	// with feature-flags' enable-param-enum on, each string value within its param's enum (prepare's ValidateEnumParam; the
	// PipelineRun reconciler's createTaskRuns checks a pipeline task's values the same way before it makes the TaskRun)
	if config.FromContextOrDefaults(ctx).FeatureFlags.EnableParamEnum {
		if err := taskrun.ValidateEnumParam(ctx, tr.Spec.Params, rtr.TaskSpec.Params); err != nil {
			return nil, fmt.Errorf("reconciler: InvalidParamValue: %w", err)
		}
	}
	// no array index beyond the length of the run's array value, or of the default (prepare's ValidateParamArrayIndex)
	if err := trresources.ValidateParamArrayIndex(rtr.TaskSpec, tr.Spec.Params); err != nil {
		return nil, fmt.Errorf("reconciler: %w", err)
	}
	trresources.ApplyParametersToWorkspaceBindings(rtr.TaskSpec, tr)
	ts := rtr.TaskSpec.DeepCopy()
	var defaults []v1.ParamSpec
	if len(ts.Params) > 0 {
		defaults = append(defaults, ts.Params...)
	}
	ts = trresources.ApplyParameters(ts, tr, defaults...)
	ts = trresources.ApplyContexts(ts, rtr.TaskName, tr)
	ts = trresources.ApplyResults(ts)
	ts = trresources.ApplyArtifacts(ts)
	ts = trresources.ApplyStepExitCodePath(ts)
	names := map[string]bool{}
	for _, w := range ts.Workspaces {
		names[w.Name] = true
	}
	for _, w := range tr.Spec.Workspaces {
		if !names[w.Name] {
			ts.Workspaces = append(ts.Workspaces, v1.WorkspaceDeclaration{Name: w.Name})
		}
	}
	ts = trresources.ApplyWorkspaces(ctx, ts, ts.Workspaces, tr.Spec.Workspaces, workspace.CreateVolumes(tr.Spec.Workspaces))
	ts = trresources.ApplyCredentialsPath(ts, pipeline.CredsDir)
	return ts, nil
}
