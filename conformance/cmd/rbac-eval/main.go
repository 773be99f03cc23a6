// Command rbac-eval answers whether RBAC PolicyRules grant requests, with Kubernetes' own
// comparison of rules (k8s.io/component-helpers/auth/rbac/validation, the release of the
// module's k8s.io/api): for each role's rules and each request, whether one of the rules
// allows the request.
//
// Usage:
//
//	rbac-eval < queries.jsonl
//
// Each input line is one JSON query:
//
//	{"rules":[{"verbs":["get"],"apiGroups":[""],"resources":["pods/exec"]}],
//	 "requests":[{"verb":"create","apiGroup":"","resource":"pods","subresource":"exec","name":"p"},
//	             {"verb":"get","nonResourceURL":"/metrics"}]}
//
// A query without "requests" asks the requests of the query before it (many roles against one
// set of requests, without repeating it). The rules are decoded as the API server decodes JSON
// (case-sensitive field names, sigs.k8s.io/json: a null entry of a list of strings is ""). Each output line, in the order
// of the input, has one answer per request, in order:
//
//	{"allowed":[true,false]}
//	{"error":"..."}
//
// What it computes: `validation.Covers(rules, []rbacv1.PolicyRule{r})`, where `r` is the
// request written as a rule with one entry in each list. A resource request (`resource` set)
// is `{verbs: [verb], apiGroups: [apiGroup], resources: [resource or resource/subresource],
// resourceNames: [name]}`, its name always given, "" for a request that names no object (a
// create, a list or watch without a metadata.name selector, a deletecollection); a
// non-resource request is `{verbs: [verb], nonResourceURLs: [nonResourceURL]}`. Covers then
// asks of one rule what the RBAC authorizer's `RuleAllows` asks (k8s.io/kubernetes
// plugin/pkg/auth/authorizer/rbac/rbac.go, which cannot be imported, and its matchers in
// pkg/apis/rbac/v1/evaluation_helpers.go): the verb is `*` or listed; the API group is `*`
// or listed; the resources hold `*`, the resource (with `/subresource`) or `*/subresource`;
// the rule has no resourceNames or lists the name (so "" matches an unnamed request only
// where "" is listed); a nonResourceURL is listed, or an entry ending in `*` is a prefix of
// it (`*` matches every path). One difference to RuleAllows: Covers requires, of a rule a
// non-resource request matches, that it have no resourceNames, which the API server's
// validation already requires of every rule with nonResourceURLs. Nothing else is modelled:
// which bindings grant the rules (a RoleBinding never grants a non-resource request; an
// aggregated ClusterRole's rules are filled in by its controller) is the caller's concern,
// and the rules are not validated (the API server refuses a rule without verbs, a resource
// rule without apiGroups or resources, and nonResourceURLs in a Role or next to resources).
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/component-helpers/auth/rbac/validation"
	sigsjson "sigs.k8s.io/json"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

type request struct {
	Verb           string  `json:"verb"`
	APIGroup       string  `json:"apiGroup"`
	Resource       string  `json:"resource"`
	Subresource    string  `json:"subresource"`
	Name           string  `json:"name"`
	NonResourceURL *string `json:"nonResourceURL"`
}

type query struct {
	Rules    json.RawMessage `json:"rules"`
	Requests *[]request      `json:"requests"`
}

type answer struct {
	Allowed []bool `json:"allowed"`
}

type failure struct {
	Error string `json:"error"`
}

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

// asRule writes a request as a rule with one entry in each list (see the package comment).
func asRule(r request) rbacv1.PolicyRule {
	if r.NonResourceURL != nil {
		return rbacv1.PolicyRule{Verbs: []string{r.Verb}, NonResourceURLs: []string{*r.NonResourceURL}}
	}
	resource := r.Resource
	if r.Subresource != "" {
		resource += "/" + r.Subresource
	}
	return rbacv1.PolicyRule{Verbs: []string{r.Verb}, APIGroups: []string{r.APIGroup}, Resources: []string{resource}, ResourceNames: []string{r.Name}}
}

// allows is whether the rules grant the request.
func allows(rules []rbacv1.PolicyRule, r request) bool {
	covered, _ := validation.Covers(rules, []rbacv1.PolicyRule{asRule(r)})
	return covered
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	var requests []request
	if err := jsonlines.Answer(stdin, stdout, func(line []byte) (any, error) { return answerLine(line, &requests) }); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}

// answerLine answers one query; `requests` holds the requests of the last query that had them.
func answerLine(line []byte, requests *[]request) (any, error) {
	var q query
	if err := json.Unmarshal(line, &q); err != nil {
		return nil, fmt.Errorf("reading a query: %w", err)
	}
	if q.Requests != nil {
		*requests = *q.Requests
	}
	var rules []rbacv1.PolicyRule
	if len(q.Rules) > 0 {
		if err := sigsjson.UnmarshalCaseSensitivePreserveInts(q.Rules, &rules); err != nil {
			return failure{Error: err.Error()}, nil
		}
	}
	a := answer{Allowed: make([]bool, len(*requests))}
	for i, r := range *requests {
		a.Allowed[i] = allows(rules, r)
	}
	return a, nil
}
