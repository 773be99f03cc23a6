package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/google/cel-go/interpreter"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/generic"
	"k8s.io/apiserver/pkg/admission/plugin/policy/matching"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/apiserver/pkg/authorization/authorizerfactory"
	"k8s.io/apiserver/pkg/cel/library"
	corelisters "k8s.io/client-go/listers/core/v1"
)

// request is one admission request to evaluate, as the input gives it.
type request struct {
	// Operation: CREATE (default), UPDATE, DELETE or CONNECT.
	Operation string
	Object    map[string]interface{}
	OldObject map[string]interface{}
	// Namespace: the Namespace object of the request's namespace (the `namespaceObject`
	// variable and namespaceSelectors see it); by default one with only the
	// kubernetes.io/metadata.name label the API server sets.
	Namespace map[string]interface{}
	// NamespaceName: the request's namespace; by default the object's.
	NamespaceName string
	UserInfo      user.DefaultInfo
	// Resource: the plural resource name; by default derived from the kind.
	Resource    string
	SubResource string
	Name        string
	DryRun      bool
}

// decision is one validation's outcome that is not an admission.
type decision struct {
	// Validation: index in spec.validations (-1 for a match condition's error).
	Validation int    `json:"validation"`
	Message    string `json:"message"`
	Reason     string `json:"reason,omitempty"`
	// Evaluation: "deny" (the expression is false) or "error" (it could not be evaluated).
	Evaluation string `json:"evaluation"`
}

// costReport: the runtime cost of evaluating the policy on a request, in the API
// server's units.
type costReport struct {
	// Total: what the request cost of the policy's budget (variables, validations).
	Total int64 `json:"total"`
	// Budget: the policy's runtime budget per request (RuntimeCELCostBudget).
	Budget int64 `json:"budget"`
	// MatchConditions: the cost of the match conditions (their own budget, RuntimeCELCostBudgetMatchConditions).
	MatchConditions int64 `json:"matchConditions"`
	// PerCallLimit: the limit of every single expression (PerCallLimit).
	PerCallLimit int64 `json:"perCallLimit"`
	// Expressions: each expression's own cost, variables evaluated apart.
	Expressions []expressionCost `json:"expressions"`
	// Max: the highest cost of one expression.
	Max int64 `json:"max"`
	// Exceeded: the budget ran out (the API server then stops evaluating).
	Exceeded bool `json:"exceeded,omitempty"`
}

type expressionCost struct {
	Field string `json:"field"`
	Cost  int64  `json:"cost"`
	Error string `json:"error,omitempty"`
}

// policyVerdict: what one policy (with its binding) does with one request.
type policyVerdict struct {
	Policy  string `json:"policy"`
	Binding string `json:"binding,omitempty"`
	// Matched: the policy's matchConstraints (and the binding's matchResources) select the request.
	Matched bool `json:"matched"`
	// MatchedResource: the resource the policy matched, e.g. tekton.dev/v1, Resource=tasks
	// (another version than the request's when matchPolicy Equivalent converted it).
	MatchedResource string `json:"matchedResource,omitempty"`
	// Converted: the object was converted to the matched version before evaluation.
	Converted bool `json:"converted,omitempty"`
	// MatchConditions: the match conditions hold (false: the policy does not apply).
	MatchConditions *bool `json:"matchConditions,omitempty"`
	// Allowed: no validation refused the request with action Deny.
	Allowed bool `json:"allowed"`
	// Denials: the validations that refused the request, with action Deny.
	Denials []decision `json:"denials"`
	// Warnings: the refusals returned as warnings (action Warn), as the API server words them.
	Warnings []string `json:"warnings,omitempty"`
	// Audit: the refusals recorded in the audit log only (action Audit).
	Audit []decision `json:"audit,omitempty"`
	// Response: the API server's answer to a denied request.
	Response string      `json:"response,omitempty"`
	Cost     *costReport `json:"cost,omitempty"`
	// Error: the request could not be evaluated (a configuration or conversion error).
	Error string `json:"error,omitempty"`
}

// boundPolicy is a compiled policy with its binding (nil: bound everywhere, Deny).
type boundPolicy struct {
	compiled *compiledPolicy
	binding  *admissionregistrationv1.ValidatingAdmissionPolicyBinding
	params   runtime.Object
}

var objects = newObjectInterfaces()

// pluralResources are the resources of the kinds the policies of this library match.
var pluralResources = map[string]string{
	"Task": "tasks", "Pipeline": "pipelines", "TaskRun": "taskruns", "PipelineRun": "pipelineruns",
	"StepAction": "stepactions", "CustomRun": "customruns", "VerificationPolicy": "verificationpolicies",
}

