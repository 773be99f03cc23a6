// core-fields prints, as JSON, the field names that Go's encoding/json decodes into the
// Kubernetes core types Tekton's webhook reads where its CRDs keep unknown fields (pod
// templates' securityContext, affinity and volumes, Task volumes, volumeClaimTemplates), at
// the k8s.io/api version Tekton v1.15.0 builds with (go.mod), and into a NetworkPolicy. scripts/generate-field-names.ts
// stores its output as schemas/go/core-fields.json.
//
// A field is a subtree of its own fields, or 0 where any keys (a map) or no keys (a scalar,
// or a type with its own JSON decoding, such as resource.Quantity) follow.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
var objectMeta = reflect.TypeOf(metav1.ObjectMeta{})

// withMeta is whether ObjectMeta is written out (for the NetworkPolicy, whose metadata strict
// field validation checks) or left as 0 (the claim templates, whose metadata Tekton copies).
var withMeta bool

// tree is the field tree of t: a map of field names, or 0.
func tree(t reflect.Type, seen map[reflect.Type]bool) any {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		if t.Kind() != reflect.Pointer && t.Elem().Kind() == reflect.Uint8 {
			return 0 // []byte: base64 text
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || (t == objectMeta && !withMeta) || reflect.PointerTo(t).Implements(unmarshaler) || seen[t] {
		return 0
	}
	seen[t] = true
	defer delete(seen, t)
	out := map[string]any{}
	fields(t, seen, out)
	return out
}

// fields adds the JSON fields of struct t to out, embedded structs flattened as encoding/json does.
func fields(t reflect.Type, seen map[reflect.Type]bool, out map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				fields(ft, seen, out)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		out[name] = tree(f.Type, seen)
	}
}

func main() {
	shapes := map[string]any{
		"core.Affinity":              tree(reflect.TypeOf(corev1.Affinity{}), map[reflect.Type]bool{}),
		"core.PersistentVolumeClaim": tree(reflect.TypeOf(corev1.PersistentVolumeClaim{}), map[reflect.Type]bool{}),
		"core.PodSecurityContext":    tree(reflect.TypeOf(corev1.PodSecurityContext{}), map[reflect.Type]bool{}),
		"core.Volume":                tree(reflect.TypeOf(corev1.Volume{}), map[reflect.Type]bool{}),
	}
	// the fields kubectl's strict validation knows, metadata included (NAMESPACE_DEFAULT_DENY counts only a deny it admits)
	withMeta = true
	shapes["networking.NetworkPolicy"] = tree(reflect.TypeOf(networkingv1.NetworkPolicy{}), map[reflect.Type]bool{})
	b, err := json.MarshalIndent(shapes, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(b))
}
