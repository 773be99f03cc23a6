// Command operator-configmaps says what the Tekton operator makes of its custom resources
// (TektonConfig, TektonPipeline, TektonChain of operator.tekton.dev) in the ConfigMaps Tekton
// Pipelines and Tekton Chains read: the data of feature-flags and config-defaults it writes for
// the TektonPipeline, and of chains-config for the TektonChain, with the operator's own code.
//
// Usage:
//
//	operator-configmaps < requests.jsonl
//
// Each input line is one JSON request, the object as kubectl sends it:
//
//	{"object":{"apiVersion":"operator.tekton.dev/v1alpha1","kind":"TektonConfig","metadata":{"name":"config"},"spec":{...}}}
//
// Each output line, in the order of the input, is
//
//	{"kind":"TektonConfig",
//	 "refused":{"by":"schema"|"webhook","errors":["..."]},
//	 "pipeline":{"refused":{...}} | {"data":{"feature-flags":{...},"config-defaults":{...}}},
//	 "chain":{"installed":false} | {"refused":{...}} | {"data":{"chains-config":{...}}}}
//
// or {"error"} for a request that is not such an object. A request for a TektonPipeline or a
// TektonChain may also say that the operator runs with AUTOINSTALL_COMPONENTS "true", and the
// DEFAULT_TARGET_NAMESPACE it runs with:
//
//	{"object":{...,"kind":"TektonPipeline",...},"autoinstall":{"targetNamespace":"tekton-pipelines"}}
//
// The answer then says what is written once the operator has made its own TektonConfig (stage 5),
// with "replaced":true when the object was admitted and its settings were replaced (the object's
// own refusal, if any, is in "refused", as for any request). What each stage does:
//
//  1. The API server decodes the object with the structural schema of the operator's CRD of its
//     kind (config/base/generated-crds of the operator's module): nulls of fields that are not
//     nullable dropped, unknown fields pruned, the schema's defaults set.
//
//  2. The operator's defaulting webhook (knative's): the object decoded into the operator's Go
//     type with knative's json.Decode, unknown fields disallowed (a value the type cannot hold, or
//     a field it lacks where the schema keeps unknown fields, is refused "by":"webhook"), then
//     SetDefaults within a create; its patch makes the object what the Go type encodes. The API
//     server decodes that again and checks it against the CRD's schema (refused "by":"schema",
//     with the errors it lists); then the operator's validating webhook decodes it the same way and
//     calls Validate within a create (refused "by":"webhook", with the FieldErrors' messages). The
//     platform is Kubernetes (PLATFORM unset), as on a cluster that is not OpenShift.
//
//  3. For a TektonConfig, what its reconciler makes of it (pkg/reconciler/shared/tektonconfig):
//     the TektonPipeline of GetTektonPipelineCR (always), and the TektonChain of GetTektonChainCR
//     when spec.chain.disabled is false and the profile is all or basic ("installed":false
//     otherwise: the operator removes its TektonChain). Each goes through stage 2 as the
//     reconciler creates it ("refused" in "pipeline" or "chain": nothing of it is written).
//
//  4. The transformers the TektonPipeline and TektonChain reconcilers run on the release's
//     ConfigMaps (pkg/reconciler/kubernetes/tektonpipeline and tektonchain, filterAndTransform:
//     AddConfigMapValues of the typed properties into feature-flags and config-defaults, or into
//     chains-config, then ExecuteAdditionalOptionsTransformer with spec.options, last). The
//     release's ConfigMaps are those of Tekton Pipelines' config/ directory at the version the
//     operator's components.yaml installs (its module, through `go mod download`), and
//     chains-config without data, as Chains' release writes it (its data is commented out).
//
//  5. With "autoinstall": the TektonConfig `config` the operator creates when it starts
//     (pkg/reconciler/shared/tektonconfig/instance.go, createInstance: profile all, the target
//     namespace of DEFAULT_TARGET_NAMESPACE, its pruner settings, SetDefaults), through stage 2 as
//     it is created; then its reconciler's EnsureTektonPipelineExists / EnsureTektonChainExists:
//     the object of the request, as admitted, is the one found, and UpdatePipeline / UpdateChain
//     (the operator's own functions, on a fake clientset holding it) write into it the
//     TektonPipeline or TektonChain of GetTektonPipelineCR / GetTektonChainCR; the object so
//     updated goes through stage 2 again (the API server and the webhooks take the update) and
//     stage 4. An object the API server or webhook refused is not found: the reconciler creates
//     its own, as for a TektonConfig.
//
//  6. With "autoinstall", no object and "existing" (ConfigMaps already on the cluster, with
//     kubectl's last-applied-configuration annotation when "kubectlApplied" is true): both
//     components of stage 5, and "applied", the data of each ConfigMap once the operator's
//     installer (tektoninstallerset's EnsureNamespaceScopedResources, on manifestival's fake
//     client) has applied what they write, in the target namespace, over those ConfigMaps
//     (manifestival's Apply: a three-way strategic merge from the last applied configuration).
//
//  7. With an object, no "autoinstall" and "existing": stages 2 to 4 for the object, and "applied", the data of
//     each ConfigMap once the installer has applied what the object's components write (those installed, not
//     refused) in the object's spec.targetNamespace over the ConfigMaps of "existing", as in stage 6.
//
// The data are the ConfigMaps' data as the operator writes them, every key included (the
// release's own, the operator's extra ones such as "performance").
//
// Version: the operator module this command is built with (github.com/tektoncd/operator, read
// from the build information), v0.81.0, whose components.yaml installs Tekton Pipelines v1.15.0
// and Chains v0.29.0. The webhook's defaults come from the Tekton Pipelines module the operator
// is built with (v1.14.1), as in the operator's own binary.
//
// Exit status: 0, or 2 when the input cannot be read or the release files cannot be found.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	mf "github.com/manifestival/manifestival"
	mffake "github.com/manifestival/manifestival/fake"
	"github.com/tektoncd/operator/pkg/apis/operator/v1alpha1"
	"github.com/tektoncd/operator/pkg/client/clientset/versioned/fake"
	"github.com/tektoncd/operator/pkg/reconciler/common"
	"github.com/tektoncd/operator/pkg/reconciler/kubernetes/tektoninstallerset"
	"github.com/tektoncd/operator/pkg/reconciler/shared/tektonconfig/chain"
	"github.com/tektoncd/operator/pkg/reconciler/shared/tektonconfig/pipeline"
	"go.uber.org/zap"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	kubefake "k8s.io/client-go/kubernetes/fake"
	"knative.dev/pkg/apis"
	"knative.dev/pkg/logging"
	webhookjson "knative.dev/pkg/webhook/json"
	"sigs.k8s.io/yaml"
)

