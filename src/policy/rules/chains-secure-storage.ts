import { CHAINS_GO, CHAINS_HTTPS_KEYS, parsesTrue } from '../../private/chains-keys';
import { goHttpsHost, goParseUrl } from '../../private/go-url';
import { httpFallbackRegistry, registryOf } from '../../private/image-references';
import { OPERATOR_CHAINS_DECIDES, OPERATOR_CHAINS_KEPT, OPERATOR_CHAINS_REPLACED, OPERATOR_CHAINS_REPLACED_LIMITS } from '../../private/operator-chains';
import { parseHttpsUrl } from '../../private/urls';
import { Severity } from '../rule';
import { chainsConfigProblems, chainsConfigRelaxation, isChainsConfigOrOperatorTarget, manifestRule } from '../rule-builders';
import { RuleId } from '../rule-id';

/** Chains talks to OCI registries over verified TLS, and to Fulcio, Rekor, TUF, Archivista and the KMS over https. */
export const CHAINS_SECURE_STORAGE = manifestRule(
  {
    id: RuleId.CHAINS_SECURE_STORAGE,
    severity: Severity.HIGH,
    title: 'Chains reaches OCI registries with TLS verification on, and Fulcio, Rekor, TUF, Archivista and the KMS over https',
    rationale: 'storage.oci.repository.insecure turns off TLS verification towards the registry that receives signatures and attestations, and a private or loopback registry address lets the registry client fall back to plain http: anyone on the network path can read, replace or drop them, which breaks the guarantees provenance exists for. '
      + 'Over plain http, the identity token Chains hands Fulcio, the Vault token it signs with and the entries it uploads to Rekor travel in clear.',
    fix: 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts), name the storage.oci.repository registry by a DNS name that is not localhost, and give every service Chains reaches an https:// URL (mount a private CA into the controller if needed).',
    decidesFrom:
      '`storage.oci.repository.insecure` in the ConfigMap named `chains-config` in namespace `tekton-chains` (or with no '
      + "namespace), read as Go's `strconv.ParseBool`: `1`, `t`, `T`, `true`, `TRUE` or `True` is a finding; and "
      + `${CHAINS_HTTPS_KEYS.map((k) => `\`${k}\``).join(', ')}: a value that Go's \`url.Parse\` (which Chains' clients use; Go 1.26, which Chains v0.29.2 is built with, also refuses a host with two colons, as in \`https://vault:8200:443\`) does not read as an https:// URL with a host is a finding (a space around it included), `
      + 'whether or not the setting is in use. A `storage.oci.repository` whose registry go-containerregistry v0.21 (which '
      + 'Chains v0.29.2 links) also reaches over http when https fails is a finding: an RFC 1918 IPv4 address (10/8, '
      + '172.16/12, 192.168/16, with a port or not), a name starting `localhost:`, one ending `.localhost`, `127.0.0.1`, '
      + '`::1` or `[::1]` (its `name.Registry.Scheme()`).' + OPERATOR_CHAINS_DECIDES + OPERATOR_CHAINS_REPLACED + OPERATOR_CHAINS_KEPT,
    limits:
      'TLS towards docdb, grafeas and GCS (set by their client libraries), the certificates the services present and the CAs '
      + 'the controller trusts are not judged, nor are the registries of the images Chains signs next to (without '
      + '`storage.oci.repository`), which the runs name. `signers.x509.fulcio.issuer` is not judged: Chains hands Fulcio the '
      + 'token its provider gives and never contacts the issuer.' + OPERATOR_CHAINS_REPLACED_LIMITS,
    howToRelax: chainsConfigRelaxation(RuleId.CHAINS_SECURE_STORAGE, 'the storage setting `insecureOciRepository: true`'),
    relaxable: true,
    appliesTo: isChainsConfigOrOperatorTarget,
  },
  (manifest, context) => chainsConfigProblems(manifest, context, (view) => {
    const { data, property } = view;
    const value = data['storage.oci.repository.insecure'];
    const insecure = parsesTrue(value) ? [{
      property: property('storage.oci.repository.insecure'),
      value,
      problem: 'turns TLS verification off',
      fix: view.operator
        ? `Write storage.oci.repository.insecure: false under ${view.operator.prefix}, or leave it out (give the registry a certificate the controller trusts).`
        : 'Leave storage.oci.repository.insecure "false" (give the registry a certificate the controller trusts).',
    }] : [];
    // Chains' clients parse the URL with Go's url.Parse, which refuses spaces and bad %-escapes a WHATWG parser reads
    // (Go 1.26, which Chains v0.29.2 builds with, also refuses a second colon in an https host, as both do): a URL
    // written with https that Go refuses is named so, not as one that lacks https
    const unread = CHAINS_HTTPS_KEYS.filter((k) => data[k] !== undefined && goHttpsHost(data[k], CHAINS_GO) === undefined);
    const plain = unread.map((k) => (goParseUrl(data[k], CHAINS_GO) === undefined && (parseHttpsUrl(data[k]) || /^https:\/\//i.test(data[k])) ? {
      property: property(k),
      value: data[k],
      problem: "is not a URL Go's url.Parse reads (Chains v0.29.2 is built with Go 1.26): Chains cannot reach the service, so nothing is sent there",
      fix: 'Write the https:// URL without spaces around it, with %-escapes of two hex digits and at most one port (https://host:port/path).',
    } : {
      property: property(k),
      value: data[k],
      problem: 'is not an https:// URL: Chains sends tokens, signatures or provenance there',
      fix: 'Use an https:// URL (mount a private CA into the controller if needed).',
    }));
    const repository = data['storage.oci.repository'];
    const registry = repository === undefined ? undefined : registryOf(repository);
    const fallback = registry !== undefined && httpFallbackRegistry(registry) ? [{
      property: property('storage.oci.repository'),
      value: repository,
      problem: `names the registry ${registry}, which Chains' registry client (go-containerregistry) also tries over plain http when https fails `
        + '(an RFC 1918 address, localhost with a port, *.localhost, 127.0.0.1 or ::1): anyone on the network path can make https fail, then '
        + 'read the registry credentials and replace or drop the signatures and attestations',
      fix: 'Name the registry by a DNS name (not localhost or *.localhost) or an address outside RFC 1918, which go-containerregistry reaches over https only, with a certificate the controller trusts.',
    }] : [];
    return [...insecure, ...fallback, ...plain];
  }),
);
