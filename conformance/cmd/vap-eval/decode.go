package main

import (
	"fmt"
	"os"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// crdSchemas are the structural schemas of one CustomResourceDefinition, by version,
// as the API server's custom resource handler builds them (customresource_handler.go
// getOrCreateServingInfoFor: the v1 schema converted to the internal one, made
// structural, its defaults pruned).
type crdSchemas struct {
	gk                    schema.GroupKind
	preserveUnknownFields bool
	versions              map[string]*structuralschema.Structural
}

var (
	crdMu    sync.Mutex
	crdCache = map[string]*crdSchemas{}
)

// loadCRD reads a CustomResourceDefinition (apiextensions.k8s.io/v1, JSON or YAML)
// from a file, once per path.
func loadCRD(path string) (*crdSchemas, error) {
	crdMu.Lock()
	defer crdMu.Unlock()
	if c, ok := crdCache[path]; ok {
		return c, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var crd apiextensionsv1.CustomResourceDefinition
	if err := yaml.UnmarshalStrict(raw, &crd); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c := &crdSchemas{
		gk:                    schema.GroupKind{Group: crd.Spec.Group, Kind: crd.Spec.Names.Kind},
		preserveUnknownFields: crd.Spec.PreserveUnknownFields,
		versions:              map[string]*structuralschema.Structural{},
	}
	for _, v := range crd.Spec.Versions {
		if v.Schema == nil {
			continue
		}
		internal := &apiextensions.CustomResourceValidation{}
		if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v.Schema, internal, nil); err != nil {
			return nil, fmt.Errorf("%s: version %s: %v", path, v.Name, err)
		}
		s, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
		if err != nil {
			return nil, fmt.Errorf("%s: version %s is not structural: %v", path, v.Name, err)
		}
		s = s.DeepCopy()
		if err := structuraldefaulting.PruneDefaults(s); err != nil {
			return nil, fmt.Errorf("%s: version %s: %v", path, v.Name, err)
		}
		c.versions[v.Name] = s
	}
	crdCache[path] = c
	return c, nil
}

// loadCRDs reads the CustomResourceDefinitions of a case.
func loadCRDs(paths []string) ([]*crdSchemas, error) {
	var out []*crdSchemas
	for _, p := range paths {
		c, err := loadCRD(p)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// decodeAsAPIServer does to an object of a custom resource what the API server's
// decoding of a request body does before admission (customresource_handler.go
// unstructuredSchemaCoercer.apply, then unstructuredDefaulter.Default): with the
// structural schema of the object's version, it reads metadata as an ObjectMeta,
// prunes the fields the schema does not know (`x-kubernetes-preserve-unknown-fields` keeps them), drops the nulls of
// fields that are neither nullable nor defaulted
// (PruneNonNullableNullsWithoutDefaults), coerces metadata, and applies defaults.
// Objects of other kinds, and of versions without a schema, are left as they are.
func decodeAsAPIServer(obj map[string]interface{}, crds []*crdSchemas) error {
	if obj == nil {
		return nil
	}
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return err
	}
	for _, c := range crds {
		if c.gk.Group != gv.Group || c.gk.Kind != kind {
			continue
		}
		s := c.versions[gv.Version]
		if s == nil {
			return nil
		}
		// metadata is read as an ObjectMeta (nulls and unknown fields dropped) and written back
		meta, foundMeta, _, err := schemaobjectmeta.GetObjectMetaWithOptions(obj, schemaobjectmeta.ObjectMetaOptions{DropMalformedFields: true})
		if err != nil {
			return err
		}
		if !c.preserveUnknownFields {
			structuralpruning.PruneWithOptions(obj, s, true, structuralschema.UnknownFieldPathOptions{})
			structuraldefaulting.PruneNonNullableNullsWithoutDefaults(obj, s)
		}
		if err, _ := schemaobjectmeta.CoerceWithOptions(nil, obj, s, false, schemaobjectmeta.CoerceOptions{DropInvalidFields: true}); err != nil {
			return err
		}
		// the implicit meta fields, which pruning keeps at the root
		obj["apiVersion"], obj["kind"] = apiVersion, kind
		if foundMeta {
			if err := schemaobjectmeta.SetObjectMeta(obj, meta); err != nil {
				return err
			}
		}
		structuraldefaulting.Default(obj, s)
		return nil
	}
	return nil
}