const operatorModule = "github.com/tektoncd/operator"

// refusal is who refuses an object and why.
type refusal struct {
	By     string   `json:"by"`
	Errors []string `json:"errors"`
}

// component is what the operator writes for a TektonPipeline or TektonChain.
type component struct {
	Installed *bool                        `json:"installed,omitempty"`
	Refused   *refusal                     `json:"refused,omitempty"`
	Data      map[string]map[string]string `json:"data,omitempty"`
}

type answer struct {
	Kind     string     `json:"kind,omitempty"`
	Replaced bool       `json:"replaced,omitempty"`
	Error    string     `json:"error,omitempty"`
	Refused  *refusal   `json:"refused,omitempty"`
	Pipeline *component `json:"pipeline,omitempty"`
	Chain    *component `json:"chain,omitempty"`
	// Applied is, asked with "existing", the data of each ConfigMap once the operator's installer has applied
	// what it writes over the ConfigMaps already there.
	Applied map[string]map[string]string `json:"applied,omitempty"`
}

// schema is the structural schema of one of the operator's CRDs and its validator.
type schema struct {
	structural *structuralschema.Structural
	validator  apiservervalidation.SchemaValidator
}

type oracle struct {
	version  string
	schemas  map[string]schema
	pipeline []unstructured.Unstructured // the release's ConfigMaps of Tekton Pipelines
}

func main() {
	o, err := newOracle()
	if err != nil {
		fmt.Fprintln(os.Stderr, "operator-configmaps:", err)
		os.Exit(2)
	}
	if err := jsonlines.Answer(os.Stdin, os.Stdout, func(line []byte) (any, error) { return o.answer(line), nil }); err != nil {
		fmt.Fprintln(os.Stderr, "operator-configmaps:", err)
		os.Exit(2)
	}
}

// moduleDir is the directory of a module at a version in the module cache (downloaded when needed).
func moduleDir(module, version string) (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", module+"@"+version).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", fmt.Errorf("go mod download %s@%s: %v: %s%s", module, version, err, exit.Stderr, out)
		}
		return "", fmt.Errorf("go mod download %s@%s: %v", module, version, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", err
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", module, version, m.Error)
	}
	return m.Dir, nil
}

