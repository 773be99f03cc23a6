// Command tekton-convert converts Tekton objects of an older API version to the
// version the API server stores, with Tekton's own conversion code (the version
// pinned in go.mod), as Tekton's conversion webhook does.
//
// Usage:
//
//	tekton-convert < objects.jsonl
//
// It reads one JSON object a line: a tekton.dev/v1beta1 Task, Pipeline, TaskRun
// or PipelineRun (converted to tekton.dev/v1), or a tekton.dev/v1alpha1
// StepAction (converted to tekton.dev/v1beta1). For each it prints one JSON line,
// in order:
//
//	{"apiVersion", "kind", "converted": {...}, "stored": {...}}
//
// where `converted` is what the source object's ConvertTo makes of it, and
// `stored` is what the webhook answers the API server (knative.dev/pkg's
// conversion reconciler, configured in Tekton's cmd/webhook/main.go): the input
// decoded with encoding/json (unknown fields dropped, not refused), converted
// through the hub version (v1beta1 for the pipeline kinds, v1alpha1 for
// StepAction) with ConvertTo, given the target GroupVersionKind and then the
// target's SetDefaults (with Tekton's default configuration), and encoded with
// encoding/json. An object that cannot be converted gives {"error"} (the message
// the webhook returns); a line that is not a JSON object, or an apiVersion/kind
// it does not convert, gives {"error"} too.
//
// Exit status: 0 when every line was answered (errors included), 2 when the
// input cannot be read.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"knative.dev/pkg/apis"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

// convertible is what the conversion reconciler needs of a type.
type convertible interface {
	apis.Convertible
	runtime.Object
}

// conversion is one source kind: new objects of the source and target types.
type conversion struct {
	target schema.GroupVersionKind
	source func() convertible
	sink   func() convertible
}

var conversions = map[schema.GroupVersionKind]conversion{
	v1beta1.SchemeGroupVersion.WithKind("Task"): {
		target: v1.SchemeGroupVersion.WithKind("Task"),
		source: func() convertible { return &v1beta1.Task{} },
		sink:   func() convertible { return &v1.Task{} },
	},
	v1beta1.SchemeGroupVersion.WithKind("Pipeline"): {
		target: v1.SchemeGroupVersion.WithKind("Pipeline"),
		source: func() convertible { return &v1beta1.Pipeline{} },
		sink:   func() convertible { return &v1.Pipeline{} },
	},
	v1beta1.SchemeGroupVersion.WithKind("TaskRun"): {
		target: v1.SchemeGroupVersion.WithKind("TaskRun"),
		source: func() convertible { return &v1beta1.TaskRun{} },
		sink:   func() convertible { return &v1.TaskRun{} },
	},
	v1beta1.SchemeGroupVersion.WithKind("PipelineRun"): {
		target: v1.SchemeGroupVersion.WithKind("PipelineRun"),
		source: func() convertible { return &v1beta1.PipelineRun{} },
		sink:   func() convertible { return &v1.PipelineRun{} },
	},
	v1alpha1.SchemeGroupVersion.WithKind("StepAction"): {
		target: v1beta1.SchemeGroupVersion.WithKind("StepAction"),
		source: func() convertible { return &v1alpha1.StepAction{} },
		sink:   func() convertible { return &v1beta1.StepAction{} },
	},
}

type answer struct {
	APIVersion string          `json:"apiVersion,omitempty"`
	Kind       string          `json:"kind,omitempty"`
	Converted  json.RawMessage `json:"converted,omitempty"`
	Stored     json.RawMessage `json:"stored,omitempty"`
	Error      string          `json:"error,omitempty"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	if err := jsonlines.Answer(stdin, stdout, func(line []byte) (any, error) { return convert(context.Background(), line), nil }); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}

// convert does what knative.dev/pkg/webhook/resourcesemantics/conversion's
// reconciler does for one object whose source version is the hub (v1beta1 for
// Task, Pipeline, TaskRun, PipelineRun; v1alpha1 for StepAction).
func convert(ctx context.Context, raw []byte) answer {
	var meta struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return answer{Error: fmt.Sprintf("error parsing type meta: %v", err)}
	}
	gv, err := schema.ParseGroupVersion(meta.APIVersion)
	if err != nil {
		return answer{Error: err.Error()}
	}
	c, ok := conversions[gv.WithKind(meta.Kind)]
	if !ok {
		return answer{Error: fmt.Sprintf("no conversion for %s %s", meta.APIVersion, meta.Kind)}
	}
	a := answer{APIVersion: c.target.GroupVersion().String(), Kind: c.target.Kind}

	// the reconciler decodes with encoding/json into the source type (the hub)
	in := c.source()
	if err := json.Unmarshal(raw, &in); err != nil {
		return answer{Error: fmt.Sprintf("unable to unmarshal input: %v", err)}
	}
	sink := c.sink()
	if err := in.ConvertTo(ctx, sink); err != nil {
		return answer{Error: fmt.Sprintf("conversion failed to version %s for type %s -  %v", c.target.Version, gv.WithKind(meta.Kind), err)}
	}
	sink.GetObjectKind().SetGroupVersionKind(c.target)
	if a.Converted, err = json.Marshal(sink); err != nil {
		return answer{Error: fmt.Sprintf("unable to marshal output: %v", err)}
	}
	if d, ok := sink.(apis.Defaultable); ok {
		d.SetDefaults(ctx)
	}
	if a.Stored, err = json.Marshal(sink); err != nil {
		return answer{Error: fmt.Sprintf("unable to marshal output: %v", err)}
	}
	return a
}
