// Command tekton-validate runs Tekton Pipelines' own admission code (the
// defaulting and validating webhooks of the version pinned in go.mod) on every
// Tekton object of a set of YAML or JSON files, and prints one JSON verdict per
// object and a summary line.
//
// Usage:
//
//	tekton-validate [--flags key=value,...] [--stdin] <file or directory>... [-]
//	tekton-validate --print-flags [--flags key=value,...]
//	tekton-validate --merged-steps <file>...   (adds each v1 Task's steps as Tekton merges them with its stepTemplate)
//
// For each object of group tekton.dev it does what the webhook does for CREATE:
// strict decoding into the typed struct (unknown fields are errors, except in
// metadata), SetDefaults within a create context, the API server's generateName,
// strict decoding of the defaulted object, and Validate within a create context.
// The context carries the feature flags that the library's TektonFeatureFlags
// construct writes by default (see recommendedFlags), overridable with --flags,
// and Tekton's default config-defaults.
//
// Exit status: 0 when every Tekton object is valid, 1 when one is not, 2 when an
// input cannot be read or parsed or the arguments are wrong.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/tektoncd/pipeline/pkg/apis/config"
	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1"
	"go.uber.org/zap"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"knative.dev/pkg/apis"
	webhookjson "knative.dev/pkg/webhook/json"
	"knative.dev/pkg/webhook/resourcesemantics"
	"sigs.k8s.io/yaml"
)

// tektonModule is the module whose webhook code this program runs.
const tektonModule = "github.com/tektoncd/pipeline"

// recommendedFlags is the `feature-flags` ConfigMap that the library's
// TektonFeatureFlags construct writes with no props: every key of Tekton
// v1.15's release YAML (src/private/tekton-config.ts, UPSTREAM_FEATURE_FLAGS)
// with the hardened values of src/cluster/tekton-feature-flags.ts on top.
// test/conformance/tekton-oracle.test.ts checks that it equals the construct's
// `flags` (through --print-flags).
var recommendedFlags = map[string]string{
	"coschedule":              "workspaces",
	"disable-creds-init":      "true",
	"await-sidecar-readiness": "true",
	"running-in-environment-with-injected-sidecars":  "true",
	"require-git-ssh-secret-known-hosts":             "true",
	"enable-tekton-oci-bundles":                      "false",
	"enable-api-fields":                              "beta",
	"send-cloudevents-for-runs":                      "true",
	"trusted-resources-verification-no-match-policy": "fail",
	"enable-provenance-in-status":                    "true",
	"enforce-nonfalsifiability":                      "none",
	"results-from":                                   "termination-message",
	"set-security-context":                           "true",
	"set-security-context-read-only-root-filesystem": "true",
	"keep-pod-on-cancel":                             "false",
	"enable-cel-in-whenexpression":                   "false",
	"enable-artifacts":                               "false",
	"enable-param-enum":                              "false",
	"disable-inline-spec":                            "",
	"enable-concise-resolver-syntax":                 "false",
	"enable-kubernetes-sidecar":                      "false",
	"enable-step-actions":                            "true",
	"enable-wait-exponential-backoff":                "false",
	"enable-termination-message-compression":         "false",
	"enable-informer-cache-transforms":               "true",
}

// types are the kinds of group tekton.dev that Tekton's webhook defaults and
// validates (cmd/webhook/main.go of the pinned version).
var types = map[schema.GroupVersionKind]resourcesemantics.GenericCRD{
	v1alpha1.SchemeGroupVersion.WithKind("VerificationPolicy"): &v1alpha1.VerificationPolicy{},
	v1alpha1.SchemeGroupVersion.WithKind("StepAction"):         &v1alpha1.StepAction{},
	v1beta1.SchemeGroupVersion.WithKind("Pipeline"):            &v1beta1.Pipeline{},
	v1beta1.SchemeGroupVersion.WithKind("Task"):                &v1beta1.Task{},
	v1beta1.SchemeGroupVersion.WithKind("TaskRun"):             &v1beta1.TaskRun{},
	v1beta1.SchemeGroupVersion.WithKind("PipelineRun"):         &v1beta1.PipelineRun{},
	v1beta1.SchemeGroupVersion.WithKind("CustomRun"):           &v1beta1.CustomRun{},
	v1beta1.SchemeGroupVersion.WithKind("StepAction"):          &v1beta1.StepAction{},
	v1.SchemeGroupVersion.WithKind("Task"):                     &v1.Task{},
	v1.SchemeGroupVersion.WithKind("Pipeline"):                 &v1.Pipeline{},
	v1.SchemeGroupVersion.WithKind("TaskRun"):                  &v1.TaskRun{},
	v1.SchemeGroupVersion.WithKind("PipelineRun"):              &v1.PipelineRun{},
}

