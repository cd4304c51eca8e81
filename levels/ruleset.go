package levels

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/cel-go/cel"
	"go.yaml.in/yaml/v3"
)

// Rule-set statuses.
const (
	StatusInForce     = "in_force"
	StatusProvisional = "provisional"
	StatusRepealed    = "repealed"
)

// Where a fact in a rule set comes from (docs/reference/law.md §0).
const (
	BasisLawText   = "law_text"
	BasisSecondary = "secondary_source"
	BasisInferred  = "inferred"
)

// RuleSet is a compiled set of criteria. It is immutable after Load and safe to share
// between goroutines.
type RuleSet struct {
	ID         string   `yaml:"id" json:"id"`
	Title      string   `yaml:"title" json:"title"`
	LegalBasis []string `yaml:"legal_basis" json:"legal_basis"`
	// Recitals are the "Căn cứ …" lines of the documents a dossier contains.
	Recitals      []string   `yaml:"recitals" json:"recitals"`
	EffectiveFrom string     `yaml:"effective_from" json:"effective_from"`
	EffectiveTo   string     `yaml:"effective_to" json:"effective_to,omitempty"`
	Status        string     `yaml:"status" json:"status"`
	Source        string     `yaml:"source" json:"source"`
	Notes         []string   `yaml:"notes" json:"notes,omitempty"`
	RulePrefix    string     `yaml:"rule_prefix" json:"rule_prefix"`
	Principles    Principles `yaml:"principles" json:"principles"`
	Rules         []*Rule    `yaml:"rules" json:"rules"`
	// Procedures and Inspection are the authorities, deadlines and inspection cycles by level.
	Procedures []Procedure  `yaml:"procedures" json:"procedures"`
	Inspection []Inspection `yaml:"inspection" json:"inspection"`
	// Checks are warnings for points of the decree a reader must check (checks.go).
	Checks []*Check `yaml:"checks" json:"checks,omitempty"`
	// DossierTemplates names the family of dossier templates written for this set's decree
	// ("d85" for the templates built into capdo). Empty: no built-in templates fit the set,
	// so a dossier needs an agency's own templates.
	DossierTemplates string `yaml:"dossier_templates" json:"dossier_templates,omitempty"`

	// File is where the set was loaded from ("embedded:d85-2016.yaml" or a path).
	File string `yaml:"-" json:"file"`
	// Digest is the SHA-256 of the rule file, recorded with every dossier it produces.
	Digest string `yaml:"-" json:"digest"`

	// all evaluates every rule, then every check, at once as a list of bools: one
	// evaluation per system instead of one per rule. Each rule keeps its own program to name the rule that fails.
	all cel.Program
	// memo remembers which rules matched each combination of facts (memo.go); nil when
	// the set must evaluate every profile.
	memo *memo
	// reads holds every variable some rule's condition reads.
	reads map[string]bool
	// countReaders lists, for each of countFacts, the indices of the rules reading it.
	countReaders [][]int
	// schema is the table of facts the rules were compiled against; unread lists its rows
	// that no rule reads (unreadFacts).
	schema *Schema
	unread []int
	// checkRules hold the checks' conditions, evaluated after the rules' by all.
	checkRules []*Rule
	// unreadWarnings holds the warning about each row of unread; noMatchCited is the
	// warning of a decision at level 0, with its citation (noMatch).
	unreadWarnings []string
	noMatchCited   string
}

// Principles are the meta-rules the engine applies around the criteria; the rule set
// supplies their ids and citations so a successor decree can cite its own articles.
type Principles struct {
	HighestComponent Principle `yaml:"highest_component" json:"highest_component"`
	NoMatch          Principle `yaml:"no_match" json:"no_match"`
	// RaiseByRisk and NoSplitting are optional (Decree 331 Art. 10.5 and 8.3; checks.go).
	RaiseByRisk *RaisePrinciple `yaml:"raise_by_risk" json:"raise_by_risk,omitempty"`
	NoSplitting *Principle      `yaml:"no_splitting" json:"no_splitting,omitempty"`
}