func resourceFor(kind string) string {
	if r, ok := pluralResources[kind]; ok {
		return r
	}
	lower := strings.ToLower(kind)
	switch {
	case strings.HasSuffix(lower, "y"):
		return strings.TrimSuffix(lower, "y") + "ies"
	case strings.HasSuffix(lower, "s"):
		return lower + "es"
	default:
		return lower + "s"
	}
}

// namespaceLister serves the request's Namespace to the matcher.
type namespaceLister struct {
	namespaces map[string]*corev1.Namespace
}

func (l *namespaceLister) List(selector labels.Selector) ([]*corev1.Namespace, error) {
	var out []*corev1.Namespace
	for _, ns := range l.namespaces {
		if selector.Matches(labels.Set(ns.Labels)) {
			out = append(out, ns)
		}
	}
	return out, nil
}

func (l *namespaceLister) Get(name string) (*corev1.Namespace, error) {
	if ns, ok := l.namespaces[name]; ok {
		return ns, nil
	}
	return nil, apierrors.NewNotFound(corev1.Resource("namespaces"), name)
}

var _ corelisters.NamespaceLister = &namespaceLister{}

// attributes builds the admission attributes of a request, and its Namespace.
func attributes(r request) (admission.Attributes, *corev1.Namespace, error) {
	op := admission.Operation(strings.ToUpper(r.Operation))
	if op == "" {
		op = admission.Create
	}
	var obj, old runtime.Object
	var subject map[string]interface{}
	if r.Object != nil {
		obj = &unstructured.Unstructured{Object: r.Object}
		subject = r.Object
	}
	if r.OldObject != nil {
		old = &unstructured.Unstructured{Object: r.OldObject}
		if subject == nil {
			subject = r.OldObject
		}
	}
	if subject == nil {
		return nil, nil, fmt.Errorf("the request has neither object nor oldObject")
	}
	u := &unstructured.Unstructured{Object: subject}
	gvk := u.GroupVersionKind()
	if gvk.Kind == "" || gvk.Version == "" {
		return nil, nil, fmt.Errorf("the object has no apiVersion or kind")
	}
	resource := r.Resource
	if resource == "" {
		resource = resourceFor(gvk.Kind)
	}
	gvr := gvk.GroupVersion().WithResource(resource)
	name := r.Name
	if name == "" {
		name = u.GetName()
	}
	nsName := r.NamespaceName
	var ns *corev1.Namespace
	if r.Namespace != nil {
		ns = &corev1.Namespace{}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(r.Namespace, ns); err != nil {
			return nil, nil, fmt.Errorf("namespace: %w", err)
		}
		if nsName == "" {
			nsName = ns.Name
		}
	}
	if nsName == "" {
		nsName = u.GetNamespace()
	}
	if ns == nil && nsName != "" {
		ns = &corev1.Namespace{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
			ObjectMeta: metav1.ObjectMeta{Name: nsName, Labels: map[string]string{corev1.LabelMetadataName: nsName}},
		}
	}
	userInfo := r.UserInfo
	attr := admission.NewAttributesRecord(obj, old, gvk, nsName, name, gvr, r.SubResource, op, nil, r.DryRun, &userInfo)
	return attr, ns, nil
}

// authz answers the policies' authorizer checks: nothing is allowed (the policies
// of this library make none).
var authz authorizer.Authorizer = authorizerfactory.NewAlwaysDenyAuthorizer()

