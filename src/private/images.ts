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
