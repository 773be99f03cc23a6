// Command psa-eval judges pods with Kubernetes' own Pod Security Admission checks
// (k8s.io/pod-security-admission's `policy` package, the version pinned in go.mod, with its
// default checks, the evaluator the API server's PodSecurity admission plugin builds): for
// each pod, at a level and a version, whether the level admits it and the checks that refuse it.
//
// Usage:
//
//	psa-eval < requests.jsonl
//	psa-eval --checks
//
// Each input line is one JSON request:
//
//	{"level":"restricted","version":"v1.28","pod":{"metadata":{...},"spec":{...}}}
//
// `level` and `version` are read as the `pod-security.kubernetes.io/enforce` and
// `enforce-version` labels are (api.ParseLevel, api.ParseVersion: a level that is not one of
// the three is "restricted", a version that does not parse "latest"); a version newer than the
// checks' newest is evaluated as their newest, as EvaluatePod does. The pod is decoded as the
// API server decodes JSON (case-sensitive field names, sigs.k8s.io/json); a pod that does not
// decode gives an error line. Before the checks, the pod gets the API server's defaults of the
// fields they read (k8s.io/kubernetes pkg/apis/core/v1/defaults.go, which is not a module one can
// import: the two defaults are written out in `defaults`). Each output line, in the order of the input:
//
//	{"allowed":false,"level":"restricted","version":"v1.28","forbidden":[{"id":"runAsNonRoot","reason":"runAsNonRoot != true","detail":"..."}]}
//	{"error":"..."}
//
// `forbidden` lists the checks that refuse the pod, in the evaluator's order (baseline checks
// first, each group by ID), with their reasons and details as the admission message shows them.
// `--checks` prints the checks, their levels and the versions they start at, as JSON.
// Exit status: 0, or 2 when the input cannot be read or the arguments are wrong.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	"k8s.io/utils/ptr"
	sigsjson "sigs.k8s.io/json"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
)

type request struct {
	Level   string          `json:"level"`
	Version string          `json:"version"`
	Pod     json.RawMessage `json:"pod"`
}

type forbidden struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
	Detail string `json:"detail,omitempty"`
}

type verdict struct {
	Allowed   bool        `json:"allowed"`
	Level     string      `json:"level"`
	Version   string      `json:"version"`
	Forbidden []forbidden `json:"forbidden"`
}

type failure struct {
	Error string `json:"error"`
}

type checkInfo struct {
	ID        string   `json:"id"`
	Level     string   `json:"level"`
	Versions  []string `json:"versions"`
	Overrides []string `json:"overrides,omitempty"`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// oracle is the default evaluator with every check's function wrapped to record its ID when it
// refuses: the same checks, in the same registry, at the same versions.
type oracle struct {
	evaluator policy.Evaluator
	refusedBy []string
}

func newOracle() (*oracle, error) {
	o := &oracle{}
	var checks []policy.Check
	for _, c := range policy.DefaultChecks() {
		id := string(c.ID)
		versions := make([]policy.VersionedCheck, len(c.Versions))
		for i, v := range c.Versions {
			fn := v.CheckPod
			v.CheckPod = func(meta *metav1.ObjectMeta, spec *corev1.PodSpec) policy.CheckResult {
				r := fn(meta, spec)
				if !r.Allowed {
					o.refusedBy = append(o.refusedBy, id)
				}
				return r
			}
			versions[i] = v
		}
		c.Versions = versions
		checks = append(checks, c)
	}
	e, err := policy.NewEvaluator(checks, nil)
	if err != nil {
		return nil, err
	}
	o.evaluator = e
	return o, nil
}

// defaults sets what the API server's defaulting sets, before admission, of the fields Pod Security
// reads (pkg/apis/core/v1/defaults.go): a volume without a source is an emptyDir (SetDefaults_Volume),
// and with hostNetwork a port's hostPort is its containerPort (SetDefaults_Pod, defaultHostNetworkPorts:
// containers and init containers).
func defaults(pod *corev1.Pod) {
	for i := range pod.Spec.Volumes {
		if ptr.AllPtrFieldsNil(&pod.Spec.Volumes[i].VolumeSource) {
			pod.Spec.Volumes[i].VolumeSource = corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
		}
	}
	if pod.Spec.HostNetwork {
		for _, containers := range [][]corev1.Container{pod.Spec.Containers, pod.Spec.InitContainers} {
			for i := range containers {
				for j := range containers[i].Ports {
					if containers[i].Ports[j].HostPort == 0 {
						containers[i].Ports[j].HostPort = containers[i].Ports[j].ContainerPort
					}
				}
			}
		}
	}
}

func (o *oracle) judge(r request) (any, error) {
	level, _ := api.ParseLevel(r.Level)
	version, err := api.ParseVersion(r.Version)
	if err != nil {
		version = api.LatestVersion()
	}
	var pod corev1.Pod
	if len(r.Pod) == 0 {
		return nil, fmt.Errorf("no pod")
	}
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(r.Pod, &pod); err != nil {
		return nil, err
	}
	defaults(&pod)
	o.refusedBy = nil
	results := o.evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: version}, &pod.ObjectMeta, &pod.Spec)
	out := verdict{Allowed: true, Level: string(level), Version: version.String(), Forbidden: []forbidden{}}
	i := 0
	for _, res := range results {
		if res.Allowed {
			continue
		}
		if i >= len(o.refusedBy) {
			return nil, fmt.Errorf("a refusal without its check")
		}
		out.Allowed = false
		out.Forbidden = append(out.Forbidden, forbidden{ID: o.refusedBy[i], Reason: res.ForbiddenReason, Detail: res.ForbiddenDetail})
		i++
	}
	if i != len(o.refusedBy) {
		return nil, fmt.Errorf("checks refused %d times, %d refusals returned", len(o.refusedBy), i)
	}
	return out, nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := json.NewEncoder(stdout)
	out.SetEscapeHTML(false)
	if len(args) == 1 && args[0] == "--checks" {
		var infos []checkInfo
		for _, c := range policy.DefaultChecks() {
			info := checkInfo{ID: string(c.ID), Level: string(c.Level)}
			for _, v := range c.Versions {
				info.Versions = append(info.Versions, v.MinimumVersion.String())
				for _, o := range v.OverrideCheckIDs {
					info.Overrides = append(info.Overrides, v.MinimumVersion.String()+":"+string(o))
				}
			}
			infos = append(infos, info)
		}
		if err := out.Encode(infos); err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		return 0
	}
	if len(args) != 0 {
		fmt.Fprintln(stderr, "usage: psa-eval < requests.jsonl (one {\"level\",\"version\",\"pod\"} per line), or psa-eval --checks")
		return 2
	}
	o, err := newOracle()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	err = jsonlines.Each(stdin, func(line []byte) error {
		var r request
		var result any
		if err := json.Unmarshal(line, &r); err != nil {
			result = failure{Error: err.Error()}
		} else if v, err := o.judge(r); err != nil {
			result = failure{Error: err.Error()}
		} else {
			result = v
		}
		return out.Encode(result)
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return 0
}
