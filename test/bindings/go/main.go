// The README's quick start in Go (as quickstart/main.go, which is the README's), with the
// variants run.ts compares with TypeScript's, and the README's way of reading a refusal.
//
//	smoke                  synthesize the quick start (into $CDK8S_OUTDIR, default dist/)
//	smoke refused SCRIPT   the quick start with its step's script replaced by SCRIPT: print
//	                       what the error helpers read from the error as JSON; exit 1 if
//	                       the app was not refused
//	smoke relaxed SPELLING the quick start with its step's image given by tag and the fix of
//	                       the refusal that follows written in Go as the README says:
//	                       struct (Relaxations on the step), add (Relaxations_Of(test).Add)
//	                       or none (refused: print each refusal's rule and message)
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-secure-tekton/cdk8s-secure-tekton-go/cdk8ssecuretekton"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

const (
	quickStartScript = "#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n"
	quickStartImage  = "docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4"
	relaxedImage     = "docker.io/library/golang:1.23-alpine"                    // test/bindings/readme.ts RELAXED_IMAGE
	relaxedReason    = "the quick start shows a relaxation recorded in the YAML" // RELAXED_REASON
)

// variant is what differs from the quick start.
type variant struct {
	script, image string
	// relaxations of the step, and relaxations given with Relaxations_Of(test).Add
	stepRelaxations, added []*cdk8ssecuretekton.Relaxation
}

// quickStart is quickstart/main.go with the variant's script, image and relaxations.
func quickStart(v variant) {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("ci"), &cdk8s.ChartProps{Namespace: jsii.String("ci")})

	step := &cdk8ssecuretekton.StepProps{
		Name:       jsii.String("test"),
		Image:      jsii.String(v.image),
		WorkingDir: jsii.String("$(workspaces.source.path)"),
		Env: &map[string]*string{
			"REVISION": jsii.String("$(params.revision)"),
			"GOCACHE":  jsii.String("/tmp/go-cache"),
			"GOPATH":   jsii.String("/tmp/go"),
		},
		Script: jsii.String(v.script),
	}
	if v.stepRelaxations != nil {
		step.Relaxations = &v.stepRelaxations
	}
	test := cdk8ssecuretekton.NewSecureTask(chart, jsii.String("unit-test"), &cdk8ssecuretekton.SecureTaskProps{
		Parameters: &[]*cdk8ssecuretekton.TaskParam{
			{Name: jsii.String("revision"), Constraint: cdk8ssecuretekton.ParamConstraint_GitSha()},
		},
		Workspaces: &[]*cdk8ssecuretekton.TaskWorkspace{
			{Name: jsii.String("source"), Domain: cdk8ssecuretekton.TrustDomain_SOURCE},
		},
		Steps: &[]*cdk8ssecuretekton.StepProps{step},
	})
	if v.added != nil {
		cdk8ssecuretekton.Relaxations_Of(test).Add(v.added...)
	}

	pipeline := cdk8ssecuretekton.NewSecurePipeline(chart, jsii.String("verify"), &cdk8ssecuretekton.SecurePipelineProps{
		Parameters: &[]*cdk8ssecuretekton.PipelineParam{{Name: jsii.String("git-revision")}},
		Workspaces: &[]*cdk8ssecuretekton.PipelineWorkspace{{Name: jsii.String("source"), Domain: cdk8ssecuretekton.TrustDomain_SOURCE}},
	})
	pipeline.AddTask(&cdk8ssecuretekton.PipelineTaskOptions{
		Task:       test,
		Parameters: &map[string]*string{"revision": jsii.String("$(params.git-revision)")},
		Workspaces: &map[string]*string{"source": jsii.String("source")},
	})

	cdk8ssecuretekton.NewSecurePipelineRun(chart, jsii.String("run"), &cdk8ssecuretekton.SecurePipelineRunProps{
		Pipeline:   pipeline,
		Parameters: &map[string]*string{"git-revision": jsii.String("0123456789abcdef0123456789abcdef01234567")},
		Workspaces: &map[string]cdk8ssecuretekton.RunWorkspace{
			"source": cdk8ssecuretekton.RunWorkspace_VolumeClaimTemplate(&cdk8ssecuretekton.VolumeClaimTemplateOptions{Storage: cdk8s.Size_Gibibytes(jsii.Number(1))}),
		},
	})

	app.Synth()
}

