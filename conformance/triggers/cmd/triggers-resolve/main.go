// Command triggers-resolve runs the code Tekton Triggers' EventListener sink runs (github.com/tektoncd/triggers
// v0.37.0, pkg/sink processTrigger) to turn an event into the objects a trigger creates: the trigger's
// bindings resolved to params (pkg/template ResolveTrigger), each `$(…)` of their values read from the
// event (ResolveParams: the JSONPath of body, header and extensions, with the TriggerTemplate's
// defaults), then the params pasted into the TriggerTemplate's resource templates (ResolveResources,
// with or without the annotation triggers.tekton.dev/old-escape-quotes), and each resulting text
// read as pkg/resources Create reads it before it asks the API server (unstructured.UnmarshalJSON).
//
// Usage:
//
//	triggers-resolve < queries.jsonl
//
// Each input line is one JSON query:
//
//	{"template": {"metadata": {"annotations": {...}}, "spec": {"params": [...], "resourcetemplates": [...]}},
//	 "bindings": [{"name": "title", "value": "$(body.title)"}, {"ref": "tb"}, {"ref": "ctb", "kind": "ClusterTriggerBinding"}],
//	 "triggerBindings": [{"metadata": {"name": "tb"}, "spec": {"params": [...]}}],
//	 "clusterTriggerBindings": [...],
//	 "event": {"body": "{\"title\": \"a\"}", "header": {"X-Github-Event": ["push"]}, "extensions": {}}}
//
// `template` is the TriggerTemplate the trigger's `template.ref` names (an inline `template.spec`
// is one without annotations, as ResolveTrigger makes it); `bindings` the trigger's bindings, whose
// `ref`s name the TriggerBindings and ClusterTriggerBindings given; `event.body` the request's body
// as bytes (a string), `header` its headers, `extensions` what the interceptors added.
//
// Each resource template is first written as the API server hands the TriggerTemplate to the
// sink's informer: its JSON re-encoded by encoding/json from the stored object (keys sorted, no
// spaces; `<`, `>` and `&` in strings as \u003c, \u003e, \u0026), so that the order of the fields
// a pasted value may move is the order Triggers pastes into.
//
// Triggers pastes the params in the order of a Go map (convertParamMapToArray), different from
// one event to the next, and a value pasted first may hold the variable of a param pasted after it
// (`$(` of a value becomes `$$(`, which still holds `$(tt.params.x)`). The command pastes them in
// every order (for up to 5 params; else in the order of their names and its reverse), with the
// uid `$(uid)` fixed to 00000000-0000-0000-0000-000000000000, and answers each distinct result once:
//
//	{"params": [{"name": "title", "value": "a"}],
//	 "results": [[{"json": "{...}", "object": {...}}, {"json": "{...", "error": "couldn't unmarshal ..."}]]}
//	{"error": "...", "stage": "resolve" | "params" | "input"}
//
// `results` holds one list per distinct outcome, one entry per resource template, in order: the
// text Triggers makes (`json`) and the object it reads from it, or the error with which Create
// refuses it (the sink then creates none of the templates after it). `stage` says where Triggers
// stops: "resolve" ResolveTrigger (a binding that names nothing, a duplicate param), "params"
// ResolveParams (a JSONPath the event does not answer and no default), "input" the query itself.
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	triggersv1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	"github.com/tektoncd/triggers/pkg/template"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

type event struct {
	Body       string                 `json:"body"`
	Header     http.Header            `json:"header"`
	Extensions map[string]interface{} `json:"extensions"`
}

type query struct {
	Template               triggersv1.TriggerTemplate         `json:"template"`
	Bindings               []*triggersv1.TriggerSpecBinding   `json:"bindings"`
	TriggerBindings        []triggersv1.TriggerBinding        `json:"triggerBindings"`
	ClusterTriggerBindings []triggersv1.ClusterTriggerBinding `json:"clusterTriggerBindings"`
	Event                  event                              `json:"event"`
}

type resource struct {
	JSON   string                 `json:"json"`
	Object map[string]interface{} `json:"object,omitempty"`
	Error  string                 `json:"error,omitempty"`
}

// maxPermuted is the most params pasted in every order.
const maxPermuted = 5

