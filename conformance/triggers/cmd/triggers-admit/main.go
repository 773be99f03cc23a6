// Command triggers-admit says what Tekton Triggers (github.com/tektoncd/triggers v0.37.0) makes of a
// Trigger or EventListener (v1beta1 or v1alpha1): whether its admission webhooks admit it, and, for a
// v1beta1 one, what the EventListener's sink does when it runs each chain of interceptors it holds.
//
// Usage:
//
//	triggers-admit < objects.jsonl
//
// Each input line is one object (JSON). Admission runs as cmd/webhook serves it: the object decoded
// as knative's admission controllers decode it (knative.dev/pkg/webhook/json.Decode, unknown fields
// refused), then SetDefaults (the defaulting webhook) and Validate (the validating webhook), each
// with the context the webhooks give them (contexts.WithUpgradeViaDefaulting). A webhook that panics
// answers the API server no admission review, and the webhooks' failurePolicy is Fail, so a panic
// refuses the object too.
//
// The sink runs each chain (a Trigger's spec.interceptors; an EventListener's spec.triggers[i].interceptors
// of a trigger with a template, and spec.triggerGroups[i].interceptors) with Sink.ExecuteInterceptors on
// the object as defaulted (as decoded when defaulting panics), for an event `{}`: every ClusterInterceptor
// and namespaced Interceptor the chain names exists and answers `continue: true`, and a webhook entry's
// Service answers with the body it was sent (an http.RoundTripper of the command's own: nothing leaves
// the process). Each output line, in the order of the input:
//
//	{"admitted": false, "stage": "decode" | "defaults" | "validate", "error": "...", "panic": "...",
//	 "chains": [{"at": "spec.triggerGroups[0].interceptors", "continue": true, "error": "...", "panic": "..."}]}
//
// A chain that panics crashes the EventListener's process: the sink runs each trigger and trigger
// group in a goroutine of its own, which recovers nothing (pkg/sink HandleEvent).
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	"github.com/tektoncd/triggers/pkg/apis/triggers/contexts"
	triggersv1alpha1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1alpha1"
	triggersv1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	listersv1alpha1 "github.com/tektoncd/triggers/pkg/client/listers/triggers/v1alpha1"
	"github.com/tektoncd/triggers/pkg/sink"
	"go.uber.org/zap"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
	"knative.dev/pkg/apis"
	duckv1 "knative.dev/pkg/apis/duck/v1"
	webhookjson "knative.dev/pkg/webhook/json"
)

// interceptorHost is the host of every interceptor's address: the transport answers it `continue: true`.
const interceptorHost = "interceptor.invalid"

// transport answers an interceptor's request with `continue: true` and a webhook Service's with the body it was sent.
type transport struct{}

func (transport) RoundTrip(r *http.Request) (*http.Response, error) {
	body := []byte(`{"continue":true}`)
	if !strings.HasSuffix(r.URL.Hostname(), interceptorHost) {
		var err error
		if body, err = io.ReadAll(r.Body); err != nil {
			return nil, err
		}
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), Request: r}, nil
}

type chain struct {
	At       string `json:"at"`
	Continue bool   `json:"continue,omitempty"`
	Error    string `json:"error,omitempty"`
	Panic    string `json:"panic,omitempty"`
}

type answer struct {
	Admitted bool    `json:"admitted"`
	Stage    string  `json:"stage,omitempty"`
	Error    string  `json:"error,omitempty"`
	Panic    string  `json:"panic,omitempty"`
	Chains   []chain `json:"chains"`
}

// object is what the webhooks decode: a Trigger or an EventListener.
type object interface {
	apis.Defaultable
	apis.Validatable
}