// verdict is one output line per Tekton object.
type verdict struct {
	File       string   `json:"file"`
	Index      int      `json:"index"`
	Item       *int     `json:"item,omitempty"`
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Name       string   `json:"name"`
	Valid      bool     `json:"valid"`
	Errors     []string `json:"errors"`
	Warnings   []string `json:"warnings,omitempty"`
	// MergedSteps (with --merged-steps, for a tekton.dev/v1 Task): its steps as
	// v1.MergeStepsWithStepTemplate merges them with its stepTemplate when Tekton
	// builds the pod.
	MergedSteps json.RawMessage `json:"mergedSteps,omitempty"`
}

// unreadable is the output line of an input that cannot be read or parsed.
type unreadable struct {
	File  string `json:"file"`
	Index *int   `json:"index,omitempty"`
	Error string `json:"error"`
}

type summary struct {
	Summary struct {
		Tekton     string `json:"tekton"`
		Files      int    `json:"files"`
		Objects    int    `json:"objects"`
		Valid      int    `json:"valid"`
		Invalid    int    `json:"invalid"`
		Skipped    int    `json:"skipped"`
		Unreadable int    `json:"unreadable"`
	} `json:"summary"`
}

// flagOverrides collects --flags key=value,... (repeatable). A comma-separated
// piece without "=" continues the previous value, so list-valued flags such as
// disable-inline-spec=pipeline,taskrun can be given as they are written.
type flagOverrides map[string]string

func (f flagOverrides) String() string { return "" }

func (f flagOverrides) Set(s string) error {
	last := ""
	for _, piece := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(piece, "=")
		switch {
		case ok && strings.TrimSpace(k) != "":
			last = strings.TrimSpace(k)
			f[last] = strings.TrimSpace(v)
		case !ok && last != "":
			f[last] += "," + strings.TrimSpace(piece)
		case strings.TrimSpace(piece) == "" && last == "":
			// empty argument
		default:
			return fmt.Errorf("%q is not key=value", piece)
		}
	}
	return nil
}

type runner struct {
	out         *json.Encoder
	ctx         context.Context
	stat        summary
	mergedSteps bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("tekton-validate", flag.ContinueOnError)
	fset.SetOutput(stderr)
	overrides := flagOverrides{}
	fset.Var(overrides, "flags", "feature flags to override, `key=value,...` (repeatable)")
	readStdin := fset.Bool("stdin", false, "read YAML from standard input (as the path \"-\" does)")
	printFlags := fset.Bool("print-flags", false, "print the feature flags in effect as a JSON object and exit")
	mergedSteps := fset.Bool("merged-steps", false, "add to each tekton.dev/v1 Task's verdict its steps merged with its stepTemplate")
	fset.Usage = func() {
		fmt.Fprintf(stderr, "usage: tekton-validate [--flags key=value,...] [--stdin] <file or directory>... [-]\n"+
			"Runs the defaulting and validation of Tekton Pipelines %s's admission webhook (CREATE) on every Tekton object.\n", tektonVersion())
		fset.PrintDefaults()
	}
	// Flags may come before, between or after the paths.
	var paths []string
	for rest := args; ; {
		if err := fset.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		rest = fset.Args()
		if len(rest) == 0 {
			break
		}
		paths = append(paths, rest[0])
		rest = rest[1:]
	}

	flags := map[string]string{}
	for k, v := range recommendedFlags {
		flags[k] = v
	}
	for k, v := range overrides {
		flags[k] = v
	}
	ctx, err := webhookContext(flags)
	if err != nil {
		fmt.Fprintf(stderr, "tekton-validate: %v\n", err)
		return 2
	}
	if *printFlags {
		b, _ := json.Marshal(flags)
		fmt.Fprintln(stdout, string(b))
		return 0
	}
	if *readStdin {
		paths = append(paths, "-")
	}
	if len(paths) == 0 {
		fset.Usage()
		return 2
	}

	r := &runner{out: json.NewEncoder(stdout), ctx: ctx, mergedSteps: *mergedSteps}
	r.out.SetEscapeHTML(false)
	r.stat.Summary.Tekton = tektonVersion()
	for _, p := range paths {
		if p == "-" {
			r.file("-", stdin)
			continue
		}
		files, err := expand(p)
		if err != nil {
			r.unreadable(p, nil, err)
			continue
		}
		for _, f := range files {
			fh, err := os.Open(f)
			if err != nil {
				r.unreadable(f, nil, err)
				continue
			}
			r.file(f, fh)
			fh.Close()
		}
	}
	_ = r.out.Encode(r.stat)
	switch {
	case r.stat.Summary.Unreadable > 0:
		return 2
	case r.stat.Summary.Invalid > 0:
		return 1
	}
	return 0
}

