package server

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"capdo/levels"
)

// The profile form. Scalar facts are inputs; components (Art. 5.2) are one YAML textarea,
// because a component is a whole profile and may have components of its own.
//
// The form is turned into one YAML document and read by levels.ParseProfile, exactly like a
// file given to `capdo classify`: one parser, the same checks and the same messages for the
// form, the API and the CLI. static/preview.js builds the same document in the browser.

// formValues are the submitted (or stored) values by profile key.
type formValues map[string][]string

func (v formValues) get(k string) string {
	if len(v[k]) == 0 {
		return ""
	}
	return v[k][0]
}

// Kinds of inputs.
const (
	kindText     = "text"
	kindTextarea = "textarea"
	kindSelect   = "select"
	kindMulti    = "multi"
	kindBool     = "bool"
	kindInt      = "int"
)

var fieldKinds = map[string]string{
	"description": kindTextarea, "system_type": kindSelect, "info_types": kindMulti,
	"secret_grade": kindSelect, "defense_security": kindBool, "security_harm": kindSelect,
	"online_public_service_level": kindInt, "conditional_business_service": kindBool,
	"personal_data_users": kindInt, "infra_scope": kindSelect, "national_egov": kindBool,
	"always_on": kindBool, "ics_work_grade": kindSelect, "critical_national_data": kindBool,
	"pm_designated": kindBool, "managed_by": kindSelect,
	"handles_admin_procedures": kindBool, "basic_pd_subjects": kindInt, "sensitive_pd_subjects": kindInt,
}

var fieldOptions = map[string][]string{
	"system_type": levels.SystemTypes, "info_types": levels.InfoTypes, "secret_grade": levels.SecretGrades,
	"security_harm": levels.Harms, "infra_scope": levels.InfraScopes, "ics_work_grade": levels.WorkGrades,
	"managed_by": levels.ManagedBys,
}

var requiredFields = map[string]bool{"name": true, "owner": true, "system_type": true, "info_types": true}

// fieldGroups arranges the keys of levels.Fields into the sections the form shows.
var fieldGroups = []struct {
	Title string
	Keys  []string
}{
	{"Thông tin chung", []string{"id", "name", "owner", "operator", "description"}},
	{"Loại hệ thống và loại thông tin (Điều 6)", []string{"system_type", "info_types"}},
	{"Bí mật nhà nước, quốc phòng, an ninh", []string{"secret_grade", "defense_security", "security_harm", "managed_by"}},
	{"Dịch vụ và người sử dụng", []string{"online_public_service_level", "conditional_business_service", "personal_data_users"}},
	{"Hạ tầng, vận hành và dữ liệu quốc gia", []string{"infra_scope", "national_egov", "always_on", "critical_national_data", "pm_designated"}},
	{"Hệ thống điều khiển công nghiệp", []string{"ics_work_grade"}},
	{"Tiêu chí mới của Nghị định 331/2026 (chỉ bộ quy tắc d331-2026 dùng)", []string{"handles_admin_procedures", "basic_pd_subjects", "sensitive_pd_subjects"}},
}

type option struct {
	Value, Label string
	Selected     bool
}

// formField is one input as the template draws it.
type formField struct {
	Key, Label, Help, Kind string
	Required               bool
	Value                  string
	Checked                bool
	Options                []option
	Problems               []string
}

type fieldGroup struct {
	Title  string
	Fields []formField
}

func fieldInfo(key string) levels.Field {
	for _, f := range levels.Fields {
		if f.Key == key {
			return f
		}
	}
	return levels.Field{Key: key, Label: key}
}

// buildForm lays out the values and the problems next to their inputs. Problems of fields
// the form does not show come back as general problems.
func buildForm(v formValues, problems map[string][]string) ([]fieldGroup, formField, []string) {
	var groups []fieldGroup
	shown := map[string]bool{"components": true}
	for _, g := range fieldGroups {
		fg := fieldGroup{Title: g.Title}
		for _, k := range g.Keys {
			shown[k] = true
			info := fieldInfo(k)
			kind := fieldKinds[k]
			if kind == "" {
				kind = kindText
			}
			f := formField{Key: k, Label: info.Label, Help: info.Help, Kind: kind, Required: requiredFields[k],
				Value: v.get(k), Checked: v.get(k) == "true", Problems: problems[k]}
			for _, o := range fieldOptions[k] {
				sel := false
				for _, x := range v[k] {
					sel = sel || x == o
				}
				f.Options = append(f.Options, option{Value: o, Label: levels.ValueLabel(o), Selected: sel})
			}
			fg.Fields = append(fg.Fields, f)
		}
		groups = append(groups, fg)
	}
	comps := formField{Key: "components", Label: "Hệ thống thành phần", Kind: kindTextarea, Value: v.get("components"),
		Help: "Khoản 2 Điều 5: cấp độ của hệ thống là cấp độ cao nhất của hệ thống và các hệ thống thành phần. " +
			"Mỗi thành phần là một hồ sơ viết bằng YAML (hoặc JSON), với các khóa như hồ sơ chính; để trống nếu không có.",
		Problems: problems["components"]}
	var general []string
	for k, ps := range problems {
		if !shown[k] {
			general = append(general, ps...)
		}
	}
	return groups, comps, general
}

