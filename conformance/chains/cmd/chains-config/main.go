// Command chains-config says what Tekton Chains makes of the data of a chains-config ConfigMap, with
// Chains' own code: its configuration parser (pkg/config NewConfigFromMap), the artifact types it
// turns off (Artifact.Enabled), the payloaders its formats register (formats.GetPayloader), the
// storage backends it starts (pkg/chains/storage InitializeBackends), and, of the signers its
// allSigners builds (pkg/chains/signing.go), the failures that the configuration alone decides.
//
// Usage:
//
//	chains-config < requests.jsonl
//
// Each input line is one JSON request, the data as the API server stores it (strings):
//
//	{"data":{"artifacts.oci.signer":"kms","signers.kms.kmsref":"gcpkms://projects/p"}}
//
// Each output line, in the order of the input, is either
//
//	{"error":"failed to parse data: ..."}
//
// (Chains refuses the whole configuration: its controller keeps the one it had, or exits at
// start), or what Chains makes of it:
//
//	{"artifacts":{"taskrun":{"format","signer","storage":[...],"enabled","payloader"},"pipelinerun":{...},"oci":{...}},
//	 "deepInspection", "transparency":{"enabled","verifyAnnotation","url"},
//	 "x509":{"fulcioEnabled","fulcioAddress","fulcioIssuer","fulcioProvider","identityTokenFile","tufMirrorURL"},
//	 "kms":{"kmsref","authAddress"}, "oci":{"repository","insecure","encodingFormat"},
//	 "gcsBucket","docdbURL","grafeasProjectID","archivistaURL","builderID","buildType",
//	 "signers":["kms","x509"], "signerErrors":{"kms":"..."},
//	 "backends":{"configured":[...],"started":[...],"error":"..."}, "cloudBackends":[...],
//	 "unread":[...], "notHttps":[...]}
//
// `enabled` is Chains' Artifact.Enabled (false for signer "none" or storage written ""): Sign skips
// the type. `payloader` is whether formats.GetPayloader finds the type's format.
//
// `signers` are the signers allSigners builds (those some artifact type names); `signerErrors` the
// ones it leaves out for a reason the configuration alone decides: the kms signer's
// signers.kms.auth.address that url.Parse refuses, or a kmsref no registered sigstore provider
// accepts (kms.Get: the provider whose scheme prefixes the reference, and its ValidReference; no
// provider means sigstore's CLI plugin, which the controller image has none of); the x509 signer
// through Fulcio (signers.x509.fulcio.enabled) whose TUF mirror's root.json url.JoinPath refuses or
// http.Get cannot ask for (a scheme other than http and https, no host), or whose provider (after
// fulcioSigner's rewrite of filesystem or "" to filesystem-custom-path when a token file is set)
// cosign's ProvideFrom does not know. What needs the cluster or the network (the signing Secret, a
// KMS or Fulcio answering, a provider's token) is not judged.
//
// `backends` is what InitializeBackends does with the backends that start without a cloud client:
// tekton, oci, archivista, pubsub (it starts none for a name it has no case for, such as kafka); and
// docdb, judged as its NewStorageBackend judges the URL before it connects (url.Parse, then a
// docstore driver for the scheme). One that fails makes InitializeBackends return none at all
// (`error`, `started` null). gcs and grafeas, which need Google credentials to start, are listed in
// `cloudBackends` and not started.
//
// `unread` lists the keys of the data Chains never reads: NewConfigFromMap with the key alone, set to
// a probe string or to "true", gives Chains' defaults. `notHttps` lists the URL keys of the data
// (transparency.url, signers.x509.fulcio.address, signers.x509.tuf.mirror.url,
// storage.archivista.url, signers.kms.auth.address) whose value Go's url.Parse, with which Chains'
// clients read them, does not read as an https URL with a host.
//
// Version: Chains v0.26.2, the newest release the Go module proxy serves, is built, with the
// sigstore (v1.10.9, its KMS providers) and cosign (v2.6.5, its Fulcio providers) releases Chains
// v0.29.2 links. Its pkg/config, storage and signer selection are v0.29.2's but for two keys
// v0.29.2 adds, which this command reads as v0.29.2 does before it hands the rest to v0.26.2:
// storage.oci.encoding-format (asString with the values dsse and sigstore-bundle: another value
// refuses the configuration) and signers.kms.auth.oidc.token-path (a free string).
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	"github.com/sigstore/cosign/v2/pkg/providers"
	_ "github.com/sigstore/cosign/v2/pkg/providers/all"
	sigkms "github.com/sigstore/sigstore/pkg/signature/kms"
	"github.com/sigstore/sigstore/pkg/signature/kms/aws"
	"github.com/sigstore/sigstore/pkg/signature/kms/azure"
	"github.com/sigstore/sigstore/pkg/signature/kms/gcp"
	"github.com/sigstore/sigstore/pkg/signature/kms/hashivault"
	"github.com/sigstore/sigstore/pkg/tuf"
	"github.com/tektoncd/chains/pkg/chains/formats"
	_ "github.com/tektoncd/chains/pkg/chains/formats/all"
	_ "github.com/tektoncd/chains/pkg/chains/signing/kms"
	_ "github.com/tektoncd/chains/pkg/chains/signing/x509"
	"github.com/tektoncd/chains/pkg/chains/storage"
	"github.com/tektoncd/chains/pkg/chains/storage/docdb"
	"github.com/tektoncd/chains/pkg/chains/storage/gcs"
	"github.com/tektoncd/chains/pkg/chains/storage/grafeas"
	"github.com/tektoncd/chains/pkg/config"
	"go.uber.org/zap"
	"gocloud.dev/docstore"
	"k8s.io/apimachinery/pkg/util/sets"
	"knative.dev/pkg/logging"
)