// evaluate runs one policy on one request as the API server's ValidatingAdmissionPolicy
// plugin does (dispatcher.go): match the policy and its binding, convert the object to
// the matched version, evaluate match conditions and validations with the runtime
// budget, and apply the binding's validation actions.
func evaluate(ctx context.Context, b boundPolicy, r request) policyVerdict {
	p := b.compiled
	v := policyVerdict{Policy: p.policy.Name, Allowed: true, Denials: []decision{}}
	if b.binding != nil {
		v.Binding = b.binding.Name
	}
	attr, ns, err := attributes(r)
	if err != nil {
		v.Error = err.Error()
		return v
	}
	lister := &namespaceLister{namespaces: map[string]*corev1.Namespace{}}
	if ns != nil {
		lister.namespaces[ns.Name] = ns
	}
	matcher := generic.NewPolicyMatcher(matching.NewMatcher(lister, nil))
	matches, matchResource, matchKind, err := matcher.DefinitionMatches(attr, objects, validating.NewValidatingAdmissionPolicyAccessor(p.policy))
	if err != nil {
		return configurationError(v, p, b, err)
	}
	if !matches {
		return v
	}
	if b.binding != nil {
		matches, err := matcher.BindingMatches(attr, objects, validating.NewValidatingAdmissionPolicyBindingAccessor(b.binding))
		if err != nil {
			return configurationError(v, p, b, err)
		}
		if !matches {
			return v
		}
	}
	v.Matched = true
	v.MatchedResource = matchResource.String()
	versioned, err := admission.NewVersionedAttributes(attr, matchKind, objects)
	if err != nil {
		return configurationError(v, p, b, fmt.Errorf("failed to convert object version: %w", err))
	}
	v.Converted = matchKind != attr.GetKind()
	if attr.GetKind().Kind == "Namespace" && attr.GetKind().Version == "v1" && attr.GetKind().Group == "" {
		ns = nil
	}

	result := p.validator.Validate(ctx, matchResource, versioned, b.params, ns, celconfig.RuntimeCELCostBudget, authz)
	matchError := false
	if p.matchFilter != nil {
		holds, errored := matchConditionsHold(ctx, p, versioned, b.params)
		v.MatchConditions = &holds
		matchError = errored
	}
	actions := []admissionregistrationv1.ValidationAction{admissionregistrationv1.Deny}
	if b.binding != nil {
		actions = b.binding.Spec.ValidationActions
	}
	for i, d := range result.Decisions {
		if d.Action != validating.ActionDeny {
			continue
		}
		index := i
		if matchError {
			index = -1 // a match condition that could not be evaluated
		}
		out := decision{Validation: index, Message: d.Message, Reason: string(d.Reason), Evaluation: string(d.Evaluation)}
		for _, action := range actions {
			switch action {
			case admissionregistrationv1.Deny:
				v.Denials = append(v.Denials, out)
			case admissionregistrationv1.Warn:
				v.Warnings = append(v.Warnings, fmt.Sprintf("Validation failed for ValidatingAdmissionPolicy '%s' with binding '%s': %s", p.policy.Name, v.Binding, d.Message))
			case admissionregistrationv1.Audit:
				v.Audit = append(v.Audit, out)
			}
		}
	}
	for _, a := range result.AuditAnnotations {
		if a.Action == validating.AuditAnnotationActionError {
			v.Denials = append(v.Denials, decision{Validation: -1, Message: a.Error, Evaluation: "error"})
		}
	}
	if len(v.Denials) > 0 {
		v.Allowed = false
		if v.Binding != "" {
			v.Response = fmt.Sprintf("ValidatingAdmissionPolicy '%s' with binding '%s' denied request: %s", p.policy.Name, v.Binding, v.Denials[0].Message)
		} else {
			v.Response = fmt.Sprintf("ValidatingAdmissionPolicy '%s' denied request: %s", p.policy.Name, v.Denials[0].Message)
		}
	}
	// when a match condition does not hold, nothing but the match conditions is evaluated (and charged)
	v.Cost = costs(ctx, p, versioned, matchResource, b.params, ns, v.MatchConditions != nil && !*v.MatchConditions)
	return v
}

// configurationError: the API server refuses a request that a misconfigured policy
// matches when its failurePolicy is Fail.
func configurationError(v policyVerdict, p *compiledPolicy, b boundPolicy, err error) policyVerdict {
	v.Error = err.Error()
	if p.policy.Spec.FailurePolicy == nil || *p.policy.Spec.FailurePolicy == admissionregistrationv1.Fail {
		v.Allowed = false
		v.Denials = append(v.Denials, decision{Validation: -1, Message: err.Error(), Evaluation: "error"})
	}
	return v
}

// matchConditionsHold evaluates the match conditions alone (the Validator says only
// that nothing was refused when they do not hold): whether they hold, and whether
// one could not be evaluated (which refuses the request under failurePolicy Fail).
// As the API server's matcher: a false condition wins over an error.
func matchConditionsHold(ctx context.Context, p *compiledPolicy, versioned *admission.VersionedAttributes, params runtime.Object) (bool, bool) {
	req := plugincel.CreateAdmissionRequest(versioned.Attributes, metav1.GroupVersionResource(versioned.GetResource()), metav1.GroupVersionKind(versioned.VersionedKind))
	results, _, err := p.matchFilter.ForInput(ctx, versioned, req, plugincel.OptionalVariableBindings{VersionedParams: params, Authorizer: authz}, nil, celconfig.RuntimeCELCostBudgetMatchConditions)
	if err != nil {
		return true, true
	}
	errored := false
	for _, r := range results {
		if r.Error != nil {
			errored = true
		} else if r.EvalResult != nil && r.EvalResult.Value() == false {
			return false, false
		}
	}
	return true, errored
}

