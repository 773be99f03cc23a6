// The README's quick start in Go, and what the error helpers read from a refusal.
//
//	smoke                 synthesize the quick start (into $CDK8S_OUTDIR, default dist/)
//	smoke refused SCRIPT  the quick start with its step's script replaced by SCRIPT: print
//	                      what the error helpers read from the error as JSON; exit 1 if
//	                      the app was not refused
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	st "github.com/cdk8s-secure-tekton/cdk8s-secure-tekton-go/cdk8ssecuretekton"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

const quickStartScript = "#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n"

func quickStart(script string) {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("ci"), &cdk8s.ChartProps{Namespace: jsii.String("ci")})

	test := st.NewSecureTask(chart, jsii.String("unit-test"), &st.SecureTaskProps{
		Params:     &[]*st.TaskParam{{Name: jsii.String("revision"), Constraint: st.ParamConstraint_GitSha()}},
		Workspaces: &[]*st.TaskWorkspace{{Name: jsii.String("source"), Domain: st.TrustDomain_SOURCE}},
		Steps: &[]*st.StepProps{{
			Name:       jsii.String("test"),
			Image:      jsii.String("docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4"),
			WorkingDir: jsii.String("$(workspaces.source.path)"),
			Env:        &map[string]*string{"REVISION": jsii.String("$(params.revision)"), "GOCACHE": jsii.String("/tmp/go-cache"), "GOPATH": jsii.String("/tmp/go")},
			Script:     jsii.String(script),
		}},
	})

	pipeline := st.NewSecurePipeline(chart, jsii.String("verify"), &st.SecurePipelineProps{
		Params:     &[]*st.PipelineParam{{Name: jsii.String("git-revision")}},
		Workspaces: &[]*st.PipelineWorkspace{{Name: jsii.String("source"), Domain: st.TrustDomain_SOURCE}},
	})
	pipeline.AddTask(&st.PipelineTaskOptions{
		Task:       test,
		Params:     &map[string]*string{"revision": jsii.String("$(params.git-revision)")},
		Workspaces: &map[string]*string{"source": jsii.String("source")},
	})

	st.NewSecurePipelineRun(chart, jsii.String("run"), &st.SecurePipelineRunProps{
		Pipeline:   pipeline,
		Params:     &map[string]*string{"git-revision": jsii.String("0123456789abcdef0123456789abcdef01234567")},
		Workspaces: &map[string]st.RunWorkspace{"source": st.RunWorkspace_VolumeClaimTemplate(&st.VolumeClaimTemplateOptions{Storage: cdk8s.Size_Gibibytes(jsii.Number(1))})},
	})

	app.Synth()
}

// refusal is a Refusal as JSON, in the field order of the other languages' output.
type refusal struct {
	Path     string  `json:"path"`
	Rule     string  `json:"rule"`
	Property string  `json:"property"`
	Value    *string `json:"value,omitempty"`
	Message  string  `json:"message"`
}

// refused runs the quick start with script and returns the panic value, if any.
func refused(script string) (failure interface{}) {
	defer func() { failure = recover() }()
	quickStart(script)
	return nil
}

func main() {
	if len(os.Args) == 1 {
		quickStart(quickStartScript)
		return
	}
	if len(os.Args) != 3 || os.Args[1] != "refused" {
		fmt.Fprintln(os.Stderr, "usage: smoke [refused SCRIPT]")
		os.Exit(2)
	}
	failure := refused(os.Args[2])
	if failure == nil {
		fmt.Fprintln(os.Stderr, "the app was not refused")
		os.Exit(1)
	}
	// jsii panics with an error whose text is the library's message
	err, ok := failure.(error)
	if !ok {
		panic(failure)
	}
	message := err.Error()
	out := map[string]interface{}{
		"exception":           fmt.Sprintf("%T", failure),
		"isSecureTektonError": *st.SecureTektonErrors_IsSecureTektonErrorMessage(jsii.String(message)),
		"rule":                nil,
		"refusals":            []refusal{},
		// the error value itself crosses jsii as an opaque object
		"objectHelpers": map[string]interface{}{"isSecureTektonError": *st.SecureTektonErrors_IsSecureTektonError(failure)},
	}
	if rule := st.SecureTektonErrors_RuleOfMessage(jsii.String(message)); rule != "" {
		out["rule"] = rule
	}
	refusals := []refusal{}
	for _, r := range *st.SecureTektonErrors_RefusalsOfMessage(jsii.String(message)) {
		refusals = append(refusals, refusal{Path: *r.Path, Rule: string(r.Rule), Property: *r.Property, Value: r.Value, Message: *r.Message})
	}
	out["refusals"] = refusals
	text, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(text))
}