func newOracle() (*oracle, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil, errors.New("no build information")
	}
	o := &oracle{schemas: map[string]schema{}}
	for _, d := range info.Deps {
		if d.Path == operatorModule {
			o.version = d.Version
		}
	}
	if o.version == "" {
		return nil, errors.New("the operator module is not in the build information")
	}
	opDir, err := moduleDir(operatorModule, o.version)
	if err != nil {
		return nil, err
	}
	for kind, file := range map[string]string{
		"TektonConfig":   "operator.tekton.dev_tektonconfigs.yaml",
		"TektonPipeline": "operator.tekton.dev_tektonpipelines.yaml",
		"TektonChain":    "operator.tekton.dev_tektonchains.yaml",
	} {
		s, err := loadSchema(filepath.Join(opDir, "config", "base", "generated-crds", file))
		if err != nil {
			return nil, err
		}
		o.schemas[kind] = s
	}
	// the Tekton Pipelines release the operator installs
	raw, err := os.ReadFile(filepath.Join(opDir, "components.yaml"))
	if err != nil {
		return nil, err
	}
	var components map[string]struct {
		Github  string `json:"github"`
		Version string `json:"version"`
	}
	if err := yaml.Unmarshal(raw, &components); err != nil {
		return nil, fmt.Errorf("components.yaml: %v", err)
	}
	pl, ok := components["pipeline"]
	if !ok || pl.Github != "tektoncd/pipeline" {
		return nil, errors.New("components.yaml names no tektoncd/pipeline release")
	}
	plDir, err := moduleDir("github.com/tektoncd/pipeline", pl.Version)
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{filepath.Join(plDir, "config"), filepath.Join(plDir, "config", "resolvers")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			cms, err := configMapsOf(f)
			if err != nil {
				return nil, err
			}
			o.pipeline = append(o.pipeline, cms...)
		}
	}
	if !hasConfigMap(o.pipeline, "feature-flags") || !hasConfigMap(o.pipeline, "config-defaults") {
		return nil, fmt.Errorf("no feature-flags or config-defaults ConfigMap in %s/config", plDir)
	}
	return o, nil
}

func hasConfigMap(cms []unstructured.Unstructured, name string) bool {
	for _, cm := range cms {
		if cm.GetName() == name {
			return true
		}
	}
	return false
}

// configMapsOf reads the ConfigMaps of a multi-document YAML file.
func configMapsOf(file string) ([]unstructured.Unstructured, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []unstructured.Unstructured
	for _, doc := range strings.Split(string(raw), "\n---") {
		var obj map[string]any
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if obj == nil || obj["kind"] != "ConfigMap" {
			continue
		}
		out = append(out, unstructured.Unstructured{Object: obj})
	}
	return out, nil
}

func loadSchema(file string) (schema, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return schema{}, err
	}
	var crd apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(raw, &crd); err != nil {
		return schema{}, fmt.Errorf("%s: %v", file, err)
	}
	for _, v := range crd.Spec.Versions {
		if v.Name != "v1alpha1" || v.Schema == nil {
			continue
		}
		internal := &apiextensions.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v.Schema, internal, nil); err != nil {
			return schema{}, err
		}
		structural, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
		if err != nil {
			return schema{}, fmt.Errorf("%s: %v", file, err)
		}
		validator, _, err := apiservervalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
		if err != nil {
			return schema{}, fmt.Errorf("%s: %v", file, err)
		}
		return schema{structural: structural, validator: validator}, nil
	}
	return schema{}, fmt.Errorf("%s: no v1alpha1 schema", file)
}

// decode prunes and defaults the object as the API server does when it decodes an object of a CRD
// with a structural schema: nulls of fields that are not nullable dropped, unknown fields pruned,
// the schema's defaults set.
func (s schema) decode(obj map[string]any) {
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(obj, s.structural)
	pruning.Prune(obj, s.structural, true)
	structuraldefaulting.Default(obj, s.structural)
}

func (s schema) validate(obj map[string]any) []string {
	var errs []string
	for _, e := range apiservervalidation.ValidateCustomResource(nil, obj, s.validator) {
		errs = append(errs, e.Error())
	}
	return errs
}

