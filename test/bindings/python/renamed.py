"""An app that uses every member the API renamed from a name a target language reserves
(CHANGELOG, Breaking changes), as Python spells them: `parameters`, `value_type`,
`default_value`, `array_parameters`, `object_parameters`, `action_parameters`, `hub_type`,
`namespace_name`, `secret_type`, `EgressPeer.namespace_named`, `EgressPeer.pods(...,
namespace_name=...)`, `EgressPeer.cidr(..., except_cidrs=...)`. It writes its YAML to
CDK8S_OUTDIR, which run.ts compares byte for byte with the same app in TypeScript
(RENAMED in run.ts), and prints, as JSON, what the renamed read-only members read
(`auth_type`, `namespace_name`, `resolver_parameters`, `when_operator`, and the posture
report's `namespace_name`).

    CDK8S_OUTDIR=out python renamed.py
"""
import json

from cdk8s import App, Chart, Size
from cdk8s_secure_tekton import (
    EgressPeer, EgressPort, GitCredential, HubType, ParamType, PipelineParam, PipelineTaskOnError,
    PipelineWorkspace, PostureReport, Relaxation, RelaxationTarget, RemoteTask, RuleId, RunWorkspace,
    SecurePipeline, SecurePipelineRun, SecureStepAction, SecureTask, StepProps, SyncedSecret,
    SyncedSecretKey, SyncedSecretType, TaskContent, TaskParam, TaskWorkspace, TrustDomain, VaultObject,
    VaultSecretProviderClass, VerificationAuthority, VerificationKey, VerificationPolicy, WhenExpression,
)

IMAGE = "docker.io/library/alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d"
app = App()
chart = Chart(app, "ci", namespace="ci")

checksum = SecureStepAction(chart, "checksum",
    image=IMAGE,
    parameters=[TaskParam(name="file"), TaskParam(name="algorithm", default_value="sha256")],
    env={"FILE": "$(params.file)", "ALGORITHM": "$(params.algorithm)"},
    script="#!/bin/sh\nset -eu\necho \"$ALGORITHM\"\nsha256sum \"$FILE\"\n",
)
build = SecureTask(chart, "build",
    parameters=[
        TaskParam(name="tags", value_type=ParamType.ARRAY, default_array=["latest"]),
        TaskParam(name="target", value_type=ParamType.OBJECT, properties=["os", "arch"]),
        TaskParam(name="mode", value_type=ParamType.STRING, default_value="release"),
    ],
    workspaces=[TaskWorkspace(name="source", domain=TrustDomain.SOURCE)],
    steps=[
        StepProps(name="build", image=IMAGE, env={"MODE": "$(params.mode)", "OS": "$(params.target.os)"},
                  args=["$(params.tags[*])"], script="#!/bin/sh\nset -eu\necho \"$MODE $OS $*\"\n"),
        StepProps(name="sum", action=checksum, action_parameters={"file": "/tmp/out"}),
    ],
)
shared = RemoteTask.from_cluster(chart, "notify",
    namespace_name="shared-tasks",
    content=TaskContent.from_secure_task(SecureTask(Chart(app, "published", namespace="shared-tasks"), "notify",
        parameters=[TaskParam(name="status")],
        steps=[StepProps(name="send", image=IMAGE, env={"STATUS": "$(params.status)"}, script="#!/bin/sh\necho \"$STATUS\"\n")],
    )),
)
hub = RemoteTask.from_hub(chart, "lint",
    hub_type=HubType.ARTIFACT,
    version="0.9",
    content=TaskContent.from_secure_task(SecureTask(Chart(app, "hub-content", namespace="shared-tasks"), "lint",
        steps=[StepProps(name="lint", image=IMAGE, script="#!/bin/sh\necho lint\n")],
    )),
)
pipeline = SecurePipeline(chart, "release",
    parameters=[
        PipelineParam(name="env", value_type=ParamType.STRING, default_value="dev"),
        PipelineParam(name="tags", value_type=ParamType.ARRAY, default_array=["latest"]),
    ],
    workspaces=[PipelineWorkspace(name="source", domain=TrustDomain.SOURCE)],
    relaxations=[
        Relaxation(rule=RuleId.REMOTE_REFERENCE_PINNED, target=RelaxationTarget.task("notify"), reason="the platform team owns the shared-tasks namespace"),
    ],
)
guard = WhenExpression.none_of("$(params.env)", ["skip"])
built = pipeline.add_task(
    task=build,
    parameters={"mode": "$(params.env)"},
    array_parameters={"tags": ["$(params.tags[*])"]},
    object_parameters={"target": {"os": "linux", "arch": "amd64"}},
    workspaces={"source": "source"},
    when=[guard],
)
pipeline.add_task(task=hub, run_after=[built], on_error=PipelineTaskOnError.CONTINUE)
pipeline.add_finally(task=shared, parameters={"status": built.status})
pipeline.egress.allow(EgressPeer.cidr("198.51.100.0/24", except_cidrs=["198.51.100.7/32"]), [EgressPort.tcp_range(port=8000, end_port=8100)])
pipeline.egress.allow_for_task(built.name, EgressPeer.pods({"app": "cache"}, namespace_name="cache"), [EgressPort.tcp(6379)])
pipeline.egress.allow_for_task(built.name, EgressPeer.namespace_named("mirror"), [EgressPort.tcp(443)])
VerificationPolicy(chart, "tasks",
    remote_tasks=[shared, hub],
    authorities=[VerificationAuthority(name="platform", key=VerificationKey.from_secret(secret_name="tasks-signing-pub", secret_namespace="ci"))],
)
vault = VaultSecretProviderClass(chart, "registry-push",
    vault_address="https://vault.example.com:8200",
    role_name="ci-push",
    objects=[VaultObject(object_name="config.json", secret_path="secret/data/ci/registry", secret_key="config.json")],
    secret_objects=[SyncedSecret(secret_name="registry-push", secret_type=SyncedSecretType.DOCKER_CONFIG_JSON,
                                 data=[SyncedSecretKey(key=".dockerconfigjson", object_name="config.json")])],
)
git = GitCredential(chart, "git", secret_name="git-basic", url="https://git.example.com/team/app.git")
SecurePipelineRun(chart, "run",
    pipeline=pipeline,
    parameters={"env": "prod"},
    array_parameters={"tags": ["v1", "stable"]},
    workspaces={"source": RunWorkspace.volume_claim_template(storage=Size.gibibytes(1))},
)
app.synth()

print(json.dumps({
    "authType": git.auth_type.value,
    "namespaceName": vault.namespace_name,
    "resolverParameters": shared.task_reference.resolver_parameters,
    "hubResolverParameters": hub.task_reference.resolver_parameters,
    "whenOperator": guard.when_operator.value,
    "postureNamespaces": [f"{o.kind}/{o.namespace_name or ''}/{o.name}" for o in PostureReport.from_app(app).objects],
}, indent=1))
