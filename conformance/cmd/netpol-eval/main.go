// Command netpol-eval decides which traffic Kubernetes NetworkPolicies (networking.k8s.io/v1)
// allow, with an evaluator written independently of the library's rules: the `pkg/matcher`
// package of github.com/mattfenwick/cyclonus (the version pinned in go.mod), the NetworkPolicy
// model of the Cyclonus conformance tool, which builds "targets" from policies (the pods a
// policy selects, per direction, and the peers and ports its rules allow) and decides traffic
// between pods and IP addresses as the networking/v1 API documents it: a pod that no policy
// selects for a direction is not isolated in it; an isolated pod accepts (or sends) what any
// policy that selects it allows (policies are additive); traffic is allowed when its egress
// from the source and its ingress to the destination both are.
//
// Usage:
//
//	netpol-eval < requests.jsonl
//
// Each input line is one JSON request:
//
//	{"policies": [NetworkPolicy, ...],
//	 "namespaces": [{"name": "ci", "labels": {"team": "a"}}, ...],
//	 "pods": [{"namespace": "ci", "name": "p", "labels": {...}, "ip": "10.244.0.5",
//	           "ports": [{"name": "dns", "containerPort": 53, "protocol": "UDP"}]}, ...],
//	 "traffic": [{"from": {"pod": "ci/p"}, "to": {"ip": "1.2.3.4"}, "port": 443, "protocol": "TCP"}, ...]}
//
// Policies are decoded as the API server decodes JSON (case-sensitive field names,
// sigs.k8s.io/json) and every one needs `metadata.namespace` (the namespace it is applied to).
// They then get the API server's defaults (k8s.io/kubernetes pkg/apis/networking/v1/defaults.go,
// which is not a module one can import; written out in `setDefaults`: `policyTypes` empty is
// Ingress, plus Egress when the policy has egress rules; a port's protocol is TCP) and are
// checked for what the API server's validation refuses and the evaluator cannot read (a peer
// with no selector and no ipBlock or with both, a CIDR or except that does not parse, an except
// that is not a strict subset, an invalid port, endPort or protocol, a policyTypes entry other
// than Ingress or Egress, a label selector ValidateLabelSelector refuses): such a request gives
// an error line. A CIDR is read as the API server reads it (netutils.ParseCIDRSloppy: leading
// zeros read as decimal, bits beyond the prefix masked off) and handed to the evaluator in Go's
// canonical form; the evaluator matches addresses with Go's net.IPNet, so an IPv4-mapped IPv6
// block (::ffff:a.b.c.d/n) matches the IPv4 addresses it embeds and ::/0 no IPv4 address.
//
// Namespaces get the label the API server sets on every namespace (kubernetes.io/metadata.name:
// its name). Two readings of label selectors in cyclonus v0.5.6 differ from Kubernetes'
// (apimachinery's labels.Requirement): its NotIn does not match an object without the key, and
// its matchLabels entry with the value "" matches an object without the key. Both are
// corrected before the policies are built, with selectors Kubernetes reads the same: a NotIn term
// becomes two alternatives (the key DoesNotExist, or cyclonus' NotIn, which requires it) — a
// policy's podSelector two policies, a peer's selectors two peers, as policies and peers are
// additive — and an entry with the value "" is required to Exist as well.
//
// A traffic names its source and destination each as a pod ("namespace/name", from `pods`) or
// an IP address, and a port number and protocol (TCP when empty); the port's name is the one
// the destination pod gives that port and protocol (none for an IP address), which is what a
// named port of a policy matches. Each output line, in the order of the input:
//
//	{"results": [{"allowed": true, "egress": {"isolated": true, "allowed": true},
//	              "ingress": {"isolated": false, "allowed": true}}, ...],
//	 "blocks": ["1.2.0.0/16", ...]}
//	{"error": "..."}
//
// one result per traffic, in order; `blocks` are the CIDRs of every ipBlock (cidr and except)
// as they were read, for callers that probe addresses around their edges. An IP address as the
// source is not isolated for egress, nor as the destination for ingress (nothing outside the
// cluster is). Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"sort"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	netutils "k8s.io/utils/net"
	sigsjson "sigs.k8s.io/json"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