// Principle is a cited meta-rule. AppliesTo, when set, is the only system type for which
// the citation holds (the no-match citation of D85 is about systems of type "other").
// Basis says where the citation comes from, as for a rule (law_text when absent).
type Principle struct {
	ID        string `yaml:"id" json:"id"`
	Citation  string `yaml:"citation" json:"citation"`
	Message   string `yaml:"message" json:"message"`
	AppliesTo string `yaml:"applies_to" json:"applies_to,omitempty"`
	Basis     string `yaml:"basis" json:"basis,omitempty"`
	Note      string `yaml:"note" json:"note,omitempty"`
}

// Rule is one criterion: if When holds, the system is at least Level.
type Rule struct {
	ID       string    `yaml:"id" json:"id"`
	Level    int       `yaml:"level" json:"level"`
	Citation string    `yaml:"citation" json:"citation"`
	Message  string    `yaml:"message" json:"message"`
	Basis    string    `yaml:"basis" json:"basis"`
	Note     string    `yaml:"note" json:"note,omitempty"`
	When     yaml.Node `yaml:"when" json:"-"`

	// Condition is the CEL source of When.
	Condition string `yaml:"-" json:"condition"`
	prg       cel.Program
	reads     map[string]bool // the variables the condition refers to
}

// RuleError is one problem in a rule file, located like a compiler error.
type RuleError struct {
	File   string
	Line   int
	Col    int
	RuleID string
	Msg    string
}