type request struct {
	Data map[string]string `json:"data"`
}

type artifact struct {
	Format    string   `json:"format"`
	Signer    string   `json:"signer"`
	Storage   []string `json:"storage"`
	Enabled   bool     `json:"enabled"`
	Payloader bool     `json:"payloader"`
}

type backends struct {
	Configured []string `json:"configured"`
	Started    []string `json:"started"`
	Error      string   `json:"error,omitempty"`
}

type answer struct {
	Error            string              `json:"error,omitempty"`
	Artifacts        map[string]artifact `json:"artifacts,omitempty"`
	DeepInspection   bool                `json:"deepInspection"`
	Transparency     map[string]any      `json:"transparency,omitempty"`
	X509             map[string]any      `json:"x509,omitempty"`
	KMS              map[string]any      `json:"kms,omitempty"`
	OCI              map[string]any      `json:"oci,omitempty"`
	GCSBucket        string              `json:"gcsBucket"`
	DocDBURL         string              `json:"docdbURL"`
	GrafeasProjectID string              `json:"grafeasProjectID"`
	ArchivistaURL    string              `json:"archivistaURL"`
	BuilderID        string              `json:"builderID"`
	BuildType        string              `json:"buildType"`
	Signers          []string            `json:"signers,omitempty"`
	SignerErrors     map[string]string   `json:"signerErrors,omitempty"`
	Backends         *backends           `json:"backends,omitempty"`
	CloudBackends    []string            `json:"cloudBackends,omitempty"`
	Unread           []string            `json:"unread"`
	NotHTTPS         []string            `json:"notHttps,omitempty"`
}

// The keys whose value is a URL Chains' clients reach (Rekor, Fulcio, the TUF mirror, Archivista, Vault).
var urlKeys = []string{"transparency.url", "signers.x509.fulcio.address", "signers.x509.tuf.mirror.url", "storage.archivista.url", "signers.kms.auth.address"}

// notHTTPS lists the URL keys set in data whose value Go's url.Parse, which Chains' clients parse them
// with, does not read as an https URL with a host.
func notHTTPS(data map[string]string) []string {
	out := []string{}
	for _, k := range urlKeys {
		v, ok := data[k]
		if !ok {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			out = append(out, k)
		}
	}
	return out
}

// The keys Chains v0.29.2 reads that v0.26.2 does not (pkg/config/config.go), with v0.29.2's allowed values.
const encodingFormatKey = "storage.oci.encoding-format"
const oidcTokenPathKey = "signers.kms.auth.oidc.token-path"

var encodingFormats = sets.New[string]("dsse", "sigstore-bundle")

// parse is v0.29.2's NewConfigFromMap: the two keys v0.26.2 lacks read as v0.29.2 reads them (its
// asString; the error text is asString's), then the rest by v0.26.2's. The config's encoding format
// (v0.29.2's default dsse) is returned beside it, since v0.26.2's Config has no field for it.
func parse(data map[string]string) (*config.Config, string, error) {
	rest := map[string]string{}
	encoding := "dsse"
	for k, v := range data {
		switch k {
		case encodingFormatKey:
			if !encodingFormats.Has(v) {
				return nil, "", fmt.Errorf("failed to parse data: invalid value %q wanted one of %v", v, sets.List(encodingFormats))
			}
			encoding = v
		case oidcTokenPathKey:
			// a free string (KMSAuthOIDC.TokenPath), which no check of this command reads
		default:
			rest[k] = v
		}
	}
	cfg, err := config.NewConfigFromMap(rest)
	return cfg, encoding, err
}

