/**
 * Images the library itself puts into tasks, pinned by digest.
 *
 * alpine 3.21: the digest pinned by the Tekton catalog's kaniko task for its helper step.
 */
export const ALPINE_IMAGE =
  'docker.io/library/alpine:3.21@sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c';