// quiet is a context whose logger writes nothing (the defaults of Pipelines as Code log each setting).
func quiet() context.Context {
	return logging.WithLogger(context.Background(), zap.NewNop().Sugar())
}

// resource is what TektonConfig, TektonPipeline and TektonChain have in common here.
type resource interface {
	apis.Defaultable
	apis.Validatable
}

// admit runs the admission of an object given as JSON (stages 1 and 2) in the API server's order:
// its decoding (pruning and defaulting with the CRD's structural schema), the operator's
// defaulting webhook (whose patch makes the object what its Go type re-encodes, defaults set),
// the CRD's schema, the operator's validating webhook. It decodes the admitted object into out;
// nil when admitted.
func (o *oracle) admit(kind string, raw []byte, out resource) *refusal {
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return &refusal{By: "schema", Errors: []string{err.Error()}}
	}
	s := o.schemas[kind]
	s.decode(obj)
	pruned, err := json.Marshal(obj)
	if err != nil {
		return &refusal{By: "schema", Errors: []string{err.Error()}}
	}
	// the defaulting webhook: knative's json.Decode with unknown fields disallowed (outside metadata)
	if err := webhookjson.Decode(pruned, out, true); err != nil {
		return &refusal{By: "webhook", Errors: []string{"cannot decode incoming new object: " + err.Error()}}
	}
	ctx := apis.WithinCreate(quiet())
	out.SetDefaults(ctx)
	defaulted, err := json.Marshal(out)
	if err != nil {
		return &refusal{By: "webhook", Errors: []string{err.Error()}}
	}
	// the API server decodes the patched object as it decoded the request, then checks the schema
	var mutated map[string]any
	if err := json.Unmarshal(defaulted, &mutated); err != nil {
		return &refusal{By: "webhook", Errors: []string{err.Error()}}
	}
	s.decode(mutated)
	if errs := s.validate(mutated); len(errs) > 0 {
		return &refusal{By: "schema", Errors: errs}
	}
	stored, err := json.Marshal(mutated)
	if err != nil {
		return &refusal{By: "schema", Errors: []string{err.Error()}}
	}
	// the validating webhook decodes what the API server holds, as the defaulting one did
	v := reflect.ValueOf(out).Elem()
	v.Set(reflect.Zero(v.Type()))
	if err := webhookjson.Decode(stored, out, true); err != nil {
		return &refusal{By: "webhook", Errors: []string{"cannot decode incoming new object: " + err.Error()}}
	}
	if fe := out.Validate(ctx); fe != nil {
		// knative joins the FieldErrors' messages with newlines, sorted
		return &refusal{By: "webhook", Errors: strings.Split(fe.Error(), "\n")}
	}
	return nil
}