func (e RuleError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.RuleID != "" {
		fmt.Fprintf(&b, "quy tắc %s: ", e.RuleID)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// RuleSetError lists every problem found in a rule file.
type RuleSetError struct{ Errors []RuleError }

func (e *RuleSetError) Error() string {
	lines := make([]string, len(e.Errors))
	for i, x := range e.Errors {
		lines[i] = x.Error()
	}
	return strings.Join(lines, "\n")
}

var (
	idRe   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)
	dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// Load parses and compiles a rule file against the facts of Fields. file names it in error
// messages. Every problem is reported at once as a *RuleSetError.
func Load(data []byte, file string) (*RuleSet, error) { return standard.Load(data, file) }

// Load parses and compiles a rule file whose rules read the facts of the schema.
func (s *Schema) Load(data []byte, file string) (*RuleSet, error) {
	env, err := s.ruleEnv()
	if err != nil {
		return nil, fmt.Errorf("build CEL environment: %w", err)
	}
	var errs []RuleError
	report := func(line, col int, id, format string, args ...any) {
		errs = append(errs, RuleError{File: file, Line: line, Col: col, RuleID: id, Msg: fmt.Sprintf(format, args...)})
	}

	rs := &RuleSet{File: file, Digest: sha256Hex(data), schema: s}
	// The digest is the file's; everything after reads it with its facts named.
	data = s.nameFacts(data, func(line int, key string) {
		report(line, 0, "", "{fact:%s}: «%s» không phải trường của hồ sơ", key, key)
	})
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(rs); err != nil {
		// A type error (e.g. an unknown key) leaves the rest decoded, so checking goes on
		// and every problem is reported together; a syntax error stops here.
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			line, msg := splitYAMLLine(err.Error())
			report(line, 0, "", "lỗi cú pháp YAML: %s", msg)
			return nil, &RuleSetError{Errors: errs}
		}
		at := ruleAt(data)
		srcLines := strings.Split(string(data), "\n")
		for _, m := range te.Errors {
			line, msg := splitYAMLLine(m)
			col := 0
			if k := unknownFieldRe.FindStringSubmatch(msg); k != nil {
				msg = fmt.Sprintf("khóa «%s» không được hỗ trợ", k[1])
				if line > 0 && line <= len(srcLines) {
					col = strings.Index(srcLines[line-1], k[1]+":") + 1
				}
			}
			report(line, col, at(line), "%s", msg)
		}
	}

	if !idRe.MatchString(rs.ID) {
		report(0, 0, "", "id của bộ quy tắc «%s» không hợp lệ (chữ thường, số, dấu chấm, gạch nối)", rs.ID)
	}
	if strings.TrimSpace(rs.Title) == "" {
		report(0, 0, "", "thiếu title")
	}
	// Every decision cites the set, so a set must say where its rules come from.
	if strings.TrimSpace(rs.Source) == "" {
		report(0, 0, "", "thiếu source (nguồn của các quy tắc, ví dụ văn bản đã đối chiếu)")
	}
	if len(rs.LegalBasis) == 0 {
		report(0, 0, "", "thiếu legal_basis (văn bản pháp luật làm căn cứ)")
	}
	if !slices.Contains([]string{StatusInForce, StatusProvisional, StatusRepealed}, rs.Status) {
		report(0, 0, "", "status «%s» không hợp lệ; giá trị hợp lệ: in_force, provisional, repealed", rs.Status)
	}
	for _, d := range []struct{ key, v string }{{"effective_from", rs.EffectiveFrom}, {"effective_to", rs.EffectiveTo}} {
		if d.v == "" && d.key == "effective_to" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); !dateRe.MatchString(d.v) || err != nil {
			report(0, 0, "", "%s «%s» phải có dạng YYYY-MM-DD", d.key, d.v)
		}
	}
	if rs.RulePrefix == "" {
		report(0, 0, "", "thiếu rule_prefix (tiền tố mã quy tắc, ví dụ «D85.»)")
	}
	for name, p := range map[string]*Principle{"highest_component": &rs.Principles.HighestComponent, "no_match": &rs.Principles.NoMatch} {
		if p.ID == "" || p.Citation == "" || p.Message == "" {
			report(0, 0, "", "principles.%s cần id, citation và message", name)
		}
		if p.Basis == "" {
			p.Basis = BasisLawText
		} else if !slices.Contains([]string{BasisLawText, BasisSecondary, BasisInferred}, p.Basis) {
			report(0, 0, "", "principles.%s: basis «%s» không hợp lệ; giá trị hợp lệ: law_text, secondary_source, inferred", name, p.Basis)
		}
	}
	if len(rs.Rules) == 0 {
		report(0, 0, "", "bộ quy tắc không có quy tắc nào")
	}

	checkProcedures(rs, func(format string, args ...any) { report(0, 0, "", format, args...) })

	srcLines := strings.Split(string(data), "\n")
	seen := map[string]bool{}
	for i, r := range rs.Rules {
		line, col := r.When.Line, r.When.Column
		id := r.ID
		if id == "" {
			id = "#" + strconv.Itoa(i+1)
			report(line, 0, id, "thiếu id")
		} else if seen[id] {
			report(line, 0, id, "id bị trùng")
		} else if rs.RulePrefix != "" && !strings.HasPrefix(id, rs.RulePrefix) {
			report(line, 0, id, "id phải bắt đầu bằng tiền tố «%s» của bộ quy tắc", rs.RulePrefix)
		}
		seen[id] = true
		if r.Level < 1 || r.Level > 5 {
			report(line, 0, id, "level phải từ 1 đến 5, không phải %d", r.Level)
		}
		if strings.TrimSpace(r.Citation) == "" {
			report(line, 0, id, "thiếu citation (trích dẫn điều, khoản, điểm)")
		}
		if strings.TrimSpace(r.Message) == "" {
			report(line, 0, id, "thiếu message")
		}
		if r.Basis == "" {
			r.Basis = BasisLawText
		} else if !slices.Contains([]string{BasisLawText, BasisSecondary, BasisInferred}, r.Basis) {
			report(line, 0, id, "basis «%s» không hợp lệ; giá trị hợp lệ: law_text, secondary_source, inferred", r.Basis)
		}
		if r.When.Kind != yaml.ScalarNode || strings.TrimSpace(r.When.Value) == "" {
			report(line, col, id, "thiếu điều kiện when (biểu thức CEL)")
			continue
		}
		r.Condition = r.When.Value
		prg, cerrs := compileRule(env, s, r)
		for _, ce := range cerrs {
			if ce.exprLine > 0 {
				ce.Line, ce.Col = filePos(&r.When, srcLines, ce.exprLine, ce.exprCol)
			}
			report(ce.Line, ce.Col, id, "%s", ce.Msg)
		}
		r.prg = prg
	}
	rs.checkPrinciples(report)
	rs.compileChecks(env, s, srcLines, report)
	if len(errs) > 0 {
		return nil, &RuleSetError{Errors: errs}
	}
	rs.reads = map[string]bool{}
	for _, r := range rs.Rules {
		for k := range r.reads {
			rs.reads[k] = true
		}
	}
	// Which rules read each count, once: classifying then costs nothing for a count the
	// set never reads.
	rs.countReaders = make([][]int, len(countFacts))
	for i, cf := range countFacts {
		for j, r := range rs.Rules {
			if readsAny(r, cf.keys) {
				rs.countReaders[i] = append(rs.countReaders[i], j)
			}
		}
	}
	rs.unread = rs.unreadFacts()
	for _, row := range rs.unread {
		rs.unreadWarnings = append(rs.unreadWarnings, rs.unusedWarning(row))
	}
	nm := rs.Principles.NoMatch
	rs.noMatchCited = fmt.Sprintf("%s (%s, %s)", nm.Message, nm.ID, nm.Citation)
	// The checks' conditions follow the rules' in the same program (checks.go), so the
	// memo remembers them with the rules.
	var all *cel.Ast
	if rs.all, all, err = compileAll(env, append(slices.Clone(rs.Rules), rs.checkRules...)); err != nil {
		return nil, &RuleSetError{Errors: []RuleError{{File: file, Msg: err.Error()}}}
	}
	rs.memo = newMemo(s, all)
	return rs, nil
}