// activation binds the variables of admission expressions as the admission plugin
// does (activation.go), for evaluating single expressions.
type activation struct {
	values map[string]interface{}
}

func (a *activation) ResolveName(name string) (interface{}, bool) {
	v, ok := a.values[name]
	return v, ok
}

func (a *activation) Parent() interpreter.Activation { return nil }

func resolveVal(obj runtime.Object) (interface{}, error) {
	if obj == nil {
		return nil, nil
	}
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return u.Object, nil
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// costs measures the runtime cost of the policy on a request: the total the API
// server charges to the policy's budget (the validations, with each variable
// evaluated once), the match conditions apart, and each expression's own cost,
// which the per-call limit bounds. With matchOnly (a match condition does not hold),
// only the match conditions are measured: the API server evaluates nothing else.
func costs(ctx context.Context, p *compiledPolicy, versioned *admission.VersionedAttributes, matchResource schema.GroupVersionResource, params runtime.Object, ns *corev1.Namespace, matchOnly bool) *costReport {
	report := &costReport{Budget: celconfig.RuntimeCELCostBudget, PerCallLimit: celconfig.PerCallLimit, Expressions: []expressionCost{}}
	req := plugincel.CreateAdmissionRequest(versioned.Attributes, metav1.GroupVersionResource(matchResource), metav1.GroupVersionKind(versioned.VersionedKind))
	namespace := plugincel.CreateNamespaceObject(ns)
	bindings := plugincel.OptionalVariableBindings{VersionedParams: params, Authorizer: authz}
	// nothing is charged to the policy's budget when a match condition does not hold
	remaining, err := int64(celconfig.RuntimeCELCostBudget), error(nil)
	if !matchOnly {
		_, remaining, err = p.validationFilter.ForInput(ctx, versioned, req, bindings, namespace, celconfig.RuntimeCELCostBudget)
	}
	if err != nil || remaining < 0 {
		report.Exceeded = true
		report.Total = celconfig.RuntimeCELCostBudget
	} else {
		report.Total = celconfig.RuntimeCELCostBudget - remaining
	}
	if p.matchFilter != nil {
		_, remaining, err := p.matchFilter.ForInput(ctx, versioned, req, bindings, nil, celconfig.RuntimeCELCostBudgetMatchConditions)
		if err == nil && remaining >= 0 {
			report.MatchConditions = celconfig.RuntimeCELCostBudgetMatchConditions - remaining
		}
	}

	// each expression on its own
	objectVal, err1 := resolveVal(versioned.VersionedObject)
	oldObjectVal, err2 := resolveVal(versioned.VersionedOldObject)
	paramsVal, err3 := resolveVal(params)
	requestVal, err4 := runtime.DefaultUnstructuredConverter.ToUnstructured(req)
	var namespaceVal interface{}
	var err5 error
	if namespace != nil {
		namespaceVal, err5 = runtime.DefaultUnstructuredConverter.ToUnstructured(namespace)
	}
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			report.Expressions = append(report.Expressions, expressionCost{Field: "spec", Error: err.Error()})
			return report
		}
	}
	compositionCtx := p.compiler.CompositionEnv.CreateContext(ctx)
	act := &activation{values: map[string]interface{}{
		plugincel.ObjectVarName:                    objectVal,
		plugincel.OldObjectVarName:                 oldObjectVal,
		plugincel.ParamsVarName:                    paramsVal,
		plugincel.RequestVarName:                   requestVal,
		plugincel.NamespaceVarName:                 namespaceVal,
		plugincel.AuthorizerVarName:                library.NewAuthorizerVal(versioned.GetUserInfo(), authz),
		plugincel.RequestResourceAuthorizerVarName: library.NewResourceAuthorizerVal(versioned.GetUserInfo(), authz, versioned),
	}}
	act.values[plugincel.VariableVarName] = compositionCtx.Variables(act)
	all := append(append(append([]compiledExpression{}, p.variables...), p.matchConditions...), p.validations...)
	if matchOnly {
		all = p.matchConditions
	}
	for _, e := range all {
		c := expressionCost{Field: e.field}
		if e.result.Program == nil {
			c.Error = "not compiled"
		} else {
			_, details, err := e.result.Program.ContextEval(compositionCtx, act)
			if err != nil {
				c.Error = err.Error()
			}
			if details != nil && details.ActualCost() != nil {
				cost := *details.ActualCost()
				if cost > math.MaxInt64 {
					cost = math.MaxInt64
				}
				c.Cost = int64(cost)
			}
		}
		compositionCtx.GetAndResetCost()
		if c.Cost > report.Max {
			report.Max = c.Cost
		}
		report.Expressions = append(report.Expressions, c)
	}
	return report
}
