// Command selector-eval answers how Kubernetes reads a label selector (metav1.LabelSelector):
// whether the API server admits it and which label sets it matches, with apimachinery's own
// code (the release of k8s.io/apimachinery in go.mod).
//
// Usage:
//
//	selector-eval < requests.jsonl
//
// Each input line is one JSON request:
//
//	{"selector": "{\"matchLabels\":{\"app\":null}}", "labels": [{"app": ""}, {}]}
//
// `selector` is the JSON text of the selector (a string, so that the text is read as written:
// a key given twice, a field in another case). It is decoded as the API server decodes JSON:
// sigs.k8s.io/json, case-sensitive field names, a null value of `matchLabels` or of `values`
// is "" (Go's zero value), a null list or map is none; with strict field validation (kubectl's
// default) an unknown field is refused, and the `strict` errors say so. A key given twice is
// what Go's decoder makes of it (a string the last value, a map field given twice the entries
// of both: the second decoded into the first), which YAML read as kubectl reads it never gives
// (sigs.k8s.io/yaml keeps the last, and the JSON it writes has each key once). It is then
// validated as the API server validates every built-in object's selector
// (metav1validation.ValidateLabelSelector, label values validated: the options of an object
// created) and turned into a labels.Selector (metav1.LabelSelectorAsSelector), which is what
// controllers match objects with; a nil selector (the text `null`) is labels.Nothing().
// Each output line, in the order of the input:
//
//	{"decoded": true, "null": false, "strict": ["..."], "invalid": ["..."],
//	 "asSelectorError": "...", "matches": [true, false]}
//
// `decoded` is false (and nothing else is given but `error`) when the text does not decode
// into a LabelSelector at all (a number where a string is, a list where a map is). `invalid`
// lists what ValidateLabelSelector refuses; `asSelectorError` is LabelSelectorAsSelector's
// error, if any; `matches` (when it has none) says, for each label set in order, whether
// the selector's `Matches(labels.Set)` holds. Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
	sigsjson "sigs.k8s.io/json"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

type request struct {
	Selector string              `json:"selector"`
	Labels   []map[string]string `json:"labels"`
}

type answer struct {
	Decoded         bool     `json:"decoded"`
	Error           string   `json:"error,omitempty"`
	Null            bool     `json:"null"`
	Strict          []string `json:"strict"`
	Invalid         []string `json:"invalid"`
	AsSelectorError string   `json:"asSelectorError,omitempty"`
	Matches         []bool   `json:"matches,omitempty"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	if err := jsonlines.Answer(stdin, stdout, func(line []byte) (any, error) {
		var r request
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("a request does not decode: %w", err)
		}
		return evaluate(r), nil
	}); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}

// evaluate reads one selector as the package comment says.
func evaluate(r request) answer {
	var sel *metav1.LabelSelector
	strict, err := sigsjson.UnmarshalStrict([]byte(r.Selector), &sel, sigsjson.DisallowUnknownFields)
	if err != nil {
		return answer{Error: err.Error(), Strict: []string{}, Invalid: []string{}}
	}
	a := answer{Decoded: true, Null: sel == nil, Strict: []string{}, Invalid: []string{}}
	for _, e := range strict {
		a.Strict = append(a.Strict, e.Error())
	}
	if sel != nil {
		opts := metav1validation.LabelSelectorValidationOptions{AllowInvalidLabelValueInSelector: false}
		for _, e := range metav1validation.ValidateLabelSelector(sel, opts, field.NewPath("selector")) {
			a.Invalid = append(a.Invalid, e.Error())
		}
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		a.AsSelectorError = err.Error()
		return a
	}
	a.Matches = make([]bool, len(r.Labels))
	for i, l := range r.Labels {
		a.Matches[i] = s.Matches(labels.Set(l))
	}
	return a
}
