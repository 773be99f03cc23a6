from cdk8s import App, Chart, Size
from cdk8s_secure_tekton import (
    ParamConstraint, PipelineParam, PipelineWorkspace, RunWorkspace, SecurePipeline,
    SecurePipelineRun, SecureTask, StepProps, TaskParam, TaskWorkspace, TrustDomain,
)

app = App()
chart = Chart(app, "ci", namespace="ci")

test = SecureTask(chart, "unit-test",
    parameters=[TaskParam(name="revision", constraint=ParamConstraint.git_sha())],
    workspaces=[TaskWorkspace(name="source", domain=TrustDomain.SOURCE)],
    steps=[StepProps(
        name="test",
        image="docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4",
        working_dir="$(workspaces.source.path)",
        env={"REVISION": "$(params.revision)", "GOCACHE": "/tmp/go-cache", "GOPATH": "/tmp/go"},
        script="#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n",
    )],
)

pipeline = SecurePipeline(chart, "verify",
    parameters=[PipelineParam(name="git-revision")],
    workspaces=[PipelineWorkspace(name="source", domain=TrustDomain.SOURCE)],
)
pipeline.add_task(task=test, parameters={"revision": "$(params.git-revision)"}, workspaces={"source": "source"})

SecurePipelineRun(chart, "run",
    pipeline=pipeline,
    parameters={"git-revision": "0123456789abcdef0123456789abcdef01234567"},
    workspaces={"source": RunWorkspace.volume_claim_template(storage=Size.gibibytes(1))},
)

app.synth()