// webhookContext is the context Tekton's webhook infuses into SetDefaults and
// Validate: the config store loaded with the given feature-flags ConfigMap
// (and no config-defaults, so Tekton's defaults), as Tekton's own tests do with
// pkg/apis/config/testing.SetFeatureFlags.
func webhookContext(flags map[string]string) (context.Context, error) {
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: config.GetFeatureFlagsConfigName(), Namespace: "tekton-pipelines"},
		Data:       flags,
	}
	// The store's logger is fatal on a bad ConfigMap: check it first.
	if _, err := config.NewFeatureFlagsFromConfigMap(cm); err != nil {
		return nil, fmt.Errorf("feature flags: %w", err)
	}
	store := config.NewStore(zap.NewNop().Sugar())
	store.OnConfigChanged(cm)
	return store.ToContext(context.Background()), nil
}

// expand lists the files of a path: the file itself, or every *.yaml, *.yml and
// *.json below a directory, in lexical order.
func expand(p string) ([]string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func (r *runner) unreadable(file string, index *int, err error) {
	r.stat.Summary.Unreadable++
	_ = r.out.Encode(unreadable{File: file, Index: index, Error: err.Error()})
}

// file splits a stream into documents as kubectl does (YAML documents separated
// by "---", or a stream of JSON values) and checks each one.
func (r *runner) file(name string, in io.Reader) {
	r.stat.Summary.Files++
	br := bufio.NewReader(in)
	head, _ := br.Peek(512)
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		dec := json.NewDecoder(br)
		for index := 0; ; index++ {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err == io.EOF {
				return
			} else if err != nil {
				r.unreadable(name, &index, err)
				return
			}
			r.document(name, index, raw)
		}
	}
	reader := utilyaml.NewYAMLReader(br)
	for index := 0; ; index++ {
		doc, err := reader.Read()
		if err == io.EOF {
			return
		} else if err != nil {
			r.unreadable(name, &index, err)
			return
		}
		raw, err := yaml.YAMLToJSON(doc)
		if err != nil {
			r.unreadable(name, &index, err)
			continue
		}
		r.document(name, index, raw)
	}
}

// header is what the program reads of a document before knowing its type.
type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name         string `json:"name"`
		GenerateName string `json:"generateName"`
	} `json:"metadata"`
	Items []json.RawMessage `json:"items"`
}

func (r *runner) document(file string, index int, raw []byte) {
	if t := bytes.TrimSpace(raw); len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return // an empty document
	}
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		// Not an object (a scalar or a list): not a Kubernetes object at all.
		r.stat.Summary.Skipped++
		return
	}
	// A List (v1 List, PipelineList, ...) as kubectl accepts it.
	if strings.HasSuffix(h.Kind, "List") && h.Items != nil {
		for i, item := range h.Items {
			r.object(file, index, &i, item)
		}
		return
	}
	r.object(file, index, nil, raw)
}