func main() {
	template.UUID = func() string { return "00000000-0000-0000-0000-000000000000" }
	if err := jsonlines.Answer(os.Stdin, os.Stdout, func(line []byte) (any, error) { return answer(line), nil }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func failed(stage string, err error) map[string]interface{} {
	return map[string]interface{}{"stage": stage, "error": err.Error()}
}

func answer(line []byte) map[string]interface{} {
	var q query
	if err := json.Unmarshal(line, &q); err != nil {
		return failed("input", err)
	}
	// the resource templates as the API server serializes the stored TriggerTemplate
	for i, rt := range q.Template.Spec.ResourceTemplates {
		var v interface{}
		if err := json.Unmarshal(rt.Raw, &v); err != nil {
			return failed("input", err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return failed("input", err)
		}
		q.Template.Spec.ResourceTemplates[i] = triggersv1.TriggerResourceTemplate{RawExtension: runtime.RawExtension{Raw: b}}
	}
	tt := q.Template
	ref := "template"
	trigger := triggersv1.Trigger{Spec: triggersv1.TriggerSpec{Bindings: q.Bindings, Template: triggersv1.TriggerSpecTemplate{Ref: &ref}}}
	getTB := func(name string) (*triggersv1.TriggerBinding, error) {
		for i := range q.TriggerBindings {
			if q.TriggerBindings[i].Name == name {
				return &q.TriggerBindings[i], nil
			}
		}
		return nil, fmt.Errorf("triggerbinding.triggers.tekton.dev %q not found", name)
	}
	getCTB := func(name string) (*triggersv1.ClusterTriggerBinding, error) {
		for i := range q.ClusterTriggerBindings {
			if q.ClusterTriggerBindings[i].Name == name {
				return &q.ClusterTriggerBindings[i], nil
			}
		}
		return nil, fmt.Errorf("clustertriggerbinding.triggers.tekton.dev %q not found", name)
	}
	getTT := func(string) (*triggersv1.TriggerTemplate, error) { return &tt, nil }
	rt, err := template.ResolveTrigger(trigger, getTB, getCTB, getTT)
	if err != nil {
		return failed("resolve", err)
	}
	extensions := q.Event.Extensions
	if extensions == nil {
		extensions = map[string]interface{}{}
	}
	params, err := template.ResolveParams(rt, []byte(q.Event.Body), q.Event.Header, extensions, template.NewTriggerContext("event"))
	if err != nil {
		return failed("params", err)
	}
	sort.Slice(params, func(i, j int) bool { return params[i].Name < params[j].Name })

	var results [][]resource
	seen := map[string]bool{}
	for _, order := range orders(params) {
		var rs []resource
		for _, raw := range template.ResolveResources(rt.TriggerTemplate, order) {
			r := resource{JSON: string(raw)}
			// what pkg/resources Create reads before it asks the API server
			data := new(unstructured.Unstructured)
			if err := data.UnmarshalJSON(raw); err != nil {
				r.Error = fmt.Sprintf("couldn't unmarshal json from the TriggerTemplate: %v", err)
			} else {
				r.Object = data.Object
			}
			rs = append(rs, r)
		}
		key, _ := json.Marshal(rs)
		if !seen[string(key)] {
			seen[string(key)] = true
			results = append(results, rs)
		}
	}
	return map[string]interface{}{"params": params, "results": results}
}

// orders is every order of params, or, for more than maxPermuted, theirs and its reverse.
func orders(params []triggersv1.Param) [][]triggersv1.Param {
	if len(params) > maxPermuted {
		rev := make([]triggersv1.Param, len(params))
		for i, p := range params {
			rev[len(params)-1-i] = p
		}
		return [][]triggersv1.Param{params, rev}
	}
	var out [][]triggersv1.Param
	var permute func(rest, done []triggersv1.Param)
	permute = func(rest, done []triggersv1.Param) {
		if len(rest) == 0 {
			out = append(out, append([]triggersv1.Param(nil), done...))
			return
		}
		for i := range rest {
			next := append(append([]triggersv1.Param(nil), rest[:i]...), rest[i+1:]...)
			permute(next, append(done, rest[i]))
		}
	}
	permute(params, nil)
	return out
}
