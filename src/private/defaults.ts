/** UID and GID steps and pods run as unless told otherwise (the distroless "nonroot" user). */
export const NON_ROOT_ID = 65532;

/** Default compute resources of a step. */
export const DEFAULT_RESOURCES = { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '128Mi', memoryLimit: '512Mi' };

/** Compute resources of the small steps the library adds (param checks, results, retries' waits, a digest's lookup). */
export const SMALL_STEP_RESOURCES = { cpuRequest: '10m', cpuLimit: '100m', memoryRequest: '16Mi', memoryLimit: '32Mi' };

/** `$HOME` of every step, backed by an emptyDir volume. */
export const HOME_PATH = '/home/tekton';
/** Scratch space of every step, backed by an emptyDir volume. */
export const TMP_PATH = '/tmp';
/** Names of the emptyDir volumes behind `$HOME` and `/tmp`. */
export const HOME_VOLUME = 'secure-home';
export const TMP_VOLUME = 'secure-tmp';

/** Default pipeline run timeout. */
export const DEFAULT_PIPELINE_TIMEOUT_MINUTES = 60;

/** Name of the step that checks constrained params. */
export const VALIDATE_PARAMS_STEP = 'validate-params';

/** The Secrets Store CSI driver name. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';
