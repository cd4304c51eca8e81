package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"capdo/levels"
	"capdo/templates"
)

const bodyPart = "word/document.xml"

// Engine renders dossiers from one set of templates. It is immutable after loading and safe
// for concurrent use.
type Engine struct {
	label  string
	digest string
	// tmpls are the engine's templates by name: the built-in ones for the embedded
	// engine, an agency's own otherwise.
	tmpls map[string]*template
	// base is the built-in engine, whose templates stand in for those an agency's folder
	// lacks; nil for the embedded engine itself.
	base *Engine
	// warnings are what loading the templates changed or noticed (tracked changes
	// accepted, comments dropped, formatting inside a placeholder, templates taken from
	// the built-in set).
	warnings []string
}

// BuiltInTemplates names the family of the Decree 85/2016 templates built into capdo (its
// circulars included). A rule set that lists it in dossier_templates may use them;
// D331Templates names the family of Decree 331/2026.
const BuiltInTemplates = "d85"

// ErrNoTemplates is matched by errors.Is for a *NoTemplatesError.
var ErrNoTemplates = errors.New("bộ quy tắc chưa có mẫu hồ sơ")

// NoTemplatesError refuses a dossier whose rule set has no templates among those loaded:
// the built-in templates cite Decree 85 or Decree 331 and their forms, and a dossier under
// a decree whose set names neither family would cite the wrong law.
type NoTemplatesError struct {
	RuleSet, Title, Wants string
}

func (e *NoTemplatesError) Error() string {
	msg := fmt.Sprintf("bộ quy tắc %s (%s) chưa có mẫu hồ sơ: các mẫu văn bản có sẵn của capdo viết theo Nghị định số 85/2016/NĐ-CP (bộ mẫu %s) và Nghị định số 331/2026/NĐ-CP (bộ mẫu %s)",
		e.RuleSet, strings.TrimSpace(e.Title), BuiltInTemplates, D331Templates)
	if e.Wants == "" {
		return msg + ", bộ quy tắc này không chọn bộ mẫu nào (dossier_templates); không lập hồ sơ nào"
	}
	return msg + fmt.Sprintf(", mẫu «%s» mà bộ quy tắc cần không có sẵn; không lập hồ sơ nào", e.Wants)
}

func (e *NoTemplatesError) Is(target error) bool { return target == ErrNoTemplates }

// Supports returns nil when the engine's templates fit the rule set, and a
// *NoTemplatesError otherwise: the set's family is built in, or the engine holds an
// agency's own templates, which fit every set (the agency chose them for it).
func (e *Engine) Supports(rs *levels.RuleSet) error {
	if e == nil || rs == nil || families[rs.DossierTemplates] != nil || e.base != nil {
		return nil
	}
	return &NoTemplatesError{RuleSet: rs.ID, Title: rs.Title, Wants: rs.DossierTemplates}
}

// Warnings are what loading the templates changed or noticed, one sentence each, naming
// the template (and the placeholder where there is one): tracked changes accepted,
// comments dropped, formatting that differs inside a placeholder, templates an agency's
// folder lacks and that come from the built-in set.
func (e *Engine) Warnings() []string { return slices.Clone(e.warnings) }

// template returns the template of a name: the engine's own, or the built-in one.
func (e *Engine) template(name string) *template {
	if t := e.tmpls[name]; t != nil {
		return t
	}
	if e.base != nil {
		return e.base.tmpls[name]
	}
	return nil
}

// template is one loaded, normalized and compiled .docx template.
type template struct {
	name string
	// source is where the template came from: "embedded" or the agency's folder.
	source string
	body   *part
	// extras are the headers and footers that hold placeholders.
	extras []*part
	// zipped is the normalized package, stored uncompressed so that opening it once per
	// document costs little; zr reads it. Every part's bytes are kept here only.
	zipped []byte
	zr     *zip.Reader
	// warnings are what normalizing the template changed (tracked changes, comments,
	// formatting inside a placeholder).
	warnings []string
	// rendered names the parts a document renders (the body, headers and footers with
	// placeholders); the others are copied as loaded.
	rendered []string
}

// part is one templated part of a package: the body, a header or a footer. nodes is nil
// for a header or footer without placeholders.
type part struct {
	name  string
	data  string
	nodes []node
}

