package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/version"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions"
	"k8s.io/apiserver/pkg/cel/environment"
)

const admissionGroup = "admissionregistration.k8s.io"

// defaultKubernetesVersion is the Kubernetes version a policy is evaluated for when
// none is given: the first release serving its API version (v1beta1 needs 1.28 with
// the feature gate and runtime config; v1 is GA in 1.30).
var defaultKubernetesVersion = map[string]string{
	"v1alpha1": "1.26",
	"v1beta1":  "1.28",
	"v1":       "1.30",
}

// compileError is an expression the API server would refuse when the policy is
// created (or, for runtime ones, one that could not be compiled for evaluation).
type compileError struct {
	Field string `json:"field"`
	Error string `json:"error"`
}

// compiledExpression is one compiled expression of a policy, for cost accounting.
type compiledExpression struct {
	field  string
	result plugincel.CompilationResult
}

// compiledPolicy is a ValidatingAdmissionPolicy compiled as the API server of a
// Kubernetes version compiles it.
type compiledPolicy struct {
	policy     *admissionregistrationv1.ValidatingAdmissionPolicy
	apiVersion string
	kubernetes *version.Version
	// compatibility is the version of the environment new expressions are checked
	// with when the policy is created: the API server's DefaultCompatibilityVersion,
	// one minor version below its own.
	compatibility *version.Version
	// compileErrors: what the API server refuses when the policy is created.
	compileErrors []compileError
	// runtimeErrors: expressions that do not compile in the runtime environment.
	runtimeErrors []compileError

	// the API server's evaluator of the policy
	validator validating.Validator
	// the same expressions, for cost accounting
	compiler         *plugincel.CompositedCompiler
	variables        []compiledExpression
	matchConditions  []compiledExpression
	validations      []compiledExpression
	validationFilter plugincel.ConditionEvaluator
	matchFilter      plugincel.ConditionEvaluator
}

// decodePolicy reads a ValidatingAdmissionPolicy of any served API version strictly
// (unknown fields are errors) into the v1 type the admission plugin works with
// (v1alpha1 and v1beta1 have the same fields), and applies the API server's defaults.
func decodePolicy(obj map[string]interface{}) (*admissionregistrationv1.ValidatingAdmissionPolicy, string, error) {
	apiVersion, _ := obj["apiVersion"].(string)
	version, err := admissionVersion(apiVersion)
	if err != nil {
		return nil, "", err
	}
	if kind, _ := obj["kind"].(string); kind != "ValidatingAdmissionPolicy" {
		return nil, "", fmt.Errorf("kind %q is not ValidatingAdmissionPolicy", kind)
	}
	policy := &admissionregistrationv1.ValidatingAdmissionPolicy{}
	if err := strictDecode(obj, policy); err != nil {
		return nil, "", fmt.Errorf("ValidatingAdmissionPolicy: %w", err)
	}
	defaultPolicy(policy)
	return policy, version, nil
}

// decodeBinding reads a ValidatingAdmissionPolicyBinding as decodePolicy reads a policy.
func decodeBinding(obj map[string]interface{}) (*admissionregistrationv1.ValidatingAdmissionPolicyBinding, error) {
	apiVersion, _ := obj["apiVersion"].(string)
	if _, err := admissionVersion(apiVersion); err != nil {
		return nil, err
	}
	binding := &admissionregistrationv1.ValidatingAdmissionPolicyBinding{}
	if err := strictDecode(obj, binding); err != nil {
		return nil, fmt.Errorf("ValidatingAdmissionPolicyBinding: %w", err)
	}
	if binding.Spec.MatchResources != nil {
		defaultMatchResources(binding.Spec.MatchResources)
	}
	return binding, nil
}

func admissionVersion(apiVersion string) (string, error) {
	group, version, ok := strings.Cut(apiVersion, "/")
	if !ok || group != admissionGroup || defaultKubernetesVersion[version] == "" {
		return "", fmt.Errorf("apiVersion %q is not %s/v1alpha1, v1beta1 or v1", apiVersion, admissionGroup)
	}
	return version, nil
}

func strictDecode(obj map[string]interface{}, into interface{}) error {
	raw, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(into)
}

// defaultPolicy applies the defaults of the API server's admissionregistration
// types (pkg/apis/admissionregistration/v1/defaults.go).
func defaultPolicy(p *admissionregistrationv1.ValidatingAdmissionPolicy) {
	if p.Spec.FailurePolicy == nil {
		fail := admissionregistrationv1.Fail
		p.Spec.FailurePolicy = &fail
	}
	if p.Spec.MatchConstraints != nil {
		defaultMatchResources(p.Spec.MatchConstraints)
	}
}

func defaultMatchResources(m *admissionregistrationv1.MatchResources) {
	if m.MatchPolicy == nil {
		equivalent := admissionregistrationv1.Equivalent
		m.MatchPolicy = &equivalent
	}
	if m.NamespaceSelector == nil {
		m.NamespaceSelector = &metav1.LabelSelector{}
	}
	if m.ObjectSelector == nil {
		m.ObjectSelector = &metav1.LabelSelector{}
	}
	for _, rules := range [][]admissionregistrationv1.NamedRuleWithOperations{m.ResourceRules, m.ExcludeResourceRules} {
		for i := range rules {
			if rules[i].Scope == nil {
				all := admissionregistrationv1.AllScopes
				rules[i].Scope = &all
			}
		}
	}
}

