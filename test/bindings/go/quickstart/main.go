package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-secure-tekton/cdk8s-secure-tekton-go/cdk8ssecuretekton"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
)

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("ci"), &cdk8s.ChartProps{Namespace: jsii.String("ci")})

	test := cdk8ssecuretekton.NewSecureTask(chart, jsii.String("unit-test"), &cdk8ssecuretekton.SecureTaskProps{
		Parameters: &[]*cdk8ssecuretekton.TaskParam{
			{Name: jsii.String("revision"), Constraint: cdk8ssecuretekton.ParamConstraint_GitSha()},
		},
		Workspaces: &[]*cdk8ssecuretekton.TaskWorkspace{
			{Name: jsii.String("source"), Domain: cdk8ssecuretekton.TrustDomain_SOURCE},
		},
		Steps: &[]*cdk8ssecuretekton.StepProps{{
			Name:       jsii.String("test"),
			Image:      jsii.String("docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4"),
			WorkingDir: jsii.String("$(workspaces.source.path)"),
			// a Go map has no order: env is written sorted by name
			Env: &map[string]*string{
				"REVISION": jsii.String("$(params.revision)"),
				"GOCACHE":  jsii.String("/tmp/go-cache"),
				"GOPATH":   jsii.String("/tmp/go"),
			},
			Script: jsii.String("#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n"),
		}},
	})

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
