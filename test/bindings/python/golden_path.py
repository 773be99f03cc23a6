"""examples/golden-path/app.ts written in Python from its TypeScript, name for name (props and
methods in snake case, structs as their classes): the cluster configuration, the release
pipeline of the hardened tasks (GitClone, ContainerBuild, ImagePush, ImageVerify, Deploy)
and its run. It writes its YAML to CDK8S_OUTDIR, which run.ts compares byte for byte with
what the example writes.

    CDK8S_OUTDIR=out python golden_path.py
"""
from cdk8s import App, Chart, Size
from cdk8s_secure_tekton import (
    ChainsConfig, ChainsStorageBackend, ComputeResources, ContainerBuild, Coschedule, Deploy, DeployObject, EgressPeer,
    EgressPort, FulcioProvider, GitClone, GitCredential, HardenedNamespace, ImagePush, ImageSigner, ImageVerify,
    KeylessSigning, ParamConstraint, PipelineParam, PipelineResult, PipelineRunArtifacts, PipelineWorkspace,
    PodSecurityLevel, ProvenanceFormat, RegistryCredential, Relaxation, RelaxationTarget, RuleId, RunWorkspace,
    SecurePipeline, SecurePipelineRun, SecureTask, StepProps, SyncedSecret, SyncedSecretKey, SyncedSecretType,
    TaskParam, TaskRunArtifacts, TaskWorkspace, TektonFeatureFlags, TrustDomain, VaultObject, VaultSecretProviderClass,
)

GOLANG = "docker.io/library/golang:1.23-alpine@sha256:d0b31558e6b3e4cc59f6011d79905835108c919143ebecc58f35965bf79948f4"
TRUST_DOMAIN = "example.org"
SPIRE_OIDC_ISSUER = f"https://oidc-discovery.{TRUST_DOMAIN}"
REKOR_URL = f"https://rekor.{TRUST_DOMAIN}"
SIGSTORE_TRUST = "sigstore-trust"

app = App()
cluster = Chart(app, "cluster")
TektonFeatureFlags(cluster, "feature-flags", coschedule=Coschedule.DISABLED)
ChainsConfig(cluster, "chains-config",
    keyless=KeylessSigning.custom(fulcio_address=f"https://fulcio.{TRUST_DOMAIN}", oidc_issuer=SPIRE_OIDC_ISSUER, provider=FulcioProvider.SPIFFE, rekor_url=REKOR_URL),
    task_runs=TaskRunArtifacts(format=ProvenanceFormat.SLSA_V2_ALPHA4, storage=[ChainsStorageBackend.OCI]),
    pipeline_runs=PipelineRunArtifacts(format=ProvenanceFormat.SLSA_V2_ALPHA4, storage=[ChainsStorageBackend.OCI], deep_inspection=True),
)
HardenedNamespace(cluster, "ci", name="ci", enforce=PodSecurityLevel.BASELINE,
    relaxations=[Relaxation(rule=RuleId.NAMESPACE_RESTRICTED, target=RelaxationTarget.pod_security_mode("enforce"),
        reason="ContainerBuild runs kaniko as UID 0 with CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, FSETID and SETFCAP, all in the baseline profile")])

rel = Chart(app, "release", namespace="ci")
git = GitCredential(rel, "git", secret_name="git-deploy-key", url="git@github.com:example/app.git",
    known_hosts="github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")
vault = VaultSecretProviderClass(rel, "registry-push", vault_address="https://vault.example.com:8200", role_name="ci-release",
    objects=[VaultObject(object_name="config.json", secret_path="secret/data/ci/registry", secret_key="config.json")],
    secret_objects=[SyncedSecret(secret_name="registry-push", secret_type=SyncedSecretType.DOCKER_CONFIG_JSON,
        data=[SyncedSecretKey(key=".dockerconfigjson", object_name="config.json")])])
registry = RegistryCredential(rel, "registry", secret_name="registry-push", vault=vault)
pipeline = SecurePipeline(rel, "release",
    parameters=[PipelineParam(name="git-url"), PipelineParam(name="git-revision"),
        PipelineParam(name="image", description="The repository and tag to push, e.g. registry.example.com/team/app:v1.2.3")],
    workspaces=[PipelineWorkspace(name="source", domain=TrustDomain.SOURCE), PipelineWorkspace(name="image", domain=TrustDomain.OUTPUT),
        PipelineWorkspace(name="git-credentials", domain=TrustDomain.CREDENTIALS), PipelineWorkspace(name="registry-credentials", domain=TrustDomain.CREDENTIALS),
        PipelineWorkspace(name="sigstore-trust", domain=TrustDomain.CREDENTIALS)],
    results=[PipelineResult(name="IMAGE_URL", value="$(tasks.push.results.IMAGE_URL)"), PipelineResult(name="IMAGE_DIGEST", value="$(tasks.push.results.IMAGE_DIGEST)"),
        PipelineResult(name="CHAINS-GIT_URL", value="$(tasks.clone.results.url)"), PipelineResult(name="CHAINS-GIT_COMMIT", value="$(tasks.clone.results.commit)")],
    relaxations=[Relaxation(rule=RuleId.RBAC_NO_ESCALATION, reason="the deploy task applies Deployment app, only after cosign verified its image")])