func (o *oracle) answer(line []byte) (a answer) {
	defer func() {
		if r := recover(); r != nil {
			a = answer{Kind: a.Kind, Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	var req struct {
		Object      json.RawMessage `json:"object"`
		Autoinstall *struct {
			TargetNamespace string `json:"targetNamespace"`
		} `json:"autoinstall"`
		Existing       []map[string]any `json:"existing"`
		KubectlApplied bool             `json:"kubectlApplied"`
	}
	if err := json.Unmarshal(line, &req); err != nil {
		return answer{Error: err.Error()}
	}
	hasObject := len(req.Object) != 0 && string(req.Object) != "null"
	if req.Existing != nil && req.Autoinstall == nil && hasObject {
		// an object of its own: what it writes (stages 2 to 4, answered as for the object alone), applied in its
		// spec.targetNamespace over the ConfigMaps there
		alone, err := json.Marshal(map[string]json.RawMessage{"object": req.Object})
		if err != nil {
			return answer{Error: err.Error()}
		}
		a = o.answer(alone)
		if a.Error != "" || a.Refused != nil {
			return a
		}
		var target struct {
			Spec struct {
				TargetNamespace string `json:"targetNamespace"`
			} `json:"spec"`
		}
		if err := json.Unmarshal(req.Object, &target); err != nil {
			return answer{Error: err.Error()}
		}
		applied, err := appliedOver(target.Spec.TargetNamespace, []*component{a.Pipeline, a.Chain}, req.Existing, req.KubectlApplied)
		if err != nil {
			return answer{Error: err.Error()}
		}
		a.Applied = applied
		return a
	}
	if req.Existing != nil {
		// the operator's Deployment alone: its own TektonConfig installs both components over the ConfigMaps there
		if req.Autoinstall == nil || hasObject {
			return answer{Error: "\"existing\" is asked with \"autoinstall\" and no object, or with an object and no \"autoinstall\""}
		}
		a.Pipeline = o.autoinstalled(answer{Kind: "TektonPipeline"}, req.Autoinstall.TargetNamespace, nil, nil).Pipeline
		a.Chain = o.autoinstalled(answer{Kind: "TektonChain"}, req.Autoinstall.TargetNamespace, nil, nil).Chain
		applied, err := appliedOver(req.Autoinstall.TargetNamespace, []*component{a.Pipeline, a.Chain}, req.Existing, req.KubectlApplied)
		if err != nil {
			return answer{Error: err.Error()}
		}
		a.Applied = applied
		return a
	}
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
	}
	if err := json.Unmarshal(req.Object, &head); err != nil {
		return answer{Error: err.Error()}
	}
	if head.APIVersion != "operator.tekton.dev/v1alpha1" {
		return answer{Error: fmt.Sprintf("not an object of operator.tekton.dev/v1alpha1: %q", head.APIVersion)}
	}
	a.Kind = head.Kind
	switch head.Kind {
	case "TektonConfig":
		tc := &v1alpha1.TektonConfig{}
		if a.Refused = o.admit(head.Kind, req.Object, tc); a.Refused != nil {
			return a
		}
		// the reconciler (pkg/reconciler/shared/tektonconfig): its TektonPipeline always, its TektonChain
		// when Chains is not disabled and the profile installs it
		a.Pipeline = o.pipelineOf(pipeline.GetTektonPipelineCR(tc, o.version))
		if !tc.Spec.Chain.Disabled && (tc.Spec.Profile == v1alpha1.ProfileAll || tc.Spec.Profile == v1alpha1.ProfileBasic) {
			a.Chain = o.chainOf(chain.GetTektonChainCR(tc, o.version))
		} else {
			installed := false
			a.Chain = &component{Installed: &installed}
		}
	case "TektonPipeline":
		tp := &v1alpha1.TektonPipeline{}
		if a.Refused = o.admit(head.Kind, req.Object, tp); a.Refused != nil && req.Autoinstall == nil {
			return a
		}
		if req.Autoinstall != nil {
			var found *v1alpha1.TektonPipeline
			if a.Refused == nil {
				found = tp
			}
			return o.autoinstalled(a, req.Autoinstall.TargetNamespace, found, nil)
		}
		a.Pipeline = o.transformPipeline(tp)
	case "TektonChain":
		tch := &v1alpha1.TektonChain{}
		if a.Refused = o.admit(head.Kind, req.Object, tch); a.Refused != nil && req.Autoinstall == nil {
			return a
		}
		if req.Autoinstall != nil {
			var found *v1alpha1.TektonChain
			if a.Refused == nil {
				found = tch
			}
			return o.autoinstalled(a, req.Autoinstall.TargetNamespace, nil, found)
		}
		a.Chain = o.transformChain(tch)
	default:
		return answer{Error: fmt.Sprintf("not a TektonConfig, TektonPipeline or TektonChain: %q", head.Kind)}
	}
	return a
}

// autoinstalled answers for a TektonPipeline (pipeline) or TektonChain (chain) found on the cluster
// (nil when it was refused, so not found) once the operator, started with AUTOINSTALL_COMPONENTS
// "true" and DEFAULT_TARGET_NAMESPACE targetNamespace, has made its own TektonConfig (stage 5).
func (o *oracle) autoinstalled(a answer, targetNamespace string, found *v1alpha1.TektonPipeline, foundChain *v1alpha1.TektonChain) answer {
	// createInstance (instance.go), which sets the defaults before its Create
	pruneKeep := v1alpha1.PrunerDefaultKeep
	tc := &v1alpha1.TektonConfig{
		ObjectMeta: metav1.ObjectMeta{Name: v1alpha1.ConfigResourceName},
		Spec: v1alpha1.TektonConfigSpec{
			Profile:    v1alpha1.ProfileAll,
			CommonSpec: v1alpha1.CommonSpec{TargetNamespace: targetNamespace},
			Pruner: v1alpha1.Prune{
				Disabled:  false,
				Resources: v1alpha1.PruningDefaultResources,
				Keep:      &pruneKeep,
				KeepSince: nil,
				Schedule:  v1alpha1.PrunerDefaultSchedule,
			},
		},
	}
	tc.SetDefaults(quiet())
	stored := &v1alpha1.TektonConfig{}
	if r := o.created("TektonConfig", tc, stored); r != nil {
		return answer{Kind: a.Kind, Error: fmt.Sprintf("the operator's own TektonConfig is refused: %v", r.Errors)}
	}
	ctx := quiet()
	if a.Kind == "TektonPipeline" {
		want := pipeline.GetTektonPipelineCR(stored, o.version)
		if found == nil {
			a.Pipeline = o.pipelineOf(want)
			return a
		}
		found.Name = v1alpha1.PipelineResourceName
		clients := fake.NewSimpleClientset(found).OperatorV1alpha1().TektonPipelines()
		if _, err := pipeline.UpdatePipeline(ctx, found.DeepCopy(), want, clients); err != nil && !errors.Is(err, v1alpha1.RECONCILE_AGAIN_ERR) {
			return answer{Kind: a.Kind, Error: "UpdatePipeline: " + err.Error()}
		}
		updated, err := clients.Get(ctx, v1alpha1.PipelineResourceName, metav1.GetOptions{})
		if err != nil {
			return answer{Kind: a.Kind, Error: err.Error()}
		}
		a.Replaced = true
		a.Pipeline = o.pipelineOf(updated)
		return a
	}
	if stored.Spec.Chain.Disabled || (stored.Spec.Profile != v1alpha1.ProfileAll && stored.Spec.Profile != v1alpha1.ProfileBasic) {
		installed := false
		a.Chain = &component{Installed: &installed}
		return a
	}
	want := chain.GetTektonChainCR(stored, o.version)
	if foundChain == nil {
		a.Chain = o.chainOf(want)
		return a
	}
	foundChain.Name = v1alpha1.ChainResourceName
	clients := fake.NewSimpleClientset(foundChain).OperatorV1alpha1().TektonChains()
	if _, err := chain.UpdateChain(ctx, foundChain.DeepCopy(), want, clients); err != nil && !errors.Is(err, v1alpha1.RECONCILE_AGAIN_ERR) {
		return answer{Kind: a.Kind, Error: "UpdateChain: " + err.Error()}
	}
	updated, err := clients.Get(ctx, v1alpha1.ChainResourceName, metav1.GetOptions{})
	if err != nil {
		return answer{Kind: a.Kind, Error: err.Error()}
	}
	a.Replaced = true
	a.Chain = o.chainOf(updated)
	return a
}

// created is an object the reconciler creates, as the API server and webhook take it.
func (o *oracle) created(kind string, obj any, out resource) *refusal {
	raw, err := json.Marshal(obj)
	if err != nil {
		return &refusal{By: "webhook", Errors: []string{err.Error()}}
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		return &refusal{By: "webhook", Errors: []string{err.Error()}}
	}
	m["apiVersion"] = "operator.tekton.dev/v1alpha1"
	m["kind"] = kind
	raw, err = json.Marshal(m)
	if err != nil {
		return &refusal{By: "webhook", Errors: []string{err.Error()}}
	}
	return o.admit(kind, raw, out)
}

func (o *oracle) pipelineOf(tp *v1alpha1.TektonPipeline) *component {
	stored := &v1alpha1.TektonPipeline{}
	if r := o.created("TektonPipeline", tp, stored); r != nil {
		return &component{Refused: r}
	}
	return o.transformPipeline(stored)
}

func (o *oracle) chainOf(tch *v1alpha1.TektonChain) *component {
	stored := &v1alpha1.TektonChain{}
	if r := o.created("TektonChain", tch, stored); r != nil {
		return &component{Refused: r}
	}
	return o.transformChain(stored)
}

// transformPipeline runs the ConfigMap transformers of the TektonPipeline reconciler's
// filterAndTransform (pkg/reconciler/kubernetes/tektonpipeline/transform.go) on the release's
// ConfigMaps, in its order, and answers feature-flags and config-defaults.
func (o *oracle) transformPipeline(tp *v1alpha1.TektonPipeline) *component {
	// filterAndTransform clears it before it writes anything
	tp.Spec.Pipeline.EnableTektonOciBundles = nil
	var resources []unstructured.Unstructured
	for _, cm := range o.pipeline {
		resources = append(resources, *cm.DeepCopy())
	}
	data, err := transform(resources, tp.Spec.GetTargetNamespace(), tp.Spec.Options, []mf.Transformer{
		common.AddConfigMapValues("feature-flags", tp.Spec.PipelineProperties),
		common.AddConfigMapValues("config-defaults", tp.Spec.OptionalPipelineProperties),
	}, "feature-flags", "config-defaults")
	if err != nil {
		return &component{Refused: &refusal{By: "transform", Errors: []string{err.Error()}}}
	}
	return &component{Data: data}
}

// transformChain runs the ConfigMap transformers of the TektonChain reconciler's filterAndTransform
// (pkg/reconciler/kubernetes/tektonchain/transform.go) on the release's chains-config, which has no
// data, and answers chains-config.
func (o *oracle) transformChain(tch *v1alpha1.TektonChain) *component {
	cm := unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": map[string]any{"name": "chains-config", "namespace": "tekton-chains"},
	}}
	data, err := transform([]unstructured.Unstructured{cm}, tch.Spec.GetTargetNamespace(), tch.Spec.Options, []mf.Transformer{
		common.AddConfigMapValues("chains-config", tch.Spec.Chain.ChainProperties),
	}, "chains-config")
	if err != nil {
		return &component{Refused: &refusal{By: "transform", Errors: []string{err.Error()}}}
	}
	installed := true
	return &component{Installed: &installed, Data: data}
}

