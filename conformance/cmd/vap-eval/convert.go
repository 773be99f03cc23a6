package main

import (
	"context"
	"encoding/json"
	"fmt"

	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apiserver/pkg/admission"
	"knative.dev/pkg/apis"
)

// convertible is a Tekton type that converts to and from its hub version
// (knative's apis.Convertible, as Tekton's conversion webhook uses it).
type convertible interface {
	runtime.Object
	apis.Convertible
}

// tektonKind is one Tekton kind served at several versions: the hub version
// (stored) and the other versions, each converted through the hub by Tekton's
// own conversion code, as the API server does through Tekton's conversion webhook.
type tektonKind struct {
	resource string
	kind     string
	hub      string
	newHub   func() convertible
	others   map[string]func() convertible
}

var tektonKinds = []tektonKind{
	{resource: "tasks", kind: "Task", hub: "v1", newHub: func() convertible { return &v1.Task{} },
		others: map[string]func() convertible{"v1beta1": func() convertible { return &v1beta1.Task{} }}},
	{resource: "pipelines", kind: "Pipeline", hub: "v1", newHub: func() convertible { return &v1.Pipeline{} },
		others: map[string]func() convertible{"v1beta1": func() convertible { return &v1beta1.Pipeline{} }}},
	{resource: "taskruns", kind: "TaskRun", hub: "v1", newHub: func() convertible { return &v1.TaskRun{} },
		others: map[string]func() convertible{"v1beta1": func() convertible { return &v1beta1.TaskRun{} }}},
	{resource: "pipelineruns", kind: "PipelineRun", hub: "v1", newHub: func() convertible { return &v1.PipelineRun{} },
		others: map[string]func() convertible{"v1beta1": func() convertible { return &v1beta1.PipelineRun{} }}},
	{resource: "stepactions", kind: "StepAction", hub: "v1beta1", newHub: func() convertible { return &v1beta1.StepAction{} },
		others: map[string]func() convertible{"v1alpha1": func() convertible { return &v1alpha1.StepAction{} }}},
}

const tektonGroup = "tekton.dev"

// objectInterfaces are the API server's view of the served resources, limited to
// Tekton's: which resources are equivalent (for matchPolicy Equivalent), and how
// an object of one version becomes another (Tekton's conversion code).
type objectInterfaces struct {
	registry runtime.EquivalentResourceRegistry
}

func newObjectInterfaces() *objectInterfaces {
	registry := runtime.NewEquivalentResourceRegistry()
	for _, k := range tektonKinds {
		versions := []string{k.hub}
		for v := range k.others {
			versions = append(versions, v)
		}
		for _, v := range versions {
			// every Tekton CRD declares the status subresource (subresources: status), which the
			// API server registers as equivalent across versions too (apiextensions-apiserver's crdHandler)
			for _, sub := range []string{"", "status"} {
				registry.RegisterKindFor(schema.GroupVersionResource{Group: tektonGroup, Version: v, Resource: k.resource}, sub,
					schema.GroupVersionKind{Group: tektonGroup, Version: v, Kind: k.kind})
			}
		}
	}
	return &objectInterfaces{registry: registry}
}

var _ admission.ObjectInterfaces = &objectInterfaces{}

func (o *objectInterfaces) GetObjectCreater() runtime.ObjectCreater     { return o }
func (o *objectInterfaces) GetObjectTyper() runtime.ObjectTyper         { return nil }
func (o *objectInterfaces) GetObjectDefaulter() runtime.ObjectDefaulter { return nil }
func (o *objectInterfaces) GetObjectConvertor() runtime.ObjectConvertor { return o }
func (o *objectInterfaces) GetEquivalentResourceMapper() runtime.EquivalentResourceMapper {
	return o.registry
}

// New creates an empty object of a kind (unstructured, as for custom resources).
func (o *objectInterfaces) New(gvk schema.GroupVersionKind) (runtime.Object, error) {
	u := &unstructured.Unstructured{}
	u.SetGroupVersionKind(gvk)
	return u, nil
}

