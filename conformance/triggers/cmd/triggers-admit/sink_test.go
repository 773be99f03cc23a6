package main

// What a trigger group's null interceptor entry, which Triggers' webhooks admit (see admit), does to
// the EventListener's sink process: each case serves one EventListener in a child process with the
// handler stack pkg/adapter's sinker.Start builds (http.Server, http.TimeoutHandler, the metrics
// interceptor, IsValidPayload, Sink.HandleEvent) and sends it two events without any signature. The
// sink runs each trigger group in a goroutine of its own (HandleEvent: `go func(g ...)`), outside
// the connection's goroutine in which net/http recovers a handler's panic, so a panic there ends the
// process: the child exits with Go's "panic:" and the second event is never answered.
//
//	go test ./cmd/triggers-admit/

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	triggersv1alpha1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1alpha1"
	triggersv1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	listersv1alpha1 "github.com/tektoncd/triggers/pkg/client/listers/triggers/v1alpha1"
	listers "github.com/tektoncd/triggers/pkg/client/listers/triggers/v1beta1"
	"github.com/tektoncd/triggers/pkg/sink"
	"go.uber.org/zap"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
	"knative.dev/pkg/apis"
	duckv1 "knative.dev/pkg/apis/duck/v1"
)

const childVariable = "TRIGGERS_SINK_GROUP_INTERCEPTORS"

// refusing answers the github interceptor's request as the core one answers an event without a valid signature.
type refusing struct{ transport }

func (t refusing) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Hostname() == "github."+interceptorHost {
		body := `{"continue":false,"status":{"code":3,"message":"no X-Hub-Signature-256 set"}}`
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
	return t.transport.RoundTrip(r)
}

// serve runs the sink of an EventListener whose one trigger group has the interceptors `group`
// (JSON), sends it two unsigned events and prints the status of each answer.
func serve(group string) {
	var interceptors []*triggersv1.TriggerInterceptor
	if err := json.Unmarshal([]byte(group), &interceptors); err != nil {
		panic(err)
	}
	el := &triggersv1.EventListener{
		ObjectMeta: metav1.ObjectMeta{Name: "listener", Namespace: "ci"},
		Spec: triggersv1.EventListenerSpec{TriggerGroups: []triggersv1.EventListenerTriggerGroup{{
			Name: "push", Interceptors: interceptors,
			TriggerSelector: triggersv1.EventListenerTriggerSelector{LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"group": "push"}}},
		}}},
	}
	index := func() cache.Indexer {
		return cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	}
	listeners, clusterScoped := index(), index()
	_ = listeners.Add(el)
	for _, name := range []string{"github", "cel"} {
		address := duckv1.AddressStatus{Address: &duckv1.Addressable{URL: &apis.URL{Scheme: "http", Host: name + "." + interceptorHost}}}
		_ = clusterScoped.Add(&triggersv1alpha1.ClusterInterceptor{ObjectMeta: metav1.ObjectMeta{Name: name},
			Status: triggersv1alpha1.ClusterInterceptorStatus{AddressStatus: address}})
	}
	if _, err := sink.NewRecorder(); err != nil {
		panic(err)
	}
	r := sink.Sink{
		HTTPClient:               &http.Client{Transport: refusing{}},
		EventListenerName:        "listener",
		EventListenerNamespace:   "ci",
		PayloadValidation:        true,
		Logger:                   zap.NewNop().Sugar(),
		Auth:                     sink.DefaultAuthOverride{},
		WGProcessTriggers:        &sync.WaitGroup{},
		EventListenerLister:      listers.NewEventListenerLister(listeners),
		TriggerLister:            listers.NewTriggerLister(index()),
		ClusterInterceptorLister: listersv1alpha1.NewClusterInterceptorLister(clusterScoped),
		InterceptorLister:        listersv1alpha1.NewInterceptorLister(index()),
	}
	// as pkg/adapter sinker.Start serves it
	mux := http.NewServeMux()
	metricsRecorder := &sink.MetricsHandler{Handler: r.IsValidPayload(http.HandlerFunc(r.HandleEvent))}
	mux.HandleFunc("/", metricsRecorder.Intercept(r.NewMetricsRecorderInterceptor()))
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.TimeoutHandler(mux, 5*time.Second, "EventListener Timeout!\n")}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() { _ = srv.Serve(listener) }()
	for i := 1; i <= 2; i++ {
		resp, err := http.Post("http://"+listener.Addr().String()+"/", "application/json", bytes.NewReader([]byte(`{"ref":"refs/heads/main"}`)))
		if err != nil {
			fmt.Printf("event %d: %v\n", i, err)
			os.Exit(1)
		}
		_ = resp.Body.Close()
		// the groups run after the answer: wait for them before the next event
		r.WGProcessTriggers.Wait()
		fmt.Printf("event %d: %d\n", i, resp.StatusCode)
	}
}

func TestTriggerGroupNullEntryEndsTheSinkProcess(t *testing.T) {
	if group := os.Getenv(childVariable); group != "" {
		serve(group)
		return
	}
	const github = `{"ref":{"name":"github","kind":"ClusterInterceptor"},"params":[{"name":"secretRef","value":{"secretName":"hook","secretKey":"token"}}]}`
	const cel = `{"ref":{"name":"cel","kind":"ClusterInterceptor"},"params":[{"name":"filter","value":"true"}]}`
	for _, c := range []struct {
		group string
		ends  bool
	}{
		// the first event, unsigned, ends the process
		{`[null]`, true},
		{`[` + cel + `, null]`, true},
		{`[null, ` + github + `]`, true},
		// an interceptor before it that stops the unsigned event keeps it from the null entry
		{`[` + github + `, null]`, false},
		{`[` + github + `]`, false},
		{`[` + cel + `]`, false},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTriggerGroupNullEntryEndsTheSinkProcess$")
		cmd.Env = append(os.Environ(), childVariable+"="+c.group)
		out, err := cmd.CombinedOutput()
		text := string(out)
		if c.ends {
			exit, ok := err.(*exec.ExitError)
			if !ok || exit.ExitCode() != 2 || !strings.Contains(text, "panic: runtime error: invalid memory address or nil pointer dereference") ||
				!strings.Contains(text, "sink.Sink.processTriggerGroups") || strings.Contains(text, "event 2:") {
				t.Errorf("group %s: want the process ended by the first event's panic, got %v:\n%s", c.group, err, text)
			}
		} else if err != nil || !strings.Contains(text, "event 1: 202\nevent 2: 202\n") {
			t.Errorf("group %s: want both events answered 202, got %v:\n%s", c.group, err, text)
		}
	}
}