// Limits on a template package. An agency's template is read from disk, so a crafted file
// must not cost more than a real one ever would: real templates are a few hundred
// kilobytes with a few dozen parts.
const (
	// maxTemplateFile bounds the .docx file itself.
	maxTemplateFile = 32 << 20
	// maxTemplateUnzipped bounds the sum of the parts' declared uncompressed sizes, checked
	// from the zip directory before anything is inflated.
	maxTemplateUnzipped = 64 << 20
	// maxTemplateEntries bounds the number of parts.
	maxTemplateEntries = 2000
)

var (
	embeddedOnce   sync.Once
	embeddedEngine *Engine
	embeddedErr    error
)

// embeddedLabel is the source of the built-in templates in the manifest.
const embeddedLabel = "embedded"

// Embedded returns the engine for the templates built into capdo, loaded and linted once.
func Embedded() (*Engine, error) {
	embeddedOnce.Do(func() {
		sub, err := fs.Sub(templates.DOCX, "docx")
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedEngine, embeddedErr = load(sub, embeddedLabel, templateKeys, nil)
	})
	return embeddedEngine, embeddedErr
}

// Load reads an agency's own templates from fsys (os.DirFS(dir)): the five of Names are
// required; those of ExtraNames the folder lacks come from the built-in set, and the
// manifest says which. Placeholders that Word split are joined, tracked changes accepted
// and comments dropped (each with a warning, see Warnings), and the templates linted.
// Every problem in every template is reported, each as a *TemplateError naming the
// template and the placeholder. label says where the templates came from and goes into
// the manifest.
func Load(fsys fs.FS, label string) (*Engine, error) {
	base, err := Embedded()
	if err != nil {
		return nil, err
	}
	return load(fsys, label, Names, base)
}

// LoadPartial is Load for a folder that may hold any of the templates (TemplateNames):
// every one it lacks comes from the built-in set, with a warning naming it, and the
// manifest says which. A folder with none of them is refused, as is one whose templates
// are broken. The warnings come back even with an error, so that a person fixing a
// folder sees everything at once.
func LoadPartial(fsys fs.FS, label string) (*Engine, []string, error) {
	base, err := Embedded()
	if err != nil {
		return nil, nil, err
	}
	var found []string
	var warnings []string
	// The Decree 85 templates at the top, the Decree 331 ones in the folder D331Dir.
	folders := []struct {
		dir   string
		names []string
	}{{".", TemplateNames}, {D331Dir, D331Names}}
	hasD331 := false
	for _, f := range folders {
		entries, err := fs.ReadDir(fsys, f.dir)
		if f.dir != "." && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("thư mục mẫu %s: %w", label, err)
		}
		hasD331 = hasD331 || f.dir == D331Dir
		prefix := ""
		if f.dir != "." {
			prefix = f.dir + "/"
		}
		for _, ent := range entries {
			n := ent.Name()
			switch {
			case slices.Contains(f.names, n):
				found = append(found, prefix+n)
			case strings.HasSuffix(strings.ToLower(n), ".docx") && !strings.HasPrefix(n, "~$"):
				warnings = append(warnings, fmt.Sprintf("thư mục mẫu %s: tệp %s%s không phải mẫu nào của capdo (tên mẫu: %s), không dùng", label, prefix, n, strings.Join(f.names, ", ")))
			}
		}
	}
	if len(found) == 0 {
		return nil, warnings, fmt.Errorf("thư mục mẫu %s không có mẫu nào; tên tệp mẫu phải là một trong: %s (mẫu theo Nghị định số 331/2026/NĐ-CP đặt trong thư mục con %s: %s)",
			label, strings.Join(TemplateNames, ", "), D331Dir, strings.Join(D331Names, ", "))
	}
	var missing []string
	for _, n := range templateKeys {
		if !slices.Contains(found, n) && (hasD331 || !strings.HasPrefix(n, D331Dir+"/")) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		warnings = append(warnings, fmt.Sprintf("thư mục mẫu %s không có %s: dùng mẫu có sẵn của capdo (manifest.json ghi rõ mẫu của từng văn bản)", label, strings.Join(missing, ", ")))
	}
	e, err := load(fsys, label, nil, base)
	if e != nil {
		warnings = append(warnings, e.warnings...)
		e.warnings = warnings
	}
	return e, warnings, err
}

