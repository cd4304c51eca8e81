package levels

// JSONSchema describes a profile of the schema as a JSON Schema (draft 2020-12, as OpenAPI
// 3.1 uses it): the API's description of what POST /api/v1/classify and /systems accept.
// ref is where the document keeps this schema, for components.
func (s *Schema) JSONSchema(ref string) map[string]any {
	props := map[string]any{}
	var required []string
	for _, f := range s.fields {
		p := map[string]any{"description": f.Label + ". " + f.Help}
		var values []string
		for _, o := range f.Options {
			values = append(values, o.Value)
		}
		switch f.Kind {
		case KindText:
			p["type"] = "string"
		case KindEnum:
			p["enum"] = values
		case KindList:
			p["type"], p["items"] = "array", map[string]any{"enum": values}
			if f.Required {
				p["minItems"] = 1
			}
		case KindBool:
			p["type"] = "boolean"
		case KindInt:
			p["type"], p["minimum"] = "integer", f.Min
			if f.Max != 0 {
				p["maximum"] = f.Max
			}
		}
		if h := ReadHint(f); h != "" {
			p["description"] = p["description"].(string) + " " + h
		}
		props[f.Key] = p
		if f.Required {
			required = append(required, f.Key)
		}
	}
	props["components"] = map[string]any{"type": "array", "items": map[string]any{"$ref": ref},
		"description": "Hệ thống thành phần: mỗi thành phần là một hồ sơ; cấp độ của hệ thống là cấp độ cao nhất (khoản 2 Điều 5 Nghị định 85/2016/NĐ-CP; theo Nghị định 331/2026/NĐ-CP, cấp độ cao nhất trong các tiêu chí đáp ứng, khoản 2 Điều 8 [suy luận])."}
	return map[string]any{"type": "object", "additionalProperties": false, "required": required, "properties": props}
}