func transform(resources []unstructured.Unstructured, targetNamespace string, options v1alpha1.AdditionalOptions, trns []mf.Transformer, names ...string) (map[string]map[string]string, error) {
	manifest, err := mf.ManifestFrom(mf.Slice(resources))
	if err != nil {
		return nil, err
	}
	if manifest, err = manifest.Transform(trns...); err != nil {
		return nil, err
	}
	ctx := quiet()
	if err := common.ExecuteAdditionalOptionsTransformer(ctx, &manifest, targetNamespace, options); err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		for _, u := range manifest.Filter(mf.ByKind("ConfigMap"), mf.ByName(name)).Resources() {
			data := map[string]string{}
			got, _, err := unstructured.NestedStringMap(u.Object, "data")
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			for k, v := range got {
				data[k] = v
			}
			out[name] = data
		}
	}
	return out, nil
}

// appliedOver answers the data of each ConfigMap the components write once the operator's installer
// (tektoninstallerset's EnsureNamespaceScopedResources, on manifestival's fake client) has applied
// it in targetNamespace over the ConfigMaps of existing: a ConfigMap there is updated by
// manifestival's Apply, a three-way merge from the kubectl.kubernetes.io/last-applied-configuration
// annotation, which kubectlApplied gives each as kubectl apply writes it.
func appliedOver(targetNamespace string, components []*component, existing []map[string]any, kubectlApplied bool) (map[string]map[string]string, error) {
	var live []runtime.Object
	for _, obj := range existing {
		u := &unstructured.Unstructured{Object: obj}
		if kubectlApplied {
			raw, err := json.Marshal(obj)
			if err != nil {
				return nil, err
			}
			anno := u.GetAnnotations()
			if anno == nil {
				anno = map[string]string{}
			}
			anno[corev1.LastAppliedConfigAnnotation] = string(raw) + "\n"
			u.SetAnnotations(anno)
		}
		live = append(live, u)
	}
	client := mffake.New(live...)
	var written []unstructured.Unstructured
	var names []string
	for _, c := range components {
		if c == nil || c.Data == nil {
			continue
		}
		for name, data := range c.Data {
			d := map[string]any{}
			for k, v := range data {
				d[k] = v
			}
			written = append(written, unstructured.Unstructured{Object: map[string]any{
				"apiVersion": "v1", "kind": "ConfigMap",
				"metadata": map[string]any{"name": name, "namespace": targetNamespace},
				"data":     d,
			}})
			names = append(names, name)
		}
	}
	manifest, err := mf.ManifestFrom(mf.Slice(written), mf.UseClient(client))
	if err != nil {
		return nil, err
	}
	logger := zap.NewNop().Sugar()
	if err := tektoninstallerset.NewInstaller(&manifest, client, kubefake.NewSimpleClientset(), logger).EnsureNamespaceScopedResources("set"); err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		got, err := client.Get(&unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": name, "namespace": targetNamespace},
		}})
		if err != nil {
			return nil, err
		}
		data, _, err := unstructured.NestedStringMap(got.Object, "data")
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		out[name] = data
	}
	return out, nil
}
