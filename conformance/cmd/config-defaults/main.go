// Command config-defaults reads Tekton Pipelines' config-defaults ConfigMap data with Tekton's own
// code (github.com/tektoncd/pipeline v1.15.0, pkg/apis/config NewDefaultsFromMap: its webhook
// refuses a config-defaults it fails on, and its controllers keep their defaults), and prints the
// Go types its YAML values are decoded into, for the audit's reading of the same data.
//
// Usage:
//
//	config-defaults < requests.jsonl
//	config-defaults --kinds
//
// Each input line is one JSON request, the ConfigMap's data as the API server stores it:
//
//	{"data":{"default-pod-template":"automountServiceAccountToken: false\n"}}
//
// Each output line, in the order of the input, is {"ok":true,"automountServiceAccountToken":false|true|null,
// "serviceAccount":"default"} (the default pod template's automountServiceAccountToken, null when
// unset or without a template) or {"ok":false,"error":"..."}; or {"error":"..."} for a line that
// is not such a request.
//
// With --kinds it prints the Go types of the three keys decoded as YAML (default-pod-template: the
// pod.Template; default-affinity-assistant-pod-template: pod.AffinityAssistantTemplate;
// default-container-resource-requirements: map[string]corev1.ResourceRequirements) as one JSON
// object: "roots" names the type of each key, "types" describes each named type by its kind (string,
// bool, int, uint, float, bytes, any, slice, map, struct, or unmarshaler with the type's name when it
// or its pointer implements json.Unmarshaler or encoding.TextUnmarshaler), with "elem" for a slice or a
// map, "bits" for a number, and for a struct its JSON fields: each field's type ("type") and, for a
// field promoted from an embedded struct, the embedded struct's type ("via"), which sigs.k8s.io/yaml
// converts the YAML value against (it takes the struct field of the first index of the JSON field),
// and "pointer" for a field of a pointer type (a JSON null clears it, and leaves a field of a value
// type that is no slice, map or interface as it is).
//
// Exit status: 0, or 2 when the input cannot be read.
package main

import (
	"bufio"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"reflect"
	"strings"

	"github.com/tektoncd/pipeline/pkg/apis/config"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/pod"
	corev1 "k8s.io/api/core/v1"
)

type request struct {
	Data map[string]string `json:"data"`
}

type answer struct {
	OK                           *bool   `json:"ok,omitempty"`
	Error                        string  `json:"error,omitempty"`
	AutomountServiceAccountToken *bool   `json:"automountServiceAccountToken"`
	ServiceAccount               *string `json:"serviceAccount,omitempty"`
	// the default pod template as Tekton decoded it
	PodTemplate *pod.Template `json:"podTemplate,omitempty"`
}

func main() {
	// Tekton logs its strict decoding's failure before it decodes leniently: not an answer
	log.SetOutput(io.Discard)
	if len(os.Args) > 1 && os.Args[1] == "--kinds" {
		printKinds()
		return
	}
	in := bufio.NewReader(os.Stdin)
	out := json.NewEncoder(os.Stdout)
	for {
		line, err := in.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var r request
			var a answer
			if e := json.Unmarshal(line, &r); e != nil {
				a.Error = e.Error()
			} else if d, e := config.NewDefaultsFromMap(r.Data); e != nil {
				f := false
				a.OK, a.Error = &f, e.Error()
			} else {
				t := true
				a.OK, a.ServiceAccount = &t, &d.DefaultServiceAccount
				if d.DefaultPodTemplate != nil {
					a.AutomountServiceAccountToken = d.DefaultPodTemplate.AutomountServiceAccountToken
					a.PodTemplate = d.DefaultPodTemplate
				}
			}
			if e := out.Encode(a); e != nil {
				fmt.Fprintln(os.Stderr, e)
				os.Exit(2)
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}

type field struct {
	Type string `json:"type"`
	Via  string `json:"via,omitempty"`
	// a pointer, which a JSON null clears (a null leaves a value of any other kind but slice, map and interface as it is)
	Pointer bool `json:"pointer,omitempty"`
}

type kind struct {
	Kind   string           `json:"kind"`
	Elem   string           `json:"elem,omitempty"`
	Bits   int              `json:"bits,omitempty"`
	Fields map[string]field `json:"fields,omitempty"`
	Name   string           `json:"name,omitempty"`
}

var (
	jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	textUnmarshaler = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
)

func printKinds() {
	types := map[string]kind{}
	// the type each name stands for: two packages' types of one name would be one entry
	named := map[string]reflect.Type{}
	var name func(t reflect.Type) string
	name = func(t reflect.Type) string {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		n := t.String()
		if other, seen := named[n]; seen && other != t {
			fmt.Fprintf(os.Stderr, "two types named %s: %s and %s\n", n, other.PkgPath(), t.PkgPath())
			os.Exit(2)
		}
		named[n] = t
		if _, seen := types[n]; seen {
			return n
		}
		if t.Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(jsonUnmarshaler) ||
			t.Implements(textUnmarshaler) || reflect.PointerTo(t).Implements(textUnmarshaler) {
			types[n] = kind{Kind: "unmarshaler", Name: n}
			return n
		}
		switch t.Kind() {
		case reflect.String:
			types[n] = kind{Kind: "string"}
		case reflect.Bool:
			types[n] = kind{Kind: "bool"}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			types[n] = kind{Kind: "int", Bits: t.Bits()}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			types[n] = kind{Kind: "uint", Bits: t.Bits()}
		case reflect.Float32, reflect.Float64:
			types[n] = kind{Kind: "float", Bits: t.Bits()}
		case reflect.Interface:
			types[n] = kind{Kind: "any"}
		case reflect.Slice:
			if t.Elem().Kind() == reflect.Uint8 {
				types[n] = kind{Kind: "bytes"}
				break
			}
			types[n] = kind{Kind: "slice"}
			types[n] = kind{Kind: "slice", Elem: name(t.Elem())}
		case reflect.Map:
			types[n] = kind{Kind: "map"}
			types[n] = kind{Kind: "map", Elem: name(t.Elem())}
		case reflect.Struct:
			types[n] = kind{Kind: "struct"}
			fields := map[string]field{}
			var walk func(t reflect.Type, via string)
			walk = func(t reflect.Type, via string) {
				for i := 0; i < t.NumField(); i++ {
					f := t.Field(i)
					if !f.IsExported() && !f.Anonymous {
						continue
					}
					tag := f.Tag.Get("json")
					if tag == "-" {
						continue
					}
					jn := strings.Split(tag, ",")[0]
					ft := f.Type
					for ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if f.Anonymous && jn == "" && ft.Kind() == reflect.Struct {
						v := via
						if v == "" {
							v = name(ft)
						}
						walk(ft, v)
						continue
					}
					if jn == "" {
						jn = f.Name
					}
					if _, dup := fields[jn]; dup {
						continue
					}
					fields[jn] = field{Type: name(f.Type), Via: via, Pointer: f.Type.Kind() == reflect.Pointer}
				}
			}
			walk(t, "")
			types[n] = kind{Kind: "struct", Fields: fields}
		default:
			types[n] = kind{Kind: t.Kind().String()}
		}
		return n
	}
	roots := map[string]string{
		"default-pod-template":                    name(reflect.TypeOf(pod.Template{})),
		"default-affinity-assistant-pod-template": name(reflect.TypeOf(pod.AffinityAssistantTemplate{})),
		"default-container-resource-requirements": name(reflect.TypeOf(map[string]corev1.ResourceRequirements{})),
	}
	out, err := json.MarshalIndent(map[string]any{"roots": roots, "types": types}, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(string(out))
}
