/**
 * Which volumes hold nothing a run leaves behind (WORKSPACE_PER_RUN, and the admission
 * policies that check the same).
 */
import { SECRETS_STORE_CSI_DRIVER } from './defaults';

/**
 * Volume sources made for the pod (emptyDir, an image, an ephemeral claim, whose claim is checked
 * apart) or filled from the API server (configMap, secret, projected, downwardAPI); `csi` when its
 * driver is one of PER_POD_CSI_DRIVERS. `hostPath` and `gitRepo` (which clones afresh for the
 * pod, but runs git on the node) are NO_HOST_ACCESS's. Every other source (persistentVolumeClaim, nfs, iscsi, cephfs, rbd, cloud
 * disks ...) is storage that outlives the run.
 */
export const PER_POD_VOLUME_SOURCES: readonly string[] = ['emptyDir', 'configMap', 'secret', 'projected', 'downwardAPI', 'image', 'ephemeral', 'csi', 'hostPath', 'gitRepo'];

/**
 * CSI drivers whose inline volumes are made for the pod from what the API server or a secret
 * store holds: the Secrets Store CSI driver (Vault), cert-manager's csi-driver, SPIFFE's. Any
 * other driver may mount storage that outlives the run.
 */
export const PER_POD_CSI_DRIVERS: readonly string[] = [SECRETS_STORE_CSI_DRIVER, 'csi.cert-manager.io', 'csi.spiffe.io'];