var types = []string{"taskrun", "pipelinerun", "oci"}

func artifactOf(cfg *config.Config, t string) *config.Artifact {
	switch t {
	case "taskrun":
		return &cfg.Artifacts.TaskRuns
	case "pipelinerun":
		return &cfg.Artifacts.PipelineRuns
	default:
		return &cfg.Artifacts.OCI
	}
}

// kmsRefError is why sigstore's kms.Get, as Chains' kms.NewSigner calls it, makes no signer of ref
// before it contacts anything: no provider registered for its scheme, or a reference the provider's
// ValidReference refuses.
func kmsRefError(ref string) error {
	for _, scheme := range sigkms.SupportedProviders() {
		if !strings.HasPrefix(ref, scheme) {
			continue
		}
		switch scheme {
		case aws.ReferenceScheme:
			return aws.ValidReference(ref)
		case azure.ReferenceScheme:
			return azure.ValidReference(ref)
		case gcp.ReferenceScheme:
			return gcp.ValidReference(ref)
		case hashivault.ReferenceScheme, hashivault.AlternativeScheme:
			return hashivault.ValidReference(ref)
		default:
			return fmt.Errorf("provider %s registered, but its reference check is not known here", scheme)
		}
	}
	return fmt.Errorf("no KMS provider for %q (sigstore would run a CLI plugin, which the controller image has none of)", ref)
}

// signerErrors: of the signers allSigners builds, those it leaves out for a reason the config alone decides.
func signerErrors(cfg *config.Config, needed sets.Set[string]) map[string]string {
	out := map[string]string{}
	if needed.Has("kms") {
		// kms.NewSigner: url.Parse of signers.kms.auth.address (then a dial, not judged), then kms.Get
		if a := cfg.Signers.KMS.Auth.Address; a != "" {
			if _, err := url.Parse(a); err != nil {
				out["kms"] = err.Error()
			}
		}
		if _, ok := out["kms"]; !ok {
			if err := kmsRefError(cfg.Signers.KMS.KMSRef); err != nil {
				out["kms"] = err.Error()
			}
		}
	}
	if needed.Has("x509") && cfg.Signers.X509.FulcioEnabled {
		x := cfg.Signers.X509
		// fulcioSigner: a TUF mirror other than sigstore's default is initialized from <mirror>/root.json
		if x.TUFMirrorURL != tuf.DefaultRemoteRoot {
			// then http.Get(root), whose transport refuses a URL with another scheme or no host before it connects
			root, err := url.JoinPath(x.TUFMirrorURL, "root.json")
			if err == nil {
				var req *http.Request
				if req, err = http.NewRequest(http.MethodGet, root, nil); err == nil {
					if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
						err = fmt.Errorf("unsupported protocol scheme %q", req.URL.Scheme)
					} else if req.URL.Host == "" {
						err = errors.New("http: no Host in request URL")
					}
				}
			}
			if err != nil {
				out["x509"] = "initialize tuf: " + err.Error()
			}
		}
		provider := x.FulcioProvider
		if x.IdentityTokenFile != "" {
			switch provider {
			case "filesystem", "", "filesystem-custom-path":
				provider = "filesystem-custom-path"
			}
		}
		if _, ok := out["x509"]; !ok && provider != "" {
			if _, err := providers.ProvideFrom(context.Background(), provider); err != nil {
				out["x509"] = "provide from: " + err.Error()
			}
		}
	}
	return out
}

// startBackends runs InitializeBackends on the backends that start without cloud credentials; docdb is
// judged as its NewStorageBackend judges the URL before it opens the collection.
func startBackends(ctx context.Context, cfg *config.Config) (*backends, []string) {
	configured := sets.New[string]()
	cloud := sets.New[string]()
	local := cfg.DeepCopy()
	for _, t := range types {
		a := artifactOf(local, t)
		if !a.Enabled() {
			continue
		}
		configured.Insert(sets.List(a.StorageBackend)...)
		keep := sets.New[string]()
		for b := range a.StorageBackend {
			switch b {
			case gcs.StorageBackendGCS, grafeas.StorageBackendGrafeas:
				cloud.Insert(b)
			case docdb.StorageTypeDocDB:
			default:
				keep.Insert(b)
			}
		}
		a.StorageBackend = keep
	}
	out := &backends{Configured: sets.List(configured)}
	started, err := storage.InitializeBackends(ctx, nil, nil, *local)
	if err == nil && configured.Has(docdb.StorageTypeDocDB) {
		u, perr := url.Parse(cfg.Storage.DocDB.URL)
		switch {
		case perr != nil:
			err = perr
		case !docstore.DefaultURLMux().ValidCollectionScheme(u.Scheme):
			err = fmt.Errorf("open collection %q: no driver registered for %q", cfg.Storage.DocDB.URL, u.Scheme)
		default:
			started[docdb.StorageTypeDocDB] = nil
		}
	}
	if err != nil {
		out.Error = err.Error()
		return out, sets.List(cloud)
	}
	names := []string{}
	for name := range started {
		names = append(names, name)
	}
	sort.Strings(names)
	out.Started = names
	return out, sets.List(cloud)
}