type namespace struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
}

type podPort struct {
	Name          string          `json:"name"`
	ContainerPort int             `json:"containerPort"`
	Protocol      corev1.Protocol `json:"protocol"`
}

type pod struct {
	Namespace string            `json:"namespace"`
	Name      string            `json:"name"`
	Labels    map[string]string `json:"labels"`
	IP        string            `json:"ip"`
	Ports     []podPort         `json:"ports"`
}

type endpoint struct {
	Pod string `json:"pod,omitempty"`
	IP  string `json:"ip,omitempty"`
}

type traffic struct {
	From     endpoint        `json:"from"`
	To       endpoint        `json:"to"`
	Port     int             `json:"port"`
	Protocol corev1.Protocol `json:"protocol"`
}

type request struct {
	Policies   []json.RawMessage `json:"policies"`
	Namespaces []namespace       `json:"namespaces"`
	Pods       []pod             `json:"pods"`
	Traffic    []traffic         `json:"traffic"`
}

type direction struct {
	Isolated bool `json:"isolated"`
	Allowed  bool `json:"allowed"`
}

type result struct {
	Allowed bool      `json:"allowed"`
	Egress  direction `json:"egress"`
	Ingress direction `json:"ingress"`
}

type response struct {
	Results []result `json:"results,omitempty"`
	Blocks  []string `json:"blocks,omitempty"`
	Error   string   `json:"error,omitempty"`
}

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: netpol-eval < requests.jsonl")
		os.Exit(2)
	}
	if err := jsonlines.Answer(os.Stdin, os.Stdout, func(line []byte) (any, error) { return evaluate(line), nil }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

// evaluate answers one request; a panic of the evaluator is an error line.
func evaluate(line []byte) (resp response) {
	defer func() {
		if r := recover(); r != nil {
			resp = response{Error: fmt.Sprintf("the evaluator failed: %v", r)}
		}
	}()
	var req request
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(line, &req); err != nil {
		return response{Error: fmt.Sprintf("the request does not decode: %v", err)}
	}
	var policies []*networkingv1.NetworkPolicy
	var blocks []string
	for i, raw := range req.Policies {
		var np networkingv1.NetworkPolicy
		if err := sigsjson.UnmarshalCaseSensitivePreserveInts(raw, &np); err != nil {
			return response{Error: fmt.Sprintf("policies[%d] does not decode: %v", i, err)}
		}
		if np.Namespace == "" {
			return response{Error: fmt.Sprintf("policies[%d] (%s) has no metadata.namespace", i, np.Name)}
		}
		setDefaults(&np)
		read, err := validate(&np)
		if err != nil {
			return response{Error: fmt.Sprintf("policies[%d] (%s/%s): %v", i, np.Namespace, np.Name, err)}
		}
		blocks = append(blocks, read...)
		policies = append(policies, correctSelectors(&np)...)
	}
	nsLabels := map[string]map[string]string{}
	for _, ns := range req.Namespaces {
		labels := map[string]string{}
		for k, v := range ns.Labels {
			labels[k] = v
		}
		labels[corev1.LabelMetadataName] = ns.Name
		nsLabels[ns.Name] = labels
	}
	pods := map[string]pod{}
	for _, p := range req.Pods {
		if _, ok := nsLabels[p.Namespace]; !ok {
			return response{Error: fmt.Sprintf("pod %s/%s: namespace %q is not in namespaces", p.Namespace, p.Name, p.Namespace)}
		}
		if net.ParseIP(p.IP) == nil {
			return response{Error: fmt.Sprintf("pod %s/%s: ip %q is not an IP address", p.Namespace, p.Name, p.IP)}
		}
		pods[p.Namespace+"/"+p.Name] = p
	}
	policy := matcher.BuildNetworkPolicies(false, policies)
	peer := func(e endpoint) (*matcher.TrafficPeer, *pod, error) {
		if e.Pod != "" {
			p, ok := pods[e.Pod]
			if !ok {
				return nil, nil, fmt.Errorf("pod %q is not in pods", e.Pod)
			}
			return &matcher.TrafficPeer{IP: p.IP, Internal: &matcher.InternalPeer{
				PodLabels: p.Labels, Namespace: p.Namespace, NamespaceLabels: nsLabels[p.Namespace],
			}}, &p, nil
		}
		if net.ParseIP(e.IP) == nil {
			return nil, nil, fmt.Errorf("%q is not an IP address", e.IP)
		}
		return &matcher.TrafficPeer{IP: e.IP}, nil, nil
	}
	results := make([]result, 0, len(req.Traffic))
	for i, t := range req.Traffic {
		from, _, err := peer(t.From)
		if err != nil {
			return response{Error: fmt.Sprintf("traffic[%d].from: %v", i, err)}
		}
		to, toPod, err := peer(t.To)
		if err != nil {
			return response{Error: fmt.Sprintf("traffic[%d].to: %v", i, err)}
		}
		protocol := t.Protocol
		if protocol == "" {
			protocol = corev1.ProtocolTCP
		}
		name := ""
		if toPod != nil {
			for _, p := range toPod.Ports {
				pp := p.Protocol
				if pp == "" {
					pp = corev1.ProtocolTCP
				}
				if p.ContainerPort == t.Port && pp == protocol {
					name = p.Name
				}
			}
		}
		verdict := policy.IsTrafficAllowed(&matcher.Traffic{
			Source: from, Destination: to, ResolvedPort: t.Port, ResolvedPortName: name, Protocol: protocol,
		})
		results = append(results, result{
			Allowed: verdict.IsAllowed(),
			Egress:  direction{Isolated: len(verdict.Egress.AllowingTargets)+len(verdict.Egress.DenyingTargets) > 0, Allowed: verdict.Egress.IsAllowed()},
			Ingress: direction{Isolated: len(verdict.Ingress.AllowingTargets)+len(verdict.Ingress.DenyingTargets) > 0, Allowed: verdict.Ingress.IsAllowed()},
		})
	}
	sort.Strings(blocks)
	return response{Results: results, Blocks: dedupe(blocks)}
}

func dedupe(s []string) []string {
	out := []string{}
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// setDefaults applies the API server's defaults of a NetworkPolicy
// (k8s.io/kubernetes pkg/apis/networking/v1/defaults.go, SetDefaults_NetworkPolicy and
// SetDefaults_NetworkPolicyPort).
func setDefaults(np *networkingv1.NetworkPolicy) {
	if len(np.Spec.PolicyTypes) == 0 {
		np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) != 0 {
			np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
		}
	}
	tcp := corev1.ProtocolTCP
	defaultPorts := func(ports []networkingv1.NetworkPolicyPort) {
		for i := range ports {
			if ports[i].Protocol == nil {
				ports[i].Protocol = &tcp
			}
		}
	}
	for i := range np.Spec.Ingress {
		defaultPorts(np.Spec.Ingress[i].Ports)
	}
	for i := range np.Spec.Egress {
		defaultPorts(np.Spec.Egress[i].Ports)
	}
}

var selectorOptions = metav1validation.LabelSelectorValidationOptions{}

// validate refuses what the API server's validation of a NetworkPolicy spec refuses and the
// evaluator cannot read (k8s.io/kubernetes pkg/apis/networking/validation, ValidateNetworkPolicySpec),
// rewrites each ipBlock's CIDRs into Go's canonical form as the API server parses them, and
// returns them.
func validate(np *networkingv1.NetworkPolicy) ([]string, error) {
	spec := &np.Spec
	if errs := metav1validation.ValidateLabelSelector(&spec.PodSelector, selectorOptions, field.NewPath("spec", "podSelector")); len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	if len(spec.PolicyTypes) > 2 {
		return nil, fmt.Errorf("spec.policyTypes: more than two entries")
	}
	for _, t := range spec.PolicyTypes {
		if t != networkingv1.PolicyTypeIngress && t != networkingv1.PolicyTypeEgress {
			return nil, fmt.Errorf("spec.policyTypes: %q is not Ingress or Egress", t)
		}
	}
	var blocks []string
	check := func(path string, ports []networkingv1.NetworkPolicyPort, peers []networkingv1.NetworkPolicyPeer) error {
		for i, p := range ports {
			if err := validatePort(p); err != nil {
				return fmt.Errorf("%s.ports[%d]: %v", path, i, err)
			}
		}
		for i := range peers {
			peer := &peers[i]
			at := fmt.Sprintf("%s.peers[%d]", path, i)
			selectors := 0
			for _, s := range []*metav1.LabelSelector{peer.PodSelector, peer.NamespaceSelector} {
				if s != nil {
					selectors++
					if errs := metav1validation.ValidateLabelSelector(s, selectorOptions, field.NewPath(at)); len(errs) > 0 {
						return errs.ToAggregate()
					}
				}
			}
			if peer.IPBlock == nil && selectors == 0 {
				return fmt.Errorf("%s: must specify a peer", at)
			}
			if peer.IPBlock != nil && selectors > 0 {
				return fmt.Errorf("%s: may not specify more than 1 peer", at)
			}
			if peer.IPBlock == nil {
				continue
			}
			_, cidr, err := netutils.ParseCIDRSloppy(peer.IPBlock.CIDR)
			if err != nil {
				return fmt.Errorf("%s.ipBlock.cidr: %v", at, err)
			}
			peer.IPBlock.CIDR = cidr.String()
			blocks = append(blocks, cidr.String())
			cidrOnes, _ := cidr.Mask.Size()
			for j, e := range peer.IPBlock.Except {
				_, except, err := netutils.ParseCIDRSloppy(e)
				if err != nil {
					return fmt.Errorf("%s.ipBlock.except[%d]: %v", at, j, err)
				}
				exceptOnes, _ := except.Mask.Size()
				if !cidr.Contains(except.IP) || exceptOnes <= cidrOnes {
					return fmt.Errorf("%s.ipBlock.except[%d]: must be a strict subset of `cidr`", at, j)
				}
				peer.IPBlock.Except[j] = except.String()
				blocks = append(blocks, except.String())
			}
		}
		return nil
	}
	for i, r := range spec.Ingress {
		if err := check(fmt.Sprintf("spec.ingress[%d]", i), r.Ports, r.From); err != nil {
			return nil, err
		}
	}
	for i, r := range spec.Egress {
		if err := check(fmt.Sprintf("spec.egress[%d]", i), r.Ports, r.To); err != nil {
			return nil, err
		}
	}
	return blocks, nil
}

// validatePort is ValidateNetworkPolicyPort: a protocol of TCP, UDP or SCTP; a port number
// from 1 to 65535 or an IANA service name; endPort only with a port number, not below it.
func validatePort(p networkingv1.NetworkPolicyPort) error {
	if p.Protocol != nil && *p.Protocol != corev1.ProtocolTCP && *p.Protocol != corev1.ProtocolUDP && *p.Protocol != corev1.ProtocolSCTP {
		return fmt.Errorf("protocol %q is not TCP, UDP or SCTP", *p.Protocol)
	}
	if p.Port == nil {
		if p.EndPort != nil {
			return fmt.Errorf("endPort without port")
		}
		return nil
	}
	if p.Port.Type == intstr.Int {
		for _, msg := range utilvalidation.IsValidPortNum(int(p.Port.IntVal)) {
			return fmt.Errorf("port: %s", msg)
		}
		if p.EndPort != nil && (*p.EndPort < p.Port.IntVal || len(utilvalidation.IsValidPortNum(int(*p.EndPort))) > 0) {
			return fmt.Errorf("endPort %d is not a port from %d to 65535", *p.EndPort, p.Port.IntVal)
		}
		return nil
	}
	if p.EndPort != nil {
		return fmt.Errorf("endPort with a named port")
	}
	for _, msg := range utilvalidation.IsValidPortName(p.Port.StrVal) {
		return fmt.Errorf("port: %s", msg)
	}
	return nil
}

// corrected returns the selectors Kubernetes reads as `s` that cyclonus reads the same way:
// a matchLabels entry "" also Exists, and each NotIn term split into DoesNotExist or NotIn
// (cyclonus' NotIn requires the key). Their union selects what `s` selects. A nil selector
// stays nil.
func corrected(s *metav1.LabelSelector) []*metav1.LabelSelector {
	if s == nil {
		return []*metav1.LabelSelector{nil}
	}
	base := metav1.LabelSelector{MatchLabels: s.MatchLabels}
	for k, v := range s.MatchLabels {
		if v == "" {
			base.MatchExpressions = append(base.MatchExpressions, metav1.LabelSelectorRequirement{Key: k, Operator: metav1.LabelSelectorOpExists})
		}
	}
	out := []metav1.LabelSelector{base}
	for _, e := range s.MatchExpressions {
		var next []metav1.LabelSelector
		alternatives := []metav1.LabelSelectorRequirement{e}
		if e.Operator == metav1.LabelSelectorOpNotIn {
			alternatives = append(alternatives, metav1.LabelSelectorRequirement{Key: e.Key, Operator: metav1.LabelSelectorOpDoesNotExist})
		}
		for _, sel := range out {
			for _, a := range alternatives {
				c := metav1.LabelSelector{MatchLabels: sel.MatchLabels}
				c.MatchExpressions = append(append([]metav1.LabelSelectorRequirement{}, sel.MatchExpressions...), a)
				next = append(next, c)
			}
		}
		out = next
	}
	ptrs := make([]*metav1.LabelSelector, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return ptrs
}

func correctPeers(peers []networkingv1.NetworkPolicyPeer) []networkingv1.NetworkPolicyPeer {
	if peers == nil {
		return nil
	}
	out := []networkingv1.NetworkPolicyPeer{}
	for _, p := range peers {
		if p.IPBlock != nil {
			out = append(out, p)
			continue
		}
		for _, pods := range corrected(p.PodSelector) {
			for _, nss := range corrected(p.NamespaceSelector) {
				out = append(out, networkingv1.NetworkPolicyPeer{PodSelector: pods, NamespaceSelector: nss})
			}
		}
	}
	return out
}

// correctSelectors returns policies cyclonus reads as Kubernetes reads `np` (see corrected):
// one per alternative of its podSelector, each with its peers' alternatives.
func correctSelectors(np *networkingv1.NetworkPolicy) []*networkingv1.NetworkPolicy {
	spec := np.Spec
	ingress := make([]networkingv1.NetworkPolicyIngressRule, len(spec.Ingress))
	for i, r := range spec.Ingress {
		ingress[i] = networkingv1.NetworkPolicyIngressRule{Ports: r.Ports, From: correctPeers(r.From)}
	}
	egress := make([]networkingv1.NetworkPolicyEgressRule, len(spec.Egress))
	for i, r := range spec.Egress {
		egress[i] = networkingv1.NetworkPolicyEgressRule{Ports: r.Ports, To: correctPeers(r.To)}
	}
	var out []*networkingv1.NetworkPolicy
	for i, sel := range corrected(&spec.PodSelector) {
		c := np.DeepCopy()
		c.Name = fmt.Sprintf("%s~%d", np.Name, i)
		c.Spec.PodSelector = *sel
		c.Spec.Ingress = ingress
		c.Spec.Egress = egress
		out = append(out, c)
	}
	return out
}