// Convert converts an unstructured Tekton object to the version of out, through
// the hub version, with Tekton's ConvertTo and ConvertFrom.
func (o *objectInterfaces) Convert(in, out, _ interface{}) error {
	src, ok := in.(*unstructured.Unstructured)
	if !ok {
		return fmt.Errorf("cannot convert %T", in)
	}
	dst, ok := out.(*unstructured.Unstructured)
	if !ok {
		return fmt.Errorf("cannot convert to %T", out)
	}
	converted, err := convertTekton(src, dst.GroupVersionKind())
	if err != nil {
		return err
	}
	dst.Object = converted.Object
	return nil
}

func (o *objectInterfaces) ConvertToVersion(in runtime.Object, gv runtime.GroupVersioner) (runtime.Object, error) {
	src, ok := in.(*unstructured.Unstructured)
	if !ok {
		return nil, fmt.Errorf("cannot convert %T", in)
	}
	target, ok := gv.KindForGroupVersionKinds([]schema.GroupVersionKind{src.GroupVersionKind()})
	if !ok {
		return nil, fmt.Errorf("no version of %v to convert to", src.GroupVersionKind())
	}
	return convertTekton(src, target)
}

func (o *objectInterfaces) ConvertFieldLabel(gvk schema.GroupVersionKind, label, value string) (string, string, error) {
	return "", "", fmt.Errorf("field labels are not supported")
}

// convertTekton converts an object of a Tekton kind between two served versions.
func convertTekton(src *unstructured.Unstructured, to schema.GroupVersionKind) (*unstructured.Unstructured, error) {
	from := src.GroupVersionKind()
	if from == to {
		return src.DeepCopy(), nil
	}
	var kind *tektonKind
	for i := range tektonKinds {
		if tektonKinds[i].kind == from.Kind && from.Group == tektonGroup && to.Group == tektonGroup && to.Kind == from.Kind {
			kind = &tektonKinds[i]
		}
	}
	if kind == nil {
		return nil, fmt.Errorf("no conversion from %v to %v", from, to)
	}
	ctx := context.Background()
	// to the hub
	hub := kind.newHub()
	if from.Version == kind.hub {
		if err := decode(src, hub); err != nil {
			return nil, err
		}
	} else {
		newOther, ok := kind.others[from.Version]
		if !ok {
			return nil, fmt.Errorf("version %s of %s is not served", from.Version, from.Kind)
		}
		other := newOther()
		if err := decode(src, other); err != nil {
			return nil, err
		}
		if err := other.ConvertTo(ctx, hub); err != nil {
			return nil, fmt.Errorf("converting %v to %s: %w", from, kind.hub, err)
		}
	}
	// from the hub
	var result runtime.Object = hub
	if to.Version != kind.hub {
		newOther, ok := kind.others[to.Version]
		if !ok {
			return nil, fmt.Errorf("version %s of %s is not served", to.Version, to.Kind)
		}
		other := newOther()
		if err := other.ConvertFrom(ctx, hub); err != nil {
			return nil, fmt.Errorf("converting %s to %v: %w", kind.hub, to, err)
		}
		result = other
	}
	out, err := encode(result)
	if err != nil {
		return nil, err
	}
	// what the typed structs add that was not written: an empty status, a null creationTimestamp
	if _, ok := src.Object["status"]; !ok {
		delete(out.Object, "status")
	}
	if _, ok, _ := unstructured.NestedFieldNoCopy(src.Object, "metadata", "creationTimestamp"); !ok {
		unstructured.RemoveNestedField(out.Object, "metadata", "creationTimestamp")
	}
	out.SetGroupVersionKind(to)
	return out, nil
}

// decode reads an unstructured object into a typed one through JSON, as the
// conversion webhook does (fields its types do not know are dropped).
func decode(u *unstructured.Unstructured, into runtime.Object) error {
	raw, err := json.Marshal(u.Object)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}

// encode writes a typed object as unstructured JSON (integers as int64, as the API server decodes them).
func encode(obj runtime.Object) (*unstructured.Unstructured, error) {
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := utiljson.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	return &unstructured.Unstructured{Object: m}, nil
}
