package main

import (
	"fmt"
	"os"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/model"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiextensionsvalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/cel/common"
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
	// validators: the OpenAPI schema validator of each version (validation.NewSchemaValidator, as the handler builds it)
	validators map[string]apiextensionsvalidation.SchemaValidator
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
		validators:            map[string]apiextensionsvalidation.SchemaValidator{},
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
		validator, _, err := apiextensionsvalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
		if err != nil {
			return nil, fmt.Errorf("%s: version %s: %v", path, v.Name, err)
		}
		c.validators[v.Name] = validator
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

// validateAsAPIServer validates a decoded object of a custom resource as the API server's
// strategy does before validating admission runs (registry/customresource strategy.go
// Validate and ValidateUpdate, validator.go): its ObjectMeta (a name or generateName, the
// namespace of the request, labels and annotations well formed; on UPDATE what cannot
// change), the OpenAPI schema of its version (types, required fields, enums, patterns,
// formats; on UPDATE with ratcheting, as from Kubernetes 1.30: a value left as it was is not
// judged again), the metadata of embedded resources, and the invariants of
// `x-kubernetes-list-type` map and set lists (on UPDATE, only when the old object keeps
// them). A request with an error is refused by the API server before any policy sees it.
// Objects of other kinds, and of versions without a schema, are not validated (nil).
func validateAsAPIServer(obj, old map[string]interface{}, namespace string, crds []*crdSchemas) ([]string, error) {
	if obj == nil {
		return nil, nil
	}
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return nil, err
	}
	for _, c := range crds {
		if c.gk.Group != gv.Group || c.gk.Kind != kind {
			continue
		}
		s, validator := c.versions[gv.Version], c.validators[gv.Version]
		if s == nil || validator == nil {
			return nil, nil
		}
		u := &unstructured.Unstructured{Object: obj}
		// the handler sets the namespace of the request's path on the object
		if u.GetNamespace() == "" {
			u.SetNamespace(namespace)
		}
		metaPath := field.NewPath("metadata")
		var errs field.ErrorList
		if old == nil {
			// the store gives a name to an object with only a generateName before validating it (rest.BeforeCreate:
			// generateName and 5 random characters); here the policies still see the object without one
			n := u.DeepCopy()
			if n.GetName() == "" && n.GetGenerateName() != "" {
				n.SetName(n.GetGenerateName() + "x7k2p")
			}
			errs = append(errs, apimachineryvalidation.ValidateObjectMetaAccessor(n, true, apimachineryvalidation.NameIsDNSSubdomain, metaPath)...)
			errs = append(errs, apiextensionsvalidation.ValidateCustomResource(nil, obj, validator)...)
		} else {
			// the old object is the stored one, which has a resourceVersion; an update without one is made
			// unconditional by the store (custom resources allow it), which gives it the stored one first
			o := (&unstructured.Unstructured{Object: old}).DeepCopy()
			if o.GetNamespace() == "" {
				o.SetNamespace(namespace)
			}
			if o.GetResourceVersion() == "" {
				o.SetResourceVersion("1")
			}
			n := u.DeepCopy()
			if n.GetResourceVersion() == "" {
				n.SetResourceVersion(o.GetResourceVersion())
			}
			errs = append(errs, apimachineryvalidation.ValidateObjectMetaAccessorUpdate(n, o, metaPath)...)
			correlated := common.NewCorrelatedObject(obj, old, &model.Structural{Structural: s})
			errs = append(errs, apiextensionsvalidation.ValidateCustomResourceUpdate(nil, obj, old, validator, apiextensionsvalidation.WithRatcheting(correlated))...)
		}
		errs = append(errs, schemaobjectmeta.Validate(nil, obj, s, false)...)
		if old == nil || len(structurallisttype.ValidateListSetsAndMaps(nil, s, old)) == 0 {
			errs = append(errs, structurallisttype.ValidateListSetsAndMaps(nil, s, obj)...)
		}
		if len(errs) == 0 {
			return nil, nil
		}
		out := make([]string, 0, len(errs))
		for _, e := range errs {
			out = append(out, e.Error())
		}
		return out, nil
	}
	return nil, nil
}
