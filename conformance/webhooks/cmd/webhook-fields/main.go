// Command webhook-fields prints, as JSON, the fields of the webhook events GitHub, GitLab and
// Bitbucket Cloud send whose value is an object or an array, as the Go types of their clients
// declare them: github.com/google/go-github's events (every type EventForType gives for
// MessageTypes), gitlab.com/gitlab-org/api/client-go's (every type ParseWebhook decodes into)
// and github.com/go-playground/webhooks' Bitbucket Cloud payloads. A field is read by its
// encoding/json name (embedded structs flattened); a struct, a slice or a map is an object or
// an array, a string, number or bool is not, and a type with a JSON method of its own (a time, a
// raw message) or an interface is not known.
//
// Output: {"<host>": {"<type>": {"<field>": ["<type>", …]}}}: for each struct type of the host's
// events (by its Go name; one declared inline is named by where it is, `MergeEvent.object_attributes`),
// its fields that are objects or arrays and what each holds (a struct type, "[]" an array, "{}" a
// map). The type "" is the body: every field of every event, with each type it has in one of them.
// scripts/generate-webhook-fields.ts stores it as conformance/webhook-fields.json.
package main

import (
	"encoding"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"

	bitbucket "github.com/go-playground/webhooks/v6/bitbucket"
	"github.com/google/go-github/v73/github"
	gitlab "gitlab.com/gitlab-org/api/client-go"
)

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// shape is what encoding/json makes of a value of t: "container", "scalar" or "" (not known).
func shape(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
		return ""
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "container"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return ""
		}
		return "container"
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "scalar"
	}
	return ""
}

// fields are the fields encoding/json reads of struct t, by name (embedded structs without a name flattened).
func fields(t reflect.Type, out map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			fields(ft, out)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, ok := out[name]; !ok {
			out[name] = f.Type
		}
	}
}

// graph is the types of a host's events: for each type, its fields that are objects or arrays and
// the types they hold ("[]" an array, "{}" a map, else a struct's name); the type "" is the body of
// every event at once.
type graph map[string]map[string][]string

// name names struct t in the graph: its Go name, or for a struct without one, where it is declared.
func name(t reflect.Type, at string) string {
	if t.Name() != "" {
		return t.Name()
	}
	return at
}

// add records struct t under the name n, and every struct its fields hold.
func (g graph) add(t reflect.Type, n string) {
	if _, ok := g[n]; ok {
		return
	}
	fs := map[string]reflect.Type{}
	fields(t, fs)
	node := map[string][]string{}
	g[n] = node
	for field, ft := range fs {
		if shape(ft) != "container" {
			continue
		}
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.Struct:
			child := name(ft, n+"."+field)
			node[field] = []string{child}
			g.add(ft, child)
		case reflect.Map:
			node[field] = []string{"{}"}
		default:
			node[field] = []string{"[]"}
		}
	}
}

// of is the graph of a host's events, the body "" holding every event's fields.
func of(events []any) graph {
	g := graph{}
	root := map[string][]string{}
	for _, e := range events {
		t := reflect.TypeOf(e)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		n := name(t, "")
		g.add(t, n)
		for field, types := range g[n] {
			for _, ty := range types {
				if !contains(root[field], ty) {
					root[field] = append(root[field], ty)
				}
			}
		}
	}
	for _, types := range root {
		sort.Strings(types)
	}
	g[""] = root
	return g
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func main() {
	var gh []any
	for _, m := range github.MessageTypes() {
		gh = append(gh, github.EventForType(m))
	}
	gl := []any{
		&gitlab.BuildEvent{}, &gitlab.CommitCommentEvent{}, &gitlab.DeploymentEvent{}, &gitlab.FeatureFlagEvent{},
		&gitlab.GroupResourceAccessTokenEvent{}, &gitlab.GroupSystemEvent{}, &gitlab.IssueCommentEvent{}, &gitlab.IssueEvent{},
		&gitlab.JobEvent{}, &gitlab.KeySystemEvent{}, &gitlab.MemberEvent{}, &gitlab.MergeCommentEvent{}, &gitlab.MergeEvent{},
		&gitlab.PipelineEvent{}, &gitlab.ProjectResourceAccessTokenEvent{}, &gitlab.ProjectSystemEvent{}, &gitlab.PushEvent{},
		&gitlab.PushSystemEvent{}, &gitlab.ReleaseEvent{}, &gitlab.RepositoryUpdateSystemEvent{}, &gitlab.SnippetCommentEvent{},
		&gitlab.SubGroupEvent{}, &gitlab.TagEvent{}, &gitlab.TagPushSystemEvent{}, &gitlab.UserGroupSystemEvent{},
		&gitlab.UserSystemEvent{}, &gitlab.UserTeamSystemEvent{}, &gitlab.WikiPageEvent{},
	}
	bb := []any{
		bitbucket.RepoPushPayload{}, bitbucket.RepoForkPayload{}, bitbucket.RepoUpdatedPayload{}, bitbucket.RepoCommitCommentCreatedPayload{},
		bitbucket.RepoCommitStatusCreatedPayload{}, bitbucket.RepoCommitStatusUpdatedPayload{}, bitbucket.IssueCreatedPayload{},
		bitbucket.IssueUpdatedPayload{}, bitbucket.IssueCommentCreatedPayload{}, bitbucket.PullRequestCreatedPayload{},
		bitbucket.PullRequestUpdatedPayload{}, bitbucket.PullRequestApprovedPayload{}, bitbucket.PullRequestUnapprovedPayload{},
		bitbucket.PullRequestMergedPayload{}, bitbucket.PullRequestDeclinedPayload{}, bitbucket.PullRequestCommentCreatedPayload{},
		bitbucket.PullRequestCommentUpdatedPayload{}, bitbucket.PullRequestCommentDeletedPayload{},
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", " ")
	if err := out.Encode(map[string]graph{"github": of(gh), "gitlab": of(gl), "bitbucket": of(bb)}); err != nil {
		os.Exit(1)
	}
}
