/**
 * Images the library itself puts into tasks, pinned by digest.
 *
 * alpine 3.21: the digest pinned by the Tekton catalog's kaniko task for its helper step.
 */
export const ALPINE_IMAGE =
  'docker.io/library/alpine:3.21@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';

/** cosign v2.4.1 (the index digest published for both ghcr.io/sigstore and gcr.io/projectsigstore). */
export const COSIGN_IMAGE =
  'ghcr.io/sigstore/cosign/cosign:v2.4.1@sha256:b03690aa52bfe94054187142fba24dc54137650682810633901767d8a3e15b31';

/**
 * Tekton's git-init (release v0.42.0): the digest that release's manifest pins
 * (`release.yaml` of tektoncd/pipeline v0.42.0). It carries git, ssh and `sh`.
 */
export const GIT_INIT_IMAGE =
  'ghcr.io/tektoncd/github.com/tektoncd/pipeline/cmd/git-init:v0.42.0@sha256:211b0822659b2030a9e12b1cdb47faab2187a63a24ed9d21044520f967674138';

/** kaniko executor v1.27.6 (the maintained osscontainertools fork): the digest the Tekton catalog's kaniko task 0.8 pins. */
export const KANIKO_IMAGE =
  'ghcr.io/osscontainertools/kaniko:v1.27.6@sha256:95779f52d460ca70b65a4f4679d4f5163ad6c33edea3303dc8bbff847de5e05c';

/**
 * crane v0.22.1 (go-containerregistry): the multi-arch index digest published for
 * the tag on gcr.io, as independent public repositories pin it. Built with ko (the
 * release workflow `ko build`s cmd/crane) on a static base: no shell, the binary at
 * `/ko-app/crane`.
 */
export const CRANE_IMAGE =
  'gcr.io/go-containerregistry/crane:v0.22.1@sha256:1f968817b95790bed063f71175aa6b8ff879fa17064020415f3e18bb6e6a36e1';

/**
 * kubectl v1.31.2 from the Kubernetes registry: the digest Rancher's
 * system-upgrade-controller release manifest pins (SYSTEM_UPGRADE_JOB_KUBECTL_IMAGE).
 * Shell-free, `kubectl` as the entrypoint.
 */
export const KUBECTL_IMAGE =
  'registry.k8s.io/kubectl:v1.31.2@sha256:d31de5468fb5c0943358671e3dcf8e4d8281108027efd1f211262d09aedd5519';