// load reads the templates (templateKeys) that fsys holds, requiring those of required,
// normalizes and lints them. base is the built-in engine for templates fsys lacks (nil when
// loading the built-in set itself).
func load(fsys fs.FS, label string, required []string, base *Engine) (*Engine, error) {
	e := &Engine{label: label, tmpls: map[string]*template{}, base: base}
	h := sha256.New()
	var missing []string
	var errs []error
	for _, name := range templateKeys {
		data, err := readTemplate(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			if slices.Contains(required, name) {
				missing = append(missing, name)
			}
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("mẫu %s: %w", name, err))
			continue
		}
		// Name and length first, so that moving bytes between files changes the digest.
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		t, terrs := loadTemplate(name, data)
		errs = append(errs, terrs...)
		if t != nil {
			t.source = label
			e.tmpls[name] = t
			e.warnings = append(e.warnings, t.warnings...)
		}
	}
	if len(missing) > 0 {
		errs = append([]error{fmt.Errorf("thư mục mẫu %s thiếu mẫu: %s", label, strings.Join(missing, ", "))}, errs...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if base != nil {
		// The built-in templates a dossier may take from are part of its version.
		fmt.Fprintf(h, "base\x00%s", base.digest)
	}
	e.digest = hex.EncodeToString(h.Sum(nil))
	return e, nil
}

// Digest is the SHA-256 over the template files: the version of the templates a dossier
// was made with.
func (e *Engine) Digest() string { return e.digest }

// readTemplate reads one template file: a regular file (os.DirFS follows symbolic links,
// and a link to /dev/zero or a FIFO must not be read) of at most maxTemplateFile bytes,
// read through a limit in case the size it reports is wrong.
func readTemplate(fsys fs.FS, name string) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := checkTemplateFile(st); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("không đọc được: %w", err)
	}
	defer f.Close()
	// The file opened may not be the one examined: look again at what is open.
	if st, err = f.Stat(); err != nil {
		return nil, fmt.Errorf("không đọc được: %w", err)
	}
	if err := checkTemplateFile(st); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxTemplateFile+1))
	if err != nil {
		return nil, fmt.Errorf("không đọc được: %w", err)
	}
	if len(data) > maxTemplateFile {
		return nil, fmt.Errorf("tệp quá lớn (hơn %d MiB)", maxTemplateFile>>20)
	}
	return data, nil
}

func checkTemplateFile(st fs.FileInfo) error {
	if m := st.Mode(); !m.IsRegular() {
		kind := "tệp đặc biệt"
		switch {
		case m.IsDir():
			kind = "thư mục"
		case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
			kind = "thiết bị"
		case m&fs.ModeNamedPipe != 0:
			kind = "FIFO"
		case m&fs.ModeSocket != 0:
			kind = "socket"
		}
		return fmt.Errorf("không phải tệp thông thường (là %s)", kind)
	}
	if st.Size() > maxTemplateFile {
		return fmt.Errorf("tệp quá lớn (%d byte, tối đa %d MiB)", st.Size(), maxTemplateFile>>20)
	}
	return nil
}

