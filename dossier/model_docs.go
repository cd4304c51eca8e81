package dossier

import (
	"maps"
	"slices"
)

// Doc is one name of the data model with what it means, in Vietnamese.
type Doc struct{ Name, Doc string }

// CollectionDoc is a collection of the data model: its name, what it holds and the
// columns of its items.
type CollectionDoc struct {
	Name, Doc string
	Columns   []string
}

// DataModel is what a template may use: the fields ({{NAME}}), the conditions
// ({{#if.NAME}}, {{#unless.NAME}}) and the collections ({{#each.name}} with {{row.key}}),
// each sorted by name. `capdo templates fields` prints it.
func DataModel() (fields, conditions []Doc, collections []CollectionDoc) {
	for _, k := range slices.Sorted(maps.Keys(fieldDocs)) {
		fields = append(fields, Doc{k, fieldDocs[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(conditionDocs)) {
		conditions = append(conditions, Doc{k, conditionDocs[k]})
	}
	for _, k := range slices.Sorted(maps.Keys(collectionKeys)) {
		doc := collectionDocs[k]
		if doc == "" {
			doc = "yêu cầu của nhóm " + k[len("req_"):] + " (như requirements, theo nhóm)"
		}
		collections = append(collections, CollectionDoc{k, doc, slices.Clone(collectionKeys[k])})
	}
	return fields, conditions, collections
}

// Sources says where each template comes from, by its path in a template set (the names
// of TemplateNames, D331Dir/ and the names of D331Names): the label of the agency's folder,
// or "embedded" for the built-in set.
func (e *Engine) Sources() map[string]string {
	out := map[string]string{}
	for _, n := range templateKeys {
		if t := e.template(n); t != nil {
			out[n] = t.source
		}
	}
	return out
}