// postedValues copies the submitted form (Fiber reuses its buffers after the handler).
func postedValues(c *fiber.Ctx) formValues {
	v := formValues{}
	c.Request().PostArgs().VisitAll(func(k, val []byte) {
		key := string(k)
		v[key] = append(v[key], string(val))
	})
	return v
}

var intRe = regexp.MustCompile(`^-?[0-9]+$`)

// fieldLines renders the scalar facts as YAML lines, each value JSON-encoded (JSON scalars
// are YAML). Empty inputs are left out, so a missing required fact is reported as missing.
func fieldLines(v formValues) []string {
	var lines []string
	for _, f := range levels.Fields {
		k := f.Key
		val := strings.TrimSpace(v.get(k))
		switch fieldKinds[k] {
		case kindMulti:
			var xs []string
			for _, x := range v[k] {
				if x = strings.TrimSpace(x); x != "" {
					xs = append(xs, x)
				}
			}
			if len(xs) > 0 {
				b, _ := json.Marshal(xs)
				lines = append(lines, k+": "+string(b))
			}
		case kindBool:
			if val == "true" || val == "on" {
				lines = append(lines, k+": true")
			}
		case kindInt:
			if intRe.MatchString(val) {
				lines = append(lines, k+": "+val)
			} else if val != "" {
				b, _ := json.Marshal(val)
				lines = append(lines, k+": "+string(b))
			}
		default:
			if val != "" {
				b, _ := json.Marshal(val)
				lines = append(lines, k+": "+string(b))
			}
		}
	}
	return lines
}

// formDocument builds the profile document from the form. head is the number of lines
// before the components, so that a problem's line can be shown as a line of the textarea.
func formDocument(v formValues) (doc []byte, head int) {
	lines := fieldLines(v)
	comps := strings.TrimRight(strings.ReplaceAll(v.get("components"), "\r\n", "\n"), " \n\t")
	if strings.TrimSpace(comps) != "" {
		lines = append(lines, "components:")
		head = len(lines)
		for _, l := range strings.Split(comps, "\n") {
			lines = append(lines, "  "+l)
		}
	}
	return []byte(strings.Join(lines, "\n") + "\n"), head
}

// problemsByField groups parse problems by the input they belong to.
func problemsByField(ps []levels.Problem, head int) map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		key := p.Field
		if i := strings.IndexAny(key, ".["); i >= 0 {
			key = key[:i]
		}
		msg := p.Message
		if p.Field != "" && key == "components" {
			msg = p.Field + ": " + msg
		}
		if head > 0 && p.Line > head {
			key = "components"
			msg = "dòng " + strconv.Itoa(p.Line-head) + ": " + msg
		}
		if key == "" {
			key = "_"
		}
		out[key] = append(out[key], msg)
	}
	return out
}

// profileValues turns a stored profile back into form values.
func profileValues(p levels.Profile) formValues {
	v := scalarValues(p)
	if len(p.Components) > 0 {
		v["components"] = []string{componentsText(p.Components)}
	}
	return v
}

func scalarValues(p levels.Profile) formValues {
	v := formValues{}
	set := func(k, s string) {
		if s != "" {
			v[k] = []string{s}
		}
	}
	b := func(x bool) string {
		if x {
			return "true"
		}
		return ""
	}
	set("id", p.ID)
	set("name", p.Name)
	set("owner", p.Owner)
	set("operator", p.Operator)
	set("description", p.Description)
	set("system_type", p.SystemType)
	v["info_types"] = p.InfoTypes
	set("secret_grade", p.SecretGrade)
	set("defense_security", b(p.DefenseSecurity))
	set("security_harm", p.SecurityHarm)
	set("managed_by", p.ManagedBy)
	if p.OnlinePublicServiceLevel != 0 {
		set("online_public_service_level", strconv.FormatInt(p.OnlinePublicServiceLevel, 10))
	}
	set("conditional_business_service", b(p.ConditionalBusinessService))
	if p.PersonalDataUsers != 0 {
		set("personal_data_users", strconv.FormatInt(p.PersonalDataUsers, 10))
	}
	set("handles_admin_procedures", b(p.HandlesAdminProcedures))
	if p.BasicPDSubjects != 0 {
		set("basic_pd_subjects", strconv.FormatInt(p.BasicPDSubjects, 10))
	}
	if p.SensitivePDSubjects != 0 {
		set("sensitive_pd_subjects", strconv.FormatInt(p.SensitivePDSubjects, 10))
	}
	set("infra_scope", p.InfraScope)
	set("national_egov", b(p.NationalEgov))
	set("always_on", b(p.AlwaysOn))
	set("ics_work_grade", p.ICSWorkGrade)
	set("critical_national_data", b(p.CriticalNationalData))
	set("pm_designated", b(p.PMDesignated))
	return v
}

// componentsText writes components as a YAML list in form order; nested components are
// written as JSON, which is YAML too.
func componentsText(cs []levels.Profile) string {
	var b strings.Builder
	for _, c := range cs {
		lines := fieldLines(scalarValues(c))
		if len(c.Components) > 0 {
			j, _ := json.Marshal(c.Components)
			lines = append(lines, "components: "+string(j))
		}
		for i, l := range lines {
			if i == 0 {
				b.WriteString("- ")
			} else {
				b.WriteString("  ")
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