// compilePolicy compiles a policy for a Kubernetes version: once as the API server
// checks new expressions when the policy is created (the NewExpressions environment
// of its compatibility version), and once for evaluation (the environment of the
// version itself), the way the admission plugin compiles it (plugin.go compilePolicy).
func compilePolicy(policy *admissionregistrationv1.ValidatingAdmissionPolicy, apiVersion string, kubernetes *version.Version) *compiledPolicy {
	compatibility := kubernetes.SubtractMinor(1)
	c := &compiledPolicy{policy: policy, apiVersion: apiVersion, kubernetes: kubernetes, compatibility: compatibility}
	c.compileErrors = compileExpressions(policy, environment.MustBaseEnvSet(compatibility), nil)
	c.runtimeErrors = compileExpressions(policy, environment.MustBaseEnvSet(kubernetes), c)
	return c
}

// compileExpressions compiles every expression of the policy in the NewExpressions
// environment of envSet and returns what does not compile; with `into`, it keeps
// what evaluation needs.
func compileExpressions(policy *admissionregistrationv1.ValidatingAdmissionPolicy, envSet *environment.EnvSet, into *compiledPolicy) []compileError {
	mode := environment.NewExpressions
	hasParams := policy.Spec.ParamKind != nil
	optionalVars := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: true}
	expressionOptionalVars := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: false}
	template, err := plugincel.NewCompositionEnv(plugincel.VariablesTypeName, envSet)
	if err != nil {
		return []compileError{{Field: "spec", Error: err.Error()}}
	}
	compiler := plugincel.NewCompositedCompilerFromTemplate(template)
	var errs []compileError
	check := func(field string, r plugincel.CompilationResult) compiledExpression {
		if r.Error != nil {
			errs = append(errs, compileError{Field: field, Error: r.Error.Error()})
		}
		return compiledExpression{field: field, result: r}
	}

	var variables, matches, validations []compiledExpression
	for i, v := range policy.Spec.Variables {
		r := compiler.CompileAndStoreVariable(&validating.Variable{Name: v.Name, Expression: v.Expression}, optionalVars, mode)
		variables = append(variables, check(fmt.Sprintf("spec.variables[%d].expression", i), r))
	}
	matchAccessors := make([]plugincel.ExpressionAccessor, len(policy.Spec.MatchConditions))
	for i := range policy.Spec.MatchConditions {
		accessor := (*matchconditions.MatchCondition)(&policy.Spec.MatchConditions[i])
		matchAccessors[i] = accessor
		matches = append(matches, check(fmt.Sprintf("spec.matchConditions[%d].expression", i), compiler.CompileCELExpression(accessor, optionalVars, mode)))
	}
	validationAccessors := make([]plugincel.ExpressionAccessor, len(policy.Spec.Validations))
	messageAccessors := make([]plugincel.ExpressionAccessor, len(policy.Spec.Validations))
	for i, v := range policy.Spec.Validations {
		accessor := &validating.ValidationCondition{Expression: v.Expression, Message: v.Message, Reason: v.Reason}
		validationAccessors[i] = accessor
		validations = append(validations, check(fmt.Sprintf("spec.validations[%d].expression", i), compiler.CompileCELExpression(accessor, optionalVars, mode)))
		if v.MessageExpression != "" {
			message := &validating.MessageExpressionCondition{MessageExpression: v.MessageExpression}
			messageAccessors[i] = message
			check(fmt.Sprintf("spec.validations[%d].messageExpression", i), compiler.CompileCELExpression(message, expressionOptionalVars, mode))
		}
	}
	auditAccessors := make([]plugincel.ExpressionAccessor, len(policy.Spec.AuditAnnotations))
	for i, a := range policy.Spec.AuditAnnotations {
		accessor := &validating.AuditAnnotationCondition{Key: a.Key, ValueExpression: a.ValueExpression}
		auditAccessors[i] = accessor
		check(fmt.Sprintf("spec.auditAnnotations[%d].valueExpression", i), compiler.CompileCELExpression(accessor, optionalVars, mode))
	}

	if into != nil {
		var matcher matchconditions.Matcher
		if len(matchAccessors) > 0 {
			into.matchFilter = compiler.CompileCondition(matchAccessors, optionalVars, mode)
			matcher = matchconditions.NewMatcher(into.matchFilter, policy.Spec.FailurePolicy, "policy", "validate", policy.Name)
		}
		into.validationFilter = compiler.CompileCondition(validationAccessors, optionalVars, mode)
		into.validator = validating.NewValidator(
			into.validationFilter,
			matcher,
			compiler.CompileCondition(auditAccessors, optionalVars, mode),
			compiler.CompileCondition(messageAccessors, expressionOptionalVars, mode),
			policy.Spec.FailurePolicy,
		)
		into.compiler = compiler
		into.variables = variables
		into.matchConditions = matches
		into.validations = validations
	}
	return errs
}
