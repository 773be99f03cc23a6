// Command triggers-cel runs Tekton Triggers' own core interceptors (github.com/tektoncd/triggers
// v0.37.0: the cel, github, gitlab and bitbucket interceptors of pkg/interceptors, served by
// pkg/interceptors/server as the core-interceptors Deployment serves them) on requests, with a
// Secret store the caller chooses, and says for each request whether the interceptor lets the
// event through (`continue`) and why not.
//
// Usage:
//
//	triggers-cel < queries.jsonl
//
// Each input line is one JSON query:
//
//	{"interceptor":"cel","params":{"filter":"header.canonical('X-Token').compareSecret('token', 'hook')"},
//	 "requests":[{"body":"{}","header":{"X-Token":["abc"]},"extensions":{}}],
//	 "secrets":[{"mode":"none"},{"mode":"error"},{"mode":"value","value":"abc"}]}
//
// `params` is the interceptor's params as the sink sends them (`interceptor_params`: the map of
// the trigger's params by name, each value the param's JSON value). Each request is an
// InterceptorRequest as the sink sends it (`body`, `header`, `extensions`; the params and a
// `context` naming the trigger `namespaces/default/triggers/t` are added). A query without
// "requests" or "secrets" asks those of the query before it. Each request is run once per Secret
// store, the store answering every lookup of a Secret's key (compareSecret, and the secretRef of
// the github, gitlab and bitbucket interceptors):
//
//   - "none": with a value no request holds (it begins with a NUL byte, which no HTTP header
//     carries), so compareSecret is false and a signature or token never matches;
//   - "error": with an error, as when the Secret or its key does not exist;
//   - "value": with `value`.
//
// The request goes through the core-interceptors server's own ExecuteInterceptor (the JSON
// decoding of the InterceptorRequest, then the interceptor's Process), as the sink's POST does.
// Each output line, in the order of the input, holds one list per request, one answer per store:
//
//	{"results":[[{"continue":false,"code":"FailedPrecondition","message":"expression ... did not return true"}, ...]]}
//	{"error":"..."}
//
// `continue` is what the sink reads: false stops the trigger (pkg/sink ExecuteInterceptors). An
// interceptor that panics (cel-go building a map literal with bytes keys) answers `continue: false`
// with code "Panic" and what it panicked with: the server's HTTP handler, whose panic net/http
// recovers, closes the connection, and the sink, answered nothing, stops the trigger. A
// filter Triggers does not compile answers `continue: false` with code InvalidArgument and a
// message holding "failed to parse expression" or "check failed", as the interceptor answers it.
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/cdk8s-secure-tekton/conformance/jsonlines"
	triggersv1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	"github.com/tektoncd/triggers/pkg/interceptors/server"
	"go.uber.org/zap"
)

// secretStore answers every Secret lookup as its mode says.
type secretStore struct {
	Mode  string `json:"mode"`
	Value string `json:"value,omitempty"`
}

// noHeaderHolds is a Secret value no request header holds: HTTP forbids NUL in field values.
var noHeaderHolds = []byte("\x00no request carries this value\x00")

func (s secretStore) Get(_ context.Context, _ string, _ *triggersv1.SecretRef) ([]byte, error) {
	switch s.Mode {
	case "none":
		return noHeaderHolds, nil
	case "error":
		return nil, errors.New("secrets \"hook\" not found")
	default:
		return []byte(s.Value), nil
	}
}

type query struct {
	Interceptor string                       `json:"interceptor"`
	Params      map[string]interface{}       `json:"params"`
	Requests    []map[string]json.RawMessage `json:"requests"`
	Secrets     []secretStore                `json:"secrets"`
}

type answer struct {
	Continue bool   `json:"continue"`
	Code     string `json:"code,omitempty"`
	Message  string `json:"message,omitempty"`
}

func main() {
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	var requests []map[string]json.RawMessage
	var secrets []secretStore
	err := jsonlines.Each(os.Stdin, func(line []byte) error {
		var q query
		if err := json.Unmarshal(line, &q); err != nil {
			return out.Encode(map[string]string{"error": err.Error()})
		}
		if q.Requests != nil {
			requests = q.Requests
		}
		if q.Secrets != nil {
			secrets = q.Secrets
		}
		results := make([][]answer, len(requests))
		for i, r := range requests {
			for _, s := range secrets {
				a, err := run(q.Interceptor, q.Params, r, s)
				if err != nil {
					return out.Encode(map[string]string{"error": err.Error()})
				}
				results[i] = append(results[i], a)
			}
		}
		return out.Encode(map[string]interface{}{"results": results})
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

// execute runs the server's ExecuteInterceptor on req, and says what it panicked with, if it did:
// the core-interceptors server runs it in an HTTP handler, whose panic net/http recovers by
// closing the connection, so the sink gets no answer and stops the trigger.
func execute(srv *server.Server, req *http.Request) (resp []byte, panicked string, err error) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	resp, err = srv.ExecuteInterceptor(req)
	return resp, "", err
}

// run sends one request to the named core interceptor, through the server's ExecuteInterceptor.
func run(name string, params map[string]interface{}, request map[string]json.RawMessage, s secretStore) (answer, error) {
	srv, err := server.NewWithCoreInterceptors(s, zap.NewNop().Sugar())
	if err != nil {
		return answer{}, err
	}
	body := map[string]interface{}{}
	for k, v := range request {
		body[k] = v
	}
	body["interceptor_params"] = params
	body["context"] = triggersv1.TriggerContext{EventURL: "http://el-listener.default.svc.cluster.local:8080/", EventID: "event", TriggerID: "namespaces/default/triggers/t"}
	b, err := json.Marshal(body)
	if err != nil {
		return answer{}, err
	}
	req, err := http.NewRequest(http.MethodPost, "https://tekton-triggers-core-interceptors/"+name, io.NopCloser(bytes.NewReader(b)))
	if err != nil {
		return answer{}, err
	}
	resp, panicked, err := execute(srv, req)
	if panicked != "" {
		return answer{Code: "Panic", Message: panicked}, nil
	}
	if err != nil {
		return answer{}, err
	}
	var ir triggersv1.InterceptorResponse
	if err := json.Unmarshal(resp, &ir); err != nil {
		return answer{}, err
	}
	a := answer{Continue: ir.Continue}
	if !ir.Continue {
		a.Code = ir.Status.Code.String()
		a.Message = ir.Status.Message
	}
	return a, nil
}