// guarded runs f, answering what it panics with.
func guarded(f func()) (panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func main() {
	if err := jsonlines.Answer(os.Stdin, os.Stdout, func(line []byte) (any, error) { return admit(line), nil }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func admit(line []byte) answer {
	var meta metav1.TypeMeta
	if err := webhookjson.Decode(line, &meta, false); err != nil {
		return answer{Stage: "decode", Error: err.Error()}
	}
	var obj object
	switch meta.APIVersion + " " + meta.Kind {
	case "triggers.tekton.dev/v1beta1 Trigger":
		obj = &triggersv1.Trigger{}
	case "triggers.tekton.dev/v1beta1 EventListener":
		obj = &triggersv1.EventListener{}
	case "triggers.tekton.dev/v1alpha1 Trigger":
		obj = &triggersv1alpha1.Trigger{}
	case "triggers.tekton.dev/v1alpha1 EventListener":
		obj = &triggersv1alpha1.EventListener{}
	default:
		return answer{Stage: "decode", Error: "not a Trigger or an EventListener of triggers.tekton.dev v1beta1 or v1alpha1: " + meta.APIVersion + " " + meta.Kind}
	}
	if err := webhookjson.Decode(line, obj, true); err != nil {
		return answer{Stage: "decode", Error: err.Error()}
	}
	ctx := contexts.WithUpgradeViaDefaulting(context.Background())
	a := answer{Admitted: true}
	// the defaulting webhook's SetDefaults works on the object the sink reads (a copy is validated as decoded when it panics)
	if p := guarded(func() { obj.SetDefaults(ctx) }); p != "" {
		a = answer{Stage: "defaults", Panic: p}
	} else if p := guarded(func() {
		if err := obj.Validate(ctx); err != nil {
			a = answer{Stage: "validate", Error: err.Error()}
		}
	}); p != "" {
		a = answer{Stage: "validate", Panic: p}
	}
	a.Chains = chains(obj)
	return a
}

// chains runs each chain of interceptors of obj as the sink does.
func chains(obj object) []chain {
	type named struct {
		at string
		is []*triggersv1.TriggerInterceptor
	}
	var all []named
	switch o := obj.(type) {
	case *triggersv1.Trigger:
		all = append(all, named{"spec.interceptors", o.Spec.Interceptors})
	case *triggersv1.EventListener:
		for i, t := range o.Spec.Triggers {
			if t.Template != nil {
				all = append(all, named{fmt.Sprintf("spec.triggers[%d].interceptors", i), t.Interceptors})
			}
		}
		for i, g := range o.Spec.TriggerGroups {
			all = append(all, named{fmt.Sprintf("spec.triggerGroups[%d].interceptors", i), g.Interceptors})
		}
	}
	out := []chain{}
	// a v1alpha1 object has no chains here: the sink reads the v1beta1 object the API server converts it to
	for _, n := range all {
		c := chain{At: n.at}
		if p := guarded(func() {
			cont, err := run(n.is)
			c.Continue = cont
			if err != nil {
				c.Error = err.Error()
			}
		}); p != "" {
			c = chain{At: n.at, Panic: p}
		}
		out = append(out, c)
	}
	return out
}

// run runs one chain with Sink.ExecuteInterceptors, every interceptor it names existing.
func run(is []*triggersv1.TriggerInterceptor) (bool, error) {
	clusterScoped := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	namespaced := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for _, i := range is {
		if i == nil || i.Ref.Name == "" {
			continue
		}
		address := duckv1.AddressStatus{Address: &duckv1.Addressable{URL: &apis.URL{Scheme: "http", Host: i.Ref.Name + "." + interceptorHost}}}
		_ = clusterScoped.Add(&triggersv1alpha1.ClusterInterceptor{ObjectMeta: metav1.ObjectMeta{Name: i.Ref.Name},
			Status: triggersv1alpha1.ClusterInterceptorStatus{AddressStatus: address}})
		_ = namespaced.Add(&triggersv1alpha1.Interceptor{ObjectMeta: metav1.ObjectMeta{Name: i.Ref.Name, Namespace: "ci"},
			Status: triggersv1alpha1.InterceptorStatus{AddressStatus: address}})
	}
	s := sink.Sink{
		HTTPClient:               &http.Client{Transport: transport{}},
		EventListenerName:        "listener",
		EventListenerNamespace:   "ci",
		Logger:                   zap.NewNop().Sugar(),
		ClusterInterceptorLister: listersv1alpha1.NewClusterInterceptorLister(clusterScoped),
		InterceptorLister:        listersv1alpha1.NewInterceptorLister(namespaced),
	}
	u, _ := url.Parse("http://el-listener.ci.svc.cluster.local:8080/")
	req := &http.Request{Method: http.MethodPost, URL: u, Header: http.Header{"Content-Type": []string{"application/json"}}, Body: io.NopCloser(strings.NewReader("{}"))}
	_, _, resp, err := s.ExecuteInterceptors(is, req, []byte("{}"), zap.NewNop().Sugar(), "event", "namespaces/ci/triggers/t", "ci", map[string]interface{}{})
	if err != nil {
		return false, err
	}
	return resp == nil || resp.Continue, nil
}