func (r *runner) object(file string, index int, item *int, raw []byte) {
	var h header
	if err := json.Unmarshal(raw, &h); err != nil {
		r.stat.Summary.Skipped++
		return
	}
	gv, err := schema.ParseGroupVersion(h.APIVersion)
	if err != nil || gv.Group != "tekton.dev" {
		r.stat.Summary.Skipped++
		return
	}
	name := h.Metadata.Name
	if name == "" {
		name = h.Metadata.GenerateName
	}
	v := verdict{File: file, Index: index, Item: item, APIVersion: h.APIVersion, Kind: h.Kind, Name: name, Errors: []string{}}
	v.Errors, v.Warnings = admit(r.ctx, gv.WithKind(h.Kind), raw)
	if v.Errors == nil {
		v.Errors = []string{}
	}
	v.Valid = len(v.Errors) == 0
	if r.mergedSteps && h.APIVersion == "tekton.dev/v1" && h.Kind == "Task" {
		v.MergedSteps = merged(raw)
	}
	r.stat.Summary.Objects++
	if v.Valid {
		r.stat.Summary.Valid++
	} else {
		r.stat.Summary.Invalid++
	}
	_ = r.out.Encode(v)
}

// merged returns the steps of a v1 Task as Tekton merges them with the Task's stepTemplate
// when it builds the pod (v1.MergeStepsWithStepTemplate), or a JSON string with the error.
func merged(raw []byte) json.RawMessage {
	var t v1.Task
	out := func(v interface{}) json.RawMessage {
		b, _ := json.Marshal(v)
		return b
	}
	if err := json.Unmarshal(raw, &t); err != nil {
		return out(err.Error())
	}
	steps, err := v1.MergeStepsWithStepTemplate(t.Spec.StepTemplate, t.Spec.Steps)
	if err != nil {
		return out(err.Error())
	}
	return out(steps)
}

// admit does to one object what Tekton's webhooks and the API server do on
// CREATE, in order: the defaulting webhook (strict decoding, SetDefaults), the
// API server's generateName, the validating webhook (strict decoding, Validate).
// It returns the error-level and the warning-level messages of Validate.
func admit(base context.Context, gvk schema.GroupVersionKind, raw []byte) (errs, warnings []string) {
	handler, ok := types[gvk]
	if !ok {
		return []string{fmt.Sprintf("kind %s is not served at %s by Tekton %s", gvk.Kind, gvk.GroupVersion(), tektonVersion())}, nil
	}
	defer func() {
		if p := recover(); p != nil {
			errs = append(errs, fmt.Sprintf("the webhook code panicked: %v", p))
		}
	}()
	user := &authenticationv1.UserInfo{Username: "tekton-validate"}

	// The defaulting (mutating) webhook.
	obj := handler.DeepCopyObject().(resourcesemantics.GenericCRD)
	if err := webhookjson.Decode(raw, obj, true); err != nil {
		return []string{fmt.Sprintf("cannot decode incoming new object: %v", err)}, nil
	}
	ctx := apis.WithUserInfo(apis.WithinCreate(base), user)
	obj.SetDefaults(ctx)

	// The API server names the object before the validating webhooks see it
	// (k8s.io/apiserver's SimpleNameGenerator, with a fixed suffix here).
	if meta, ok := obj.(metav1.ObjectMetaAccessor); ok {
		m := meta.GetObjectMeta()
		if m.GetName() == "" && m.GetGenerateName() != "" {
			prefix := m.GetGenerateName()
			if len(prefix) > 58 {
				prefix = prefix[:58]
			}
			m.SetName(prefix + "xxxxx")
		}
	}
	defaulted, err := json.Marshal(obj)
	if err != nil {
		return []string{fmt.Sprintf("cannot encode the defaulted object: %v", err)}, nil
	}

	// The validating webhook.
	obj = handler.DeepCopyObject().(resourcesemantics.GenericCRD)
	if err := webhookjson.Decode(defaulted, obj, true); err != nil {
		return []string{fmt.Sprintf("cannot decode incoming new object: %v", err)}, nil
	}
	ctx = apis.WithinCreate(apis.WithUserInfo(base, user))
	result := obj.Validate(ctx)
	if result == nil {
		return nil, nil
	}
	if e := result.Filter(apis.ErrorLevel); e != nil {
		for _, fe := range e.WrappedErrors() {
			errs = append(errs, fe.Error())
		}
	}
	if w := result.Filter(apis.WarningLevel); w != nil {
		for _, fe := range w.WrappedErrors() {
			warnings = append(warnings, fe.Error())
		}
	}
	return errs, warnings
}

// tektonVersion is the version of Tekton Pipelines built into this program.
func tektonVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == tektonModule {
				if dep.Replace != nil {
					return dep.Replace.Version
				}
				return dep.Version
			}
		}
	}
	return "(unknown)"
}