clone = pipeline.add_task(task=GitClone(rel, "git-clone", credential=git), name="clone",
    parameters={"url": "$(params.git-url)", "revision": "$(params.git-revision)"},
    workspaces={"source": "source", "git-credentials": "git-credentials"})
unit_test = SecureTask(rel, "unit-test",
    description="Run the repository's unit tests (user code: no credentials, no egress).",
    parameters=[TaskParam(name="revision", constraint=ParamConstraint.git_sha())],
    workspaces=[TaskWorkspace(name="source", domain=TrustDomain.SOURCE, read_only=True)],
    steps=[StepProps(name="test", image=GOLANG, working_dir="$(workspaces.source.path)",
        env={"REVISION": "$(params.revision)", "GOCACHE": "/tmp/go-cache", "GOPATH": "/tmp/go", "GOFLAGS": "-mod=vendor"},
        script="#!/bin/sh\nset -eu\necho \"testing $REVISION\"\ngo test ./...\n",
        resources=ComputeResources(cpu_request="1", memory_request="2Gi", cpu_limit="2", memory_limit="2Gi"))])
test = pipeline.add_task(task=unit_test, name="unit-test", run_after=[clone], parameters={"revision": "$(params.git-revision)"},
    workspaces={"source": "source"}, hermetic=True)
build = pipeline.add_task(task=ContainerBuild(rel, "container-build"), name="build", run_after=[test], workspaces={"source": "source", "image": "image"})
push = pipeline.add_task(task=ImagePush(rel, "image-push"), name="push", run_after=[build], parameters={"image": "$(params.image)"},
    workspaces={"image": "image", "dockerconfig": "registry-credentials"})
verify = pipeline.add_task(
    task=ImageVerify(rel, "image-verify",
        signer=ImageSigner.spiffe(oidc_issuer=SPIRE_OIDC_ISSUER, spiffe_id=f"spiffe://{TRUST_DOMAIN}/ns/tekton-chains/sa/tekton-chains-controller"),
        private_sigstore=True, rekor_url=REKOR_URL),
    name="verify", parameters={"image": f"{push.result('IMAGE_URL')}@{push.result('IMAGE_DIGEST')}"},
    workspaces={"sigstore-trust": "sigstore-trust"})
deploy = Deploy(rel, "deploy", objects=[DeployObject(api_group="apps", resource="deployments", name="app"), DeployObject(resource="services", name="app")],
    path="deploy", image="registry.example.com/team/app")
deploy_task = pipeline.add_task(task=deploy, name="deploy", run_after=[verify], parameters={"image-digest": verify.result("digest")}, workspaces={"manifests": "source"})
deploy.grant_to(deploy_task, api_server_cidrs=["10.96.0.1/32"], api_server_port=443)
clone.allow_egress_to(EgressPeer.cidr("140.82.112.0/20"), [EgressPort.tcp(22)])
build.allow_egress_to(EgressPeer.cidr("198.51.100.0/24"), [EgressPort.tcp(443)])
push.allow_egress_to(EgressPeer.cidr("203.0.113.0/24"), [EgressPort.tcp(443)])
verify.allow_egress_to(EgressPeer.cidr("203.0.113.0/24"), [EgressPort.tcp(443)])
verify.allow_egress_to(EgressPeer.cidr("192.0.2.0/28"), [EgressPort.tcp(443)])
registry.allow_chains_to_push(pipeline.service_account)

runs = Chart(app, "release-run", namespace="ci")
SecurePipelineRun(runs, "release", pipeline=pipeline,
    parameters={"git-url": "git@github.com:example/app.git", "git-revision": "0123456789abcdef0123456789abcdef01234567", "image": "registry.example.com/team/app:v1.0.0"},
    workspaces={"source": RunWorkspace.volume_claim_template(storage=Size.gibibytes(1)), "image": RunWorkspace.volume_claim_template(storage=Size.gibibytes(5)),
        "git-credentials": git.workspace(), "registry-credentials": registry.workspace(), "sigstore-trust": RunWorkspace.config_map(SIGSTORE_TRUST)})
app.synth()
