// Command vap-eval evaluates ValidatingAdmissionPolicies on admission requests
// with the Kubernetes API server's own code (k8s.io/apiserver's
// ValidatingAdmissionPolicy plugin: its CEL environment and libraries, variable
// composition, match conditions, validations, message expressions, cost budgets,
// and the matching of resource rules, namespace and object selectors).
//
// Usage:
//
//	vap-eval [--kubernetes-version 1.28] [<file>... | -]
//	vap-eval --serve [--kubernetes-version 1.28]
//	vap-eval --policy <file> [--policy <file>]... [--kubernetes-version 1.28] <file or directory>... [-]
//
// Without --policy, every YAML or JSON document of the inputs is a case (see
// caseInput): policies, their bindings, and admission requests; one JSON line is
// printed per case. --serve reads one case per line of standard input and answers
// each with one line, compiling each distinct policy once. With --policy, the
// policies and bindings of the given files (other documents are ignored) are
// evaluated on every object of the inputs, each a CREATE request (or an admission
// request document); one JSON line is printed per policy, one per request, and a
// summary.
//
// Each policy is compiled for a Kubernetes version: by default the first that
// serves its API version (1.28 for v1beta1, 1.30 for v1). It is checked as that API
// server checks a new policy (the NewExpressions environment of its compatibility
// version, one minor below: a function the version does not offer is a compile
// error), and evaluated in the environment of the version itself.
//
// Exit status: 0 when every expression compiles and every request is admitted, 1
// when not, 2 when an input cannot be read or the arguments are wrong.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/version"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/apiserver/pkg/authentication/user"
	"sigs.k8s.io/yaml"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

// caseInput is one case: policies with their bindings, and the requests to evaluate.
type caseInput struct {
	ID interface{} `json:"id,omitempty"`
	// KubernetesVersion overrides the version every policy is compiled for, e.g. "1.28".
	KubernetesVersion string                   `json:"kubernetesVersion,omitempty"`
	Policy            map[string]interface{}   `json:"policy,omitempty"`
	Policies          []map[string]interface{} `json:"policies,omitempty"`
	// Binding(s): a policy without one is bound everywhere with action Deny.
	Binding  map[string]interface{}   `json:"binding,omitempty"`
	Bindings []map[string]interface{} `json:"bindings,omitempty"`
	// Params: the parameter object of policies with a paramKind.
	Params map[string]interface{} `json:"params,omitempty"`
	// CRDs: files of CustomResourceDefinitions; each request's object and oldObject of
	// their kinds is decoded as the API server decodes it (see decodeAsAPIServer).
	CRDs     []string       `json:"crds,omitempty"`
	Requests []requestInput `json:"requests"`
}

type requestInput struct {
	Operation     string                 `json:"operation,omitempty"`
	Object        map[string]interface{} `json:"object,omitempty"`
	OldObject     map[string]interface{} `json:"oldObject,omitempty"`
	Namespace     map[string]interface{} `json:"namespace,omitempty"`
	NamespaceName string                 `json:"namespaceName,omitempty"`
	UserInfo      *struct {
		Username string              `json:"username,omitempty"`
		UID      string              `json:"uid,omitempty"`
		Groups   []string            `json:"groups,omitempty"`
		Extra    map[string][]string `json:"extra,omitempty"`
	} `json:"userInfo,omitempty"`
	Resource    string `json:"resource,omitempty"`
	SubResource string `json:"subResource,omitempty"`
	Name        string `json:"name,omitempty"`
	DryRun      bool   `json:"dryRun,omitempty"`
}

func (r requestInput) request() request {
	out := request{
		Operation: r.Operation, Object: r.Object, OldObject: r.OldObject, Namespace: r.Namespace, NamespaceName: r.NamespaceName,
		Resource: r.Resource, SubResource: r.SubResource, Name: r.Name, DryRun: r.DryRun,
	}
	if r.UserInfo != nil {
		out.UserInfo = user.DefaultInfo{Name: r.UserInfo.Username, UID: r.UserInfo.UID, Groups: r.UserInfo.Groups, Extra: r.UserInfo.Extra}
	}
	return out
}

// policyReport is what the API server says about a policy itself.
type policyReport struct {
	Name              string `json:"name"`
	APIVersion        string `json:"apiVersion"`
	KubernetesVersion string `json:"kubernetesVersion"`
	// CompatibilityVersion: the environment new expressions are checked with.
	CompatibilityVersion string `json:"compatibilityVersion"`
	// CompileErrors: the API server of KubernetesVersion refuses to create the policy.
	CompileErrors []compileError `json:"compileErrors"`
	// RuntimeCompileErrors: expressions that do not compile for evaluation either.
	RuntimeCompileErrors []compileError `json:"runtimeCompileErrors,omitempty"`
}