// README: reading a refusal in Go (readme.test.ts checks that the README shows this function as it is here)
// refusals runs build (make the constructs, then app.Synth()) and returns the refusals that
// stopped it, or none if it ran to the end; any other panic goes on.
func refusals(build func()) (refused []*cdk8ssecuretekton.Refusal) {
	defer func() {
		if failure := recover(); failure != nil {
			err, ok := failure.(error) // jsii panics with an error whose text is the library's message
			if !ok || !*cdk8ssecuretekton.SecureTektonErrors_IsSecureTektonErrorMessage(jsii.String(err.Error())) {
				panic(failure)
			}
			refused = *cdk8ssecuretekton.SecureTektonErrors_RefusalsOfMessage(jsii.String(err.Error()))
		}
	}()
	build()
	return nil
}

// README end

// refusal is a Refusal as JSON, in the field order of the other languages' output.
type refusal struct {
	Path     string  `json:"path"`
	Rule     string  `json:"rule"`
	Property string  `json:"property"`
	Value    *string `json:"value,omitempty"`
	Message  string  `json:"message"`
}

func asJSON(refused []*cdk8ssecuretekton.Refusal) []refusal {
	out := []refusal{}
	for _, r := range refused {
		out = append(out, refusal{Path: *r.Path, Rule: string(r.Rule), Property: *r.Property, Value: r.Value, Message: *r.Message})
	}
	return out
}

// panicked runs the quick start with script and returns the panic value, if any.
func panicked(script string) (failure interface{}) {
	defer func() { failure = recover() }()
	quickStart(variant{script: script, image: quickStartImage})
	return nil
}

func refusedMain(script string) {
	failure := panicked(script)
	if failure == nil {
		fmt.Fprintln(os.Stderr, "the app was not refused")
		os.Exit(1)
	}
	err, ok := failure.(error)
	if !ok {
		panic(failure)
	}
	message := err.Error()
	out := map[string]interface{}{
		"exception":           fmt.Sprintf("%T", failure),
		"isSecureTektonError": *cdk8ssecuretekton.SecureTektonErrors_IsSecureTektonErrorMessage(jsii.String(message)),
		"rule":                nil,
		"refusals":            asJSON(*cdk8ssecuretekton.SecureTektonErrors_RefusalsOfMessage(jsii.String(message))),
		// the error value itself crosses jsii as an opaque object
		"objectHelpers": map[string]interface{}{"isSecureTektonError": *cdk8ssecuretekton.SecureTektonErrors_IsSecureTektonError(failure)},
		// what the README's refusals(...) returns for the same app
		"readmeRefusals": asJSON(refusals(func() { quickStart(variant{script: script, image: quickStartImage}) })),
	}
	if rule := cdk8ssecuretekton.SecureTektonErrors_RuleOfMessage(jsii.String(message)); rule != "" {
		out["rule"] = rule
	}
	text, _ := json.MarshalIndent(out, "", "  ")
	fmt.Println(string(text))
}

func relaxedMain(spelling string) {
	v := variant{script: quickStartScript, image: relaxedImage}
	switch spelling {
	case "struct":
		// the fix `add relaxations: [{ rule: RuleId.IMAGE_DIGEST, reason: '<why>' }] to step 'test'`, in Go
		v.stepRelaxations = []*cdk8ssecuretekton.Relaxation{{Rule: cdk8ssecuretekton.RuleId_IMAGE_DIGEST, Reason: jsii.String(relaxedReason)}}
	case "add":
		v.added = []*cdk8ssecuretekton.Relaxation{{
			Rule: cdk8ssecuretekton.RuleId_IMAGE_DIGEST, Target: cdk8ssecuretekton.RelaxationTarget_Step(jsii.String("test")), Reason: jsii.String(relaxedReason),
		}}
	case "none":
	default:
		fmt.Fprintln(os.Stderr, "usage: smoke relaxed struct|add|none")
		os.Exit(2)
	}
	refused := refusals(func() { quickStart(v) })
	for _, r := range refused {
		fmt.Printf("%s %s\n", r.Rule, *r.Message)
	}
	if (spelling == "none") != (len(refused) > 0) {
		os.Exit(1)
	}
}

func main() {
	switch {
	case len(os.Args) == 1:
		quickStart(variant{script: quickStartScript, image: quickStartImage})
	case len(os.Args) == 3 && os.Args[1] == "refused":
		refusedMain(os.Args[2])
	case len(os.Args) == 3 && os.Args[1] == "relaxed":
		relaxedMain(os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "usage: smoke [refused SCRIPT | relaxed struct|add|none]")
		os.Exit(2)
	}
}