// compileAll joins the rules' conditions into one list expression. Every condition has
// already compiled on its own, so this cannot fail on a rule's text.
func compileAll(env *cel.Env, rules []*Rule) (cel.Program, *cel.Ast, error) {
	var b strings.Builder
	b.WriteString("[")
	for i, r := range rules {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("(")
		b.WriteString(r.Condition)
		b.WriteString("\n)")
	}
	b.WriteString("]")
	ast, iss := env.Compile(b.String())
	if iss != nil && iss.Err() != nil {
		return nil, nil, fmt.Errorf("gộp các quy tắc: %w", iss.Err())
	}
	// No runtime cost tracking here: each rule's worst-case cost was bounded when it
	// loaded (compileRule), for inputs whose sizes Validate bounds, and tracking every
	// operation would double the cost of classifying.
	prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.InterruptCheckFrequency(interruptEvery))
	return prg, ast, err
}

// compileRule type-checks the condition, requires a boolean result and a bounded cost, and
// returns the program. Errors carry positions in the rule file.
func compileRule(env *cel.Env, s *Schema, r *Rule) (cel.Program, []compileError) {
	ast, iss := env.Compile(r.Condition)
	if iss != nil && iss.Err() != nil {
		var out []compileError
		for _, e := range iss.Errors() {
			out = append(out, compileError{exprLine: e.Location.Line(), exprCol: e.Location.Column(), RuleError: RuleError{Msg: e.Message}})
		}
		return nil, out
	}
	at := func(msg string, args ...any) []compileError {
		return []compileError{{RuleError: RuleError{Line: r.When.Line, Col: r.When.Column, Msg: fmt.Sprintf(msg, args...)}}}
	}
	r.reads = map[string]bool{}
	for _, ref := range ast.NativeRep().ReferenceMap() {
		if ref.Name != "" && len(ref.OverloadIDs) == 0 {
			r.reads[ref.Name] = true
		}
	}
	if ast.OutputType() != cel.BoolType {
		return nil, at("điều kiện phải trả về bool, nhưng trả về %s", ast.OutputType())
	}
	est, err := env.EstimateCost(ast, sizeEstimator{s})
	if err != nil {
		return nil, at("không ước lượng được chi phí: %v", err)
	}
	if est.Max > maxRuleCost {
		return nil, at("chi phí tối đa ước tính %d vượt giới hạn %d", est.Max, maxRuleCost)
	}
	prg, err := env.Program(ast,
		cel.EvalOptions(cel.OptOptimize),
		cel.CostLimit(maxRuleCost),
		cel.InterruptCheckFrequency(interruptEvery))
	if err != nil {
		return nil, at("%v", err)
	}
	return prg, nil
}

// compileError is a RuleError whose position may still be relative to the expression.
type compileError struct {
	RuleError
	exprLine, exprCol int
}