type requestReport struct {
	Index     int    `json:"index"`
	File      string `json:"file,omitempty"`
	Document  *int   `json:"document,omitempty"`
	Operation string `json:"operation"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Allowed   bool   `json:"allowed"`
	// Invalid: the API server refuses the object for its CRD's schema (crds) before any policy runs; verdicts are then empty.
	Invalid  []string        `json:"invalid,omitempty"`
	Verdicts []policyVerdict `json:"verdicts"`
}

type caseOutput struct {
	ID       interface{}     `json:"id,omitempty"`
	Policies []policyReport  `json:"policies"`
	Requests []requestReport `json:"requests"`
	Error    string          `json:"error,omitempty"`
}

// cache of compiled policies, by Kubernetes version and content.
var (
	cacheMu sync.Mutex
	cache   = map[[32]byte]*compiledPolicy{}
)

func compileCached(obj map[string]interface{}, override string) (*compiledPolicy, error) {
	policy, apiVersion, err := decodePolicy(obj)
	if err != nil {
		return nil, err
	}
	k8s := override
	if k8s == "" {
		k8s = defaultKubernetesVersion[apiVersion]
	}
	v, err := version.ParseMajorMinor(k8s)
	if err != nil {
		return nil, fmt.Errorf("kubernetesVersion %q: %w", k8s, err)
	}
	raw, _ := json.Marshal(policy)
	key := sha256.Sum256(append([]byte(v.String()+"\x00"+apiVersion+"\x00"), raw...))
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cache[key]; ok {
		return c, nil
	}
	c := compilePolicy(policy, apiVersion, v)
	cache[key] = c
	return c, nil
}

func majorMinor(v *version.Version) string {
	return fmt.Sprintf("%d.%d", v.Major(), v.Minor())
}

func report(c *compiledPolicy) policyReport {
	errs := c.compileErrors
	if errs == nil {
		errs = []compileError{}
	}
	return policyReport{
		Name: c.policy.Name, APIVersion: admissionGroup + "/" + c.apiVersion,
		KubernetesVersion: majorMinor(c.kubernetes), CompatibilityVersion: majorMinor(c.compatibility),
		CompileErrors: errs, RuntimeCompileErrors: c.runtimeErrors,
	}
}

// bind pairs policies with their bindings (by policyName); a policy without a binding
// is bound everywhere with action Deny.
func bind(policies []*compiledPolicy, bindingObjs []map[string]interface{}, params map[string]interface{}) ([]boundPolicy, error) {
	var bindings []*admissionregistrationv1.ValidatingAdmissionPolicyBinding
	for _, obj := range bindingObjs {
		b, err := decodeBinding(obj)
		if err != nil {
			return nil, err
		}
		bindings = append(bindings, b)
	}
	var paramsObj runtime.Object
	if params != nil {
		paramsObj = &unstructured.Unstructured{Object: params}
	}
	var out []boundPolicy
	for _, p := range policies {
		bound := false
		for _, b := range bindings {
			if b.Spec.PolicyName == p.policy.Name {
				out = append(out, boundPolicy{compiled: p, binding: b, params: paramsObj})
				bound = true
			}
		}
		if !bound {
			out = append(out, boundPolicy{compiled: p, params: paramsObj})
		}
	}
	return out, nil
}

func runCase(ctx context.Context, in caseInput, override string) caseOutput {
	out := caseOutput{ID: in.ID, Policies: []policyReport{}, Requests: []requestReport{}}
	if in.KubernetesVersion != "" {
		override = in.KubernetesVersion
	}
	policyObjs := in.Policies
	if in.Policy != nil {
		policyObjs = append([]map[string]interface{}{in.Policy}, policyObjs...)
	}
	bindingObjs := in.Bindings
	if in.Binding != nil {
		bindingObjs = append([]map[string]interface{}{in.Binding}, bindingObjs...)
	}
	var compiled []*compiledPolicy
	for _, obj := range policyObjs {
		c, err := compileCached(obj, override)
		if err != nil {
			out.Error = err.Error()
			return out
		}
		compiled = append(compiled, c)
		out.Policies = append(out.Policies, report(c))
	}
	bound, err := bind(compiled, bindingObjs, in.Params)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	crds, err := loadCRDs(in.CRDs)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	for i, r := range in.Requests {
		for _, obj := range []map[string]interface{}{r.Object, r.OldObject} {
			if err := decodeAsAPIServer(obj, crds); err != nil {
				out.Error = fmt.Sprintf("request %d: %v", i, err)
				return out
			}
		}
		// the API server refuses an object its CRD's schema does not admit before validating admission runs
		if r.Object != nil && len(crds) > 0 && (r.Operation == "" || strings.EqualFold(r.Operation, "CREATE") || strings.EqualFold(r.Operation, "UPDATE")) && r.SubResource == "" {
			namespace := r.NamespaceName
			var old map[string]interface{}
			if strings.EqualFold(r.Operation, "UPDATE") {
				old = r.OldObject
			}
			invalid, err := validateAsAPIServer(r.Object, old, namespace, crds)
			if err != nil {
				out.Error = fmt.Sprintf("request %d: %v", i, err)
				return out
			}
			if len(invalid) > 0 {
				rep := evaluateRequest(ctx, nil, i, r.request())
				rep.Allowed, rep.Invalid = false, invalid
				out.Requests = append(out.Requests, rep)
				continue
			}
		}
		out.Requests = append(out.Requests, evaluateRequest(ctx, bound, i, r.request()))
	}
	return out
}

func evaluateRequest(ctx context.Context, bound []boundPolicy, index int, r request) requestReport {
	subject := r.Object
	if subject == nil {
		subject = r.OldObject
	}
	u := &unstructured.Unstructured{Object: subject}
	name := u.GetName()
	if name == "" {
		name = u.GetGenerateName()
	}
	op := strings.ToUpper(r.Operation)
	if op == "" {
		op = "CREATE"
	}
	rep := requestReport{Index: index, Operation: op, Kind: u.GetKind(), Name: name, Allowed: true, Verdicts: []policyVerdict{}}
	for _, b := range bound {
		v := evaluate(ctx, b, r)
		if !v.Allowed {
			rep.Allowed = false
		}
		rep.Verdicts = append(rep.Verdicts, v)
	}
	return rep
}

// documents splits a YAML or JSON stream into documents, converted to JSON maps
// with integers as int64 (as the API server decodes them).
func documents(r io.Reader) ([]map[string]interface{}, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReaderSize(r, 1<<20))
	var out []map[string]interface{}
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if len(bytes.TrimSpace(doc)) == 0 {
			continue
		}
		m, err := toMap(doc)
		if err != nil {
			return out, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
}

func toMap(doc []byte) (map[string]interface{}, error) {
	j, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(bytes.TrimSpace(j), []byte("null")) {
		return nil, nil
	}
	var m map[string]interface{}
	if err := utiljson.Unmarshal(j, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeCase reads a case from a document (a JSON map).
func decodeCase(m map[string]interface{}) (caseInput, error) {
	var in caseInput
	raw, err := json.Marshal(m)
	if err != nil {
		return in, err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	d.UseNumber()
	if err := d.Decode(&in); err != nil {
		return in, err
	}
	// re-read the objects with integers as int64
	return in, reint(&in, raw)
}

// reint replaces the objects of a case (decoded with json.Number) by maps decoded
// as the API server decodes JSON (integers as int64, other numbers as float64).
func reint(in *caseInput, raw []byte) error {
	var generic struct {
		Policy   map[string]interface{}   `json:"policy"`
		Policies []map[string]interface{} `json:"policies"`
		Binding  map[string]interface{}   `json:"binding"`
		Bindings []map[string]interface{} `json:"bindings"`
		Params   map[string]interface{}   `json:"params"`
		Requests []struct {
			Object    map[string]interface{} `json:"object"`
			OldObject map[string]interface{} `json:"oldObject"`
			Namespace map[string]interface{} `json:"namespace"`
		} `json:"requests"`
	}
	if err := utiljson.Unmarshal(raw, &generic); err != nil {
		return err
	}
	in.Policy, in.Policies, in.Binding, in.Bindings, in.Params = generic.Policy, generic.Policies, generic.Binding, generic.Bindings, generic.Params
	for i := range in.Requests {
		in.Requests[i].Object = generic.Requests[i].Object
		in.Requests[i].OldObject = generic.Requests[i].OldObject
		in.Requests[i].Namespace = generic.Requests[i].Namespace
	}
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("vap-eval", flag.ContinueOnError)
	flags.SetOutput(stderr)
	k8s := flags.String("kubernetes-version", "", "Kubernetes version to compile every policy for, e.g. 1.28 (default: by API version, v1beta1 1.28, v1 1.30)")
	serve := flags.Bool("serve", false, "read one case per line of standard input, answer each with one line")
	var policyFiles stringList
	flags.Var(&policyFiles, "policy", "a file of ValidatingAdmissionPolicies and bindings to evaluate on the objects of the inputs (repeatable)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *k8s != "" {
		if _, err := version.ParseMajorMinor(*k8s); err != nil {
			fmt.Fprintf(stderr, "--kubernetes-version: %v\n", err)
			return 2
		}
	}
	ctx := context.Background()
	out := bufio.NewWriterSize(stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	if *serve {
		return serveLoop(ctx, stdin, out, enc, *k8s)
	}
	if len(policyFiles) > 0 {
		return policyMode(ctx, policyFiles, flags.Args(), stdin, enc, *k8s, stderr)
	}
	inputs := flags.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	status := 0
	for _, name := range inputs {
		docs, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 2
		}
		for _, d := range docs {
			in, err := decodeCase(d)
			if err != nil {
				fmt.Fprintf(stderr, "%s: %v\n", name, err)
				return 2
			}
			res := runCase(ctx, in, *k8s)
			status = max(status, caseStatus(res))
			_ = enc.Encode(res)
		}
	}
	return status
}

func caseStatus(res caseOutput) int {
	if res.Error != "" {
		return 2
	}
	for _, p := range res.Policies {
		if len(p.CompileErrors) > 0 {
			return 1
		}
	}
	for _, r := range res.Requests {
		if !r.Allowed {
			return 1
		}
	}
	return 0
}

func serveLoop(ctx context.Context, stdin io.Reader, out *bufio.Writer, enc *json.Encoder, k8s string) int {
	_ = jsonlines.Each(stdin, func(line []byte) error {
		var res caseOutput
		m, perr := toMap(line)
		if perr == nil {
			var in caseInput
			in, perr = decodeCase(m)
			if perr == nil {
				res = runCase(ctx, in, k8s)
			} else {
				res = caseOutput{ID: m["id"], Error: perr.Error()}
			}
		}
		if perr != nil && res.Error == "" {
			res = caseOutput{Error: perr.Error()}
		}
		if res.Policies == nil {
			res.Policies = []policyReport{}
		}
		if res.Requests == nil {
			res.Requests = []requestReport{}
		}
		_ = enc.Encode(res)
		_ = out.Flush()
		return nil
	})
	return 0
}

func readInput(name string, stdin io.Reader) ([]map[string]interface{}, error) {
	if name == "-" {
		return documents(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return documents(f)
}

// inputFiles expands directories into their *.yaml, *.yml and *.json files, in lexical order.
func inputFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		info, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			ext := strings.ToLower(filepath.Ext(p))
			if !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// policyMode evaluates the policies of policy files on every object of the inputs.
func policyMode(ctx context.Context, policyFiles, args []string, stdin io.Reader, enc *json.Encoder, k8s string, stderr io.Writer) int {
	var compiled []*compiledPolicy
	var bindingObjs []map[string]interface{}
	status := 0
	for _, name := range policyFiles {
		docs, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 2
		}
		for _, d := range docs {
			switch d["kind"] {
			case "ValidatingAdmissionPolicy":
				c, err := compileCached(d, k8s)
				if err != nil {
					fmt.Fprintf(stderr, "%s: %v\n", name, err)
					return 2
				}
				compiled = append(compiled, c)
				r := report(c)
				if len(r.CompileErrors) > 0 {
					status = 1
				}
				_ = enc.Encode(map[string]interface{}{"file": name, "policy": r})
			case "ValidatingAdmissionPolicyBinding":
				bindingObjs = append(bindingObjs, d)
			}
		}
	}
	bound, err := bind(compiled, bindingObjs, nil)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	files, err := inputFiles(args)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	requests, admitted, refused, skipped := 0, 0, 0, 0
	for _, name := range files {
		docs, err := readInput(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 2
		}
		for i, d := range docs {
			var r requestInput
			_, isObject := d["kind"]
			_, hasObject := d["object"]
			_, hasOldObject := d["oldObject"]
			switch {
			case isObject:
				r = requestInput{Object: d}
			case hasObject || hasOldObject:
				if raw, err := json.Marshal(d); err != nil || json.Unmarshal(raw, &r) != nil {
					fmt.Fprintf(stderr, "%s: document %d is not an admission request\n", name, i)
					return 2
				}
				r.Object, _ = d["object"].(map[string]interface{})
				r.OldObject, _ = d["oldObject"].(map[string]interface{})
				r.Namespace, _ = d["namespace"].(map[string]interface{})
			default:
				skipped++
				continue
			}
			rep := evaluateRequest(ctx, bound, requests, r.request())
			doc := i
			rep.File, rep.Document = name, &doc
			requests++
			if rep.Allowed {
				admitted++
			} else {
				refused++
				status = 1
			}
			_ = enc.Encode(rep)
		}
	}
	_ = enc.Encode(map[string]interface{}{"summary": map[string]int{"policies": len(compiled), "requests": requests, "admitted": admitted, "refused": refused, "skipped": skipped}})
	return status
}
