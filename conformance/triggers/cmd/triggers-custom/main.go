// Command triggers-custom says what Tekton Triggers' controller (github.com/tektoncd/triggers v0.37.0)
// reads of an EventListener's spec.resources.customResource: the object as the API server stores it
// (decoded into an unstructured map, written back by encoding/json, which sorts a map's keys by their
// bytes at every depth), then its customResource's JSON decoded as custom.go MakeCustomObject decodes
// it (json.NewDecoder into a knative duckv1.WithPod: keys matched case-insensitively, a later key
// decoded over an earlier one, a slice's entries past its length reused).
//
// Usage:
//
//	triggers-custom < eventlisteners.jsonl
//
// Each input line is one EventListener (JSON), as kubectl sends it. Each output line, in the order of
// the input, is what MakeCustomObject keeps of the decoded object:
//
//	{"kind", "apiVersion", "namespace", "labels", "templateLabels", "annotations",
//	 "pod": {"serviceAccountName", "tolerations", "nodeSelector", "affinity", "topologySpreadConstraints", "containers"}}
//
// (each container with its env and resources only), or {"error": "..."} where the API server or the
// decoding fails, or {} for an EventListener without a customResource.
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	duckv1 "knative.dev/pkg/apis/duck/v1"
)

type container struct {
	Env       []corev1.EnvVar             `json:"env,omitempty"`
	Resources corev1.ResourceRequirements `json:"resources"`
}

type pod struct {
	ServiceAccountName        string                            `json:"serviceAccountName,omitempty"`
	Tolerations               []corev1.Toleration               `json:"tolerations,omitempty"`
	NodeSelector              map[string]string                 `json:"nodeSelector,omitempty"`
	Affinity                  *corev1.Affinity                  `json:"affinity,omitempty"`
	TopologySpreadConstraints []corev1.TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty"`
	Containers                []container                       `json:"containers,omitempty"`
}

type answer struct {
	Error          string            `json:"error,omitempty"`
	Kind           string            `json:"kind,omitempty"`
	APIVersion     string            `json:"apiVersion,omitempty"`
	Namespace      string            `json:"namespace,omitempty"`
	Labels         map[string]string `json:"labels,omitempty"`
	TemplateLabels map[string]string `json:"templateLabels,omitempty"`
	Annotations    map[string]string `json:"annotations,omitempty"`
	Pod            *pod              `json:"pod,omitempty"`
}

func main() {
	if err := jsonlines.Answer(os.Stdin, os.Stdout, func(line []byte) (any, error) { return read(line), nil }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func read(line []byte) answer {
	// the API server: the object decoded into an unstructured map and written back (sorted keys)
	stored := &unstructured.Unstructured{}
	if err := stored.UnmarshalJSON(line); err != nil {
		return answer{Error: err.Error()}
	}
	custom, found, err := unstructured.NestedFieldNoCopy(stored.Object, "spec", "resources", "customResource")
	if err != nil {
		return answer{Error: err.Error()}
	}
	if !found || custom == nil {
		return answer{}
	}
	// the bytes of the customResource's runtime.RawExtension in the EventListener the controller reads
	raw, err := json.Marshal(custom)
	if err != nil {
		return answer{Error: err.Error()}
	}
	// custom.go MakeCustomObject
	original := &duckv1.WithPod{}
	decoder := json.NewDecoder(bytes.NewBuffer(raw))
	if err := decoder.Decode(&original); err != nil {
		return answer{Error: err.Error()}
	}
	if original == nil {
		original = &duckv1.WithPod{}
	}
	spec := original.Spec.Template.Spec
	p := &pod{
		ServiceAccountName:        spec.ServiceAccountName,
		Tolerations:               spec.Tolerations,
		NodeSelector:              spec.NodeSelector,
		Affinity:                  spec.Affinity,
		TopologySpreadConstraints: spec.TopologySpreadConstraints,
	}
	for _, c := range spec.Containers {
		p.Containers = append(p.Containers, container{Env: c.Env, Resources: c.Resources})
	}
	return answer{
		Kind:           original.Kind,
		APIVersion:     original.APIVersion,
		Namespace:      original.Namespace,
		Labels:         original.Labels,
		TemplateLabels: original.Spec.Template.Labels,
		Annotations:    original.Spec.Template.Annotations,
		Pod:            p,
	}
}