// loadTemplate normalizes and compiles one template package. The zip directory is checked
// first (number of parts, declared sizes), so a zip bomb is refused before anything is
// inflated. Each part is then read once and written straight into the normalized package;
// only the templated parts are kept besides.
func loadTemplate(name string, data []byte) (*template, []error) {
	bad := func(part, format string, args ...any) []error {
		return []error{&TemplateError{Template: name, Part: part, Problem: fmt.Sprintf(format, args...)}}
	}
	tooMany := func() []error {
		return bad("", "gói có quá nhiều phần (hơn %d); mẫu văn bản thật chỉ có vài chục phần", maxTemplateEntries)
	}
	// archive/zip reads every directory entry there is, whatever count the archive
	// declares. Each entry starts with the directory signature, so counting the signature
	// bounds the entries from above before archive/zip allocates anything for them.
	if bytes.Count(data, []byte("PK\x01\x02")) > maxTemplateEntries {
		return nil, tooMany()
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, bad("", "không phải tệp .docx hợp lệ: %v", err)
	}
	if len(zr.File) > maxTemplateEntries {
		return nil, tooMany()
	}
	var total uint64
	for _, f := range zr.File {
		total += min(f.UncompressedSize64, maxTemplateUnzipped+1)
		if total > maxTemplateUnzipped {
			return nil, bad(f.Name, "gói quá lớn khi giải nén (khai báo hơn %d MiB)", maxTemplateUnzipped>>20)
		}
	}

	t := &template{name: name}
	var errs []error
	seen := map[string]bool{}
	// Comments go from every document made from the template: their parts, and the
	// relationships and content types that name them.
	hasCommentParts := slices.ContainsFunc(zr.File, func(f *zip.File) bool { return commentPartRe.MatchString(f.Name) })
	var buf bytes.Buffer
	buf.Grow(int(total) + 128*len(zr.File))
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if seen[f.Name] {
			return nil, bad(f.Name, "gói có hai phần cùng tên")
		}
		seen[f.Name] = true
		b, err := readZipFile(f)
		if err != nil {
			return nil, bad(f.Name, "không đọc được: %v", err)
		}
		if hasCommentParts && commentPartRe.MatchString(f.Name) {
			continue
		}
		if hasCommentParts && (f.Name == "word/_rels/document.xml.rels" || f.Name == "[Content_Types].xml") {
			b = []byte(withoutCommentParts(string(b)))
		}
		if revisable(f.Name) {
			x, n, err := acceptRevisions(string(b))
			if err != nil {
				errs = append(errs, bad(f.Name, "%v", err)...)
				continue
			}
			b = []byte(x)
			t.warnings = append(t.warnings, n.warnings(name, f.Name)...)
		}
		switch {
		case !isXMLPart(f.Name):
		case !templated(f.Name):
			if bytes.Contains(b, []byte("{{")) {
				errs = append(errs, bad(f.Name, "trường chỉ được dùng trong thân văn bản, đầu trang và chân trang")...)
			} else if err := wellFormed(b); err != nil {
				errs = append(errs, bad(f.Name, "%v", err)...)
			}
		default:
			p := &part{name: f.Name, data: string(b)}
			warnings, perrs := compileTemplatePart(name, p)
			errs = append(errs, perrs...)
			t.warnings = append(t.warnings, warnings...)
			b = []byte(p.data)
			switch {
			case f.Name == bodyPart:
				t.body = p
			case p.nodes != nil:
				t.extras = append(t.extras, p)
			}
		}
		if err := storePart(zw, f.Name, b); err != nil {
			return nil, bad(f.Name, "không đóng gói lại được: %v", err)
		}
	}
	for _, required := range []string{"[Content_Types].xml", bodyPart, "word/_rels/document.xml.rels"} {
		if !seen[required] {
			errs = append(errs, bad("", "gói .docx thiếu phần %s", required)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if err := zw.Close(); err != nil {
		return nil, bad("", "không đóng gói lại được: %v", err)
	}
	t.zipped = buf.Bytes()
	t.rendered = []string{bodyPart}
	for _, p := range t.extras {
		t.rendered = append(t.rendered, p.name)
	}
	if t.zr, err = zip.NewReader(bytes.NewReader(t.zipped), int64(len(t.zipped))); err != nil {
		return nil, bad("", "không đóng gói lại được: %v", err)
	}
	return t, nil
}

// isXMLPart reports a part that must be well-formed XML.
func isXMLPart(name string) bool {
	return strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels")
}

// templated reports whether a part may hold placeholders: the body, headers and footers.
func templated(name string) bool {
	if name == bodyPart {
		return true
	}
	base := strings.TrimPrefix(name, "word/")
	return base != name && !strings.Contains(base, "/") &&
		(strings.HasPrefix(base, "header") || strings.HasPrefix(base, "footer"))
}

// compileTemplatePart joins split placeholders in a part, lints it and compiles it. It
// warns about placeholders whose pieces had different formatting.
func compileTemplatePart(tmpl string, p *part) ([]string, []error) {
	var warnings []string
	var mixed []string
	p.data, mixed = joinSplitReport(p.data)
	for _, ph := range mixed {
		warnings = append(warnings, fmt.Sprintf("mẫu %s (%s): trường %s có định dạng khác nhau giữa các phần (ví dụ in đậm một phần); giá trị dùng định dạng của ký tự đầu của trường, hãy định dạng cả trường như nhau", tmpl, p.name, ph))
	}
	ix, err := indexPart(p.data)
	if err != nil {
		return warnings, []error{&TemplateError{Template: tmpl, Part: p.name, Problem: err.Error()}}
	}
	toks, errs := lintPart(tmpl, p.name, p.data, ix)
	if len(errs) == 0 {
		errs = lintLiteral(tmpl, p.name, p.data, ix, toks)
	}
	if len(errs) > 0 {
		return warnings, errs
	}
	if len(toks) == 0 && p.name != bodyPart {
		return warnings, nil
	}
	nodes, errs := compilePart(tmpl, p.name, p.data, ix, toks)
	p.nodes = nodes
	return warnings, errs
}

// revisable reports a part whose tracked changes and comment anchors are resolved when the
// template loads: the templated parts, footnotes and endnotes.
func revisable(name string) bool {
	return templated(name) || name == "word/footnotes.xml" || name == "word/endnotes.xml"
}

// storePart adds a part to a package, uncompressed.
func storePart(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Render makes a dossier in memory: under Decree 85 the five documents of Names, or with
// in.Full every document its level needs and checklist.xlsx; under Decree 331 every
// document its level needs (D331Names), and with in.Full checklist.xlsx. Every document is
// read back and checked before Render returns; nothing is written anywhere.
func (e *Engine) Render(ctx context.Context, in Input) (*Dossier, error) {
	if in.RuleSet == nil {
		return nil, errors.New("lập hồ sơ: thiếu bộ quy tắc")
	}
	if err := e.Supports(in.RuleSet); err != nil {
		return nil, err
	}
	switch lvl := in.Decision.Level; {
	case lvl == 0:
		return nil, ErrUndetermined
	case lvl < 1 || lvl > 5:
		return nil, fmt.Errorf("lập hồ sơ: cấp độ %d không hợp lệ (1–5)", lvl)
	}
	for _, c := range []struct{ field, v string }{{"sign", in.Sign}, {"owner_sign", in.OwnerSign}} {
		if err := CheckSign(c.field, c.v); err != nil {
			return nil, fmt.Errorf("lập hồ sơ: %w", err)
		}
	}
	fam := families[in.RuleSet.DossierTemplates]
	m, err := buildModel(in)
	if err != nil {
		return nil, err
	}
	v := m.escaped()
	d := &Dossier{Manifest: Manifest{
		System:          in.Profile.Name,
		SystemID:        in.Profile.ID,
		Level:           in.Decision.Level,
		RuleSet:         in.RuleSet.ID,
		RuleSetDigest:   in.RuleSet.Digest,
		Templates:       e.label,
		TemplatesDigest: e.digest,
		GeneratedAt:     time.Now().UTC().Truncate(time.Second),
	}}
	_, d.Secret = secrecy(&in.Profile)
	docs, warnings := e.plan(in, fam, m.conds)
	d.Warnings = warnings
	for _, ds := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key := ds.name
		if fam != nil {
			key = fam.key(ds.name)
		}
		t := e.template(key)
		if t == nil {
			return nil, &NoTemplatesError{RuleSet: in.RuleSet.ID, Title: in.RuleSet.Title, Wants: key}
		}
		data, err := t.render(v)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		d.add(File{Name: ds.name, Data: data, SHA256: hex.EncodeToString(sum[:]), Title: ds.titleFor(m.conds), Template: t.source})
	}
	if in.Full && fam != nil {
		data, err := checklistXLSX(m, fam)
		if err != nil {
			return nil, fmt.Errorf("lập %s: %w", ChecklistName, err)
		}
		sum := sha256.Sum256(data)
		d.add(File{Name: ChecklistName, Data: data, SHA256: hex.EncodeToString(sum[:]), Title: checklistTitle(fam)})
	}
	return d, nil
}

// plan lists the documents to render: the family's for the level (the five of Names
// unless in.Full), or, for a rule set without a built-in family, the agency's own
// templates as they are. It warns about an agency template the dossier does not use.
func (e *Engine) plan(in Input, fam *family, conds map[string]bool) ([]docSpec, []string) {
	var out []docSpec
	var warnings []string
	if fam == nil {
		for _, n := range TemplateNames {
			if e.tmpls[n] != nil {
				out = append(out, docSpec{name: n, title: titleOf(n)})
			}
		}
		warnings = append(warnings, fmt.Sprintf("bộ quy tắc %s chưa có bộ mẫu có sẵn: hồ sơ gồm đúng các mẫu riêng của đơn vị (%s)", in.RuleSet.ID, e.label))
		return out, warnings
	}
	for _, ds := range fam.docs {
		if (in.Full || fam.always || slices.Contains(Names, ds.name)) && ds.needed(conds) {
			out = append(out, ds)
		}
	}
	if e.base != nil {
		for _, n := range templateKeys {
			if e.tmpls[n] != nil && !slices.ContainsFunc(fam.docs, func(s docSpec) bool { return fam.key(s.name) == n }) {
				warnings = append(warnings, fmt.Sprintf("mẫu %s (%s) không thuộc bộ mẫu của bộ quy tắc %s, không dùng", n, e.label, in.RuleSet.ID))
			}
		}
	}
	return out, warnings
}