// filePos maps a position inside a CEL expression (1-based line, 0-based column) to the
// rule file (1-based line and column). A literal block ("|") keeps its lines; plain,
// quoted and folded scalars reach CEL as one line joined with spaces, so the offset is
// walked back over the source lines.
func filePos(n *yaml.Node, src []string, line, col int) (int, int) {
	text := func(l int) string {
		if l < 1 || l > len(src) {
			return ""
		}
		return src[l-1]
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	switch n.Style {
	case yaml.LiteralStyle:
		return n.Line + line, indent(text(n.Line+1)) + 1 + col
	case yaml.FoldedStyle:
		return walk(src, n.Line+1, indent(text(n.Line+1)), col)
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		return walk(src, n.Line, n.Column, col) // n.Column is the quote
	}
	return walk(src, n.Line, n.Column-1, col)
}

// walk finds offset off of a scalar that starts after byte start of line first and
// continues on following lines, each joined to the previous with one space.
func walk(src []string, first, start, off int) (int, int) {
	for l := first; l <= len(src); l++ {
		s := src[l-1]
		from := start
		if l != first {
			from = len(s) - len(strings.TrimLeft(s, " "))
		}
		seg := len(strings.TrimRight(s, " ")) - from
		if off < seg || l == len(src) {
			return l, from + off + 1
		}
		off -= seg + 1
	}
	return first, start + 1
}

// ruleAt returns a function naming the rule written at a line of a rule file, so that a
// problem the YAML decoder finds inside a rule (an unknown key) carries the rule's id.
func ruleAt(data []byte) func(line int) string {
	type ruleLine struct {
		line int
		id   string
	}
	var rules []ruleLine
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) > 0 {
		m := root.Content[0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value != "rules" {
				continue
			}
			for _, item := range m.Content[i+1].Content {
				r := ruleLine{line: item.Line}
				for j := 0; j+1 < len(item.Content); j += 2 {
					if item.Content[j].Value == "id" {
						r.id = item.Content[j+1].Value
					}
				}
				rules = append(rules, r)
			}
		}
	}
	return func(line int) string {
		id := ""
		for _, r := range rules {
			if r.line <= line {
				id = r.id
			}
		}
		return id
	}
}

var unknownFieldRe = regexp.MustCompile(`^field (\S+) not found in type`)

var yamlErrLineRe = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

func splitYAMLLine(msg string) (int, string) {
	if m := yamlErrLineRe.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, msg[len(m[0]):]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// readsHarm reports whether the rule's condition reads the degree of harm.
func (r *Rule) readsHarm() bool { return r.reads[keySecurityHarm] }

// Reads reports whether the condition of some rule of the set reads the profile key.
// A fact no rule reads is ignored by the set.
func (rs *RuleSet) Reads(key string) bool { return rs.reads[key] }

// ShortName names the set as people cite its decree, "Nghị định 85/2016" for d85-2016:
// its title up to the decree's number; the id when the title starts otherwise.
func (rs *RuleSet) ShortName() string {
	if name, _, ok := strings.Cut(rs.Title, "/NĐ-CP"); ok && strings.HasPrefix(name, "Nghị định ") {
		return name
	}
	return rs.ID
}

// Schema returns the table of facts the set's rules were compiled against.
func (rs *RuleSet) Schema() *Schema { return rs.schema }

// Rule returns the rule with the given id.
func (rs *RuleSet) Rule(id string) (*Rule, bool) {
	for _, r := range rs.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return nil, false
}

// InForceOn reports whether the set was in force on a day: the day falls within its
// effective dates and the set is not provisional. A repealed set was in force until the
// end of its dates, so a document dated then may rely on it.
func (rs *RuleSet) InForceOn(day time.Time) bool {
	d := day.Format("2006-01-02")
	return rs.Status != StatusProvisional && d >= rs.EffectiveFrom && (rs.EffectiveTo == "" || d <= rs.EffectiveTo)
}

// StatusLabel is the Vietnamese name of the set's status.
func (rs *RuleSet) StatusLabel() string {
	switch rs.Status {
	case StatusInForce:
		return "đang áp dụng"
	case StatusProvisional:
		return "tạm thời, chưa kiểm chứng"
	case StatusRepealed:
		return "đã hết hiệu lực"
	}
	return rs.Status
}