// unread lists the keys of data Chains never reads.
func unread(data map[string]string) []string {
	base, baseEncoding, _ := parse(map[string]string{})
	out := []string{}
	for key := range data {
		read := false
		for _, probe := range []string{"\x00probe", "true"} {
			cfg, encoding, err := parse(map[string]string{key: probe})
			if err != nil || !reflect.DeepEqual(cfg, base) || encoding != baseEncoding || key == oidcTokenPathKey {
				read = true
				break
			}
		}
		if !read {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	return out
}

func evaluate(ctx context.Context, data map[string]string) answer {
	cfg, encoding, err := parse(data)
	if err != nil {
		return answer{Error: err.Error(), Unread: unread(data)}
	}
	out := answer{Artifacts: map[string]artifact{}, SignerErrors: map[string]string{}}
	needed := sets.New[string]()
	for _, t := range types {
		a := artifactOf(cfg, t)
		_, perr := formats.GetPayloader(config.PayloadType(a.Format), *cfg)
		out.Artifacts[t] = artifact{Format: a.Format, Signer: a.Signer, Storage: sets.List(a.StorageBackend), Enabled: a.Enabled(), Payloader: perr == nil}
		// allSigners builds every signer an artifact type names, on or off; "none" is no signer it knows
		if a.Signer == "x509" || a.Signer == "kms" {
			needed.Insert(a.Signer)
		}
	}
	out.DeepInspection = cfg.Artifacts.PipelineRuns.DeepInspectionEnabled
	out.Transparency = map[string]any{"enabled": cfg.Transparency.Enabled, "verifyAnnotation": cfg.Transparency.VerifyAnnotation, "url": cfg.Transparency.URL}
	x := cfg.Signers.X509
	out.X509 = map[string]any{"fulcioEnabled": x.FulcioEnabled, "fulcioAddress": x.FulcioAddr, "fulcioIssuer": x.FulcioOIDCIssuer,
		"fulcioProvider": x.FulcioProvider, "identityTokenFile": x.IdentityTokenFile, "tufMirrorURL": x.TUFMirrorURL}
	out.KMS = map[string]any{"kmsref": cfg.Signers.KMS.KMSRef, "authAddress": cfg.Signers.KMS.Auth.Address}
	out.OCI = map[string]any{"repository": cfg.Storage.OCI.Repository, "insecure": cfg.Storage.OCI.Insecure, "encodingFormat": encoding}
	out.GCSBucket = cfg.Storage.GCS.Bucket
	out.DocDBURL = cfg.Storage.DocDB.URL
	out.GrafeasProjectID = cfg.Storage.Grafeas.ProjectID
	out.ArchivistaURL = cfg.Storage.Archivista.URL
	out.BuilderID = cfg.Builder.ID
	out.BuildType = cfg.BuildDefinition.BuildType
	out.Signers = sets.List(needed)
	out.SignerErrors = signerErrors(cfg, needed)
	out.Backends, out.CloudBackends = startBackends(ctx, cfg)
	out.Unread = unread(data)
	out.NotHTTPS = notHTTPS(data)
	return out
}

func main() {
	ctx := logging.WithLogger(context.Background(), zap.NewNop().Sugar())
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	err := jsonlines.Each(os.Stdin, func(line []byte) error {
		var req request
		if err := json.Unmarshal(line, &req); err != nil {
			return enc.Encode(answer{Error: "request: " + err.Error(), Unread: []string{}})
		}
		if req.Data == nil {
			req.Data = map[string]string{}
		}
		if err := enc.Encode(evaluate(ctx, req.Data)); err != nil {
			return err
		}
		// one answer a line as soon as it is ready: the caller may wait for it before the next request
		return w.Flush()
	})
	if err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	w.Flush()
}
