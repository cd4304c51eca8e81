package dossier

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"strings"
	"sync"
	"time"

	"capdo/templates"
)

const bodyPart = "word/document.xml"

// Engine renders dossiers from one set of templates. It is immutable after loading and safe
// for concurrent use.
type Engine struct {
	label  string
	digest string
	tmpls  []*template // in the order of Names
}

// template is one loaded, normalized and compiled .docx template.
type template struct {
	name  string
	parts []*part // every part of the package, in package order
	body  *part
	// dynamicExtra is set when a header or footer holds placeholders.
	dynamicExtra bool
	// zipped is the normalized package, stored uncompressed so that opening it once per
	// document costs little.
	zipped []byte
	// static holds the parts no rendering changes (styles, settings, relationships…),
	// checked once here, so that reading a generated file back can skip them.
	static map[string]staticPart
}

// staticPart identifies a part's bytes by what the zip directory records of it.
type staticPart struct {
	crc  uint32
	size uint64
}

// part is one file of a template package. nodes is nil for a part without placeholders.
type part struct {
	name  string
	data  string
	nodes []node
}

var (
	embeddedOnce   sync.Once
	embeddedEngine *Engine
	embeddedErr    error
)

// Embedded returns the engine for the templates built into capdo, loaded and linted once.
func Embedded() (*Engine, error) {
	embeddedOnce.Do(func() {
		sub, err := fs.Sub(templates.DOCX, "docx")
		if err != nil {
			embeddedErr = err
			return
		}
		embeddedEngine, embeddedErr = Load(sub, "embedded")
	})
	return embeddedEngine, embeddedErr
}

// Load reads the templates named in Names from fsys (for an agency's own templates,
// os.DirFS(dir)), joins placeholders that Word split, and lints them. Every problem in
// every template is reported, each as a *TemplateError naming the template and the
// placeholder. label says where the templates came from and goes into the manifest.
func Load(fsys fs.FS, label string) (*Engine, error) {
	e := &Engine{label: label}
	h := sha256.New()
	var missing []string
	var errs []error
	for _, name := range Names {
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			missing = append(missing, name)
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("mẫu %s: không đọc được: %w", name, err))
			continue
		}
		// Name and length first, so that moving bytes between files changes the digest.
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		t, terrs := loadTemplate(name, data)
		errs = append(errs, terrs...)
		e.tmpls = append(e.tmpls, t)
	}
	if len(missing) > 0 {
		errs = append([]error{fmt.Errorf("thư mục mẫu %s thiếu mẫu: %s", label, strings.Join(missing, ", "))}, errs...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	e.digest = hex.EncodeToString(h.Sum(nil))
	return e, nil
}

// Digest is the SHA-256 over the template files: the version of the templates a dossier
// was made with.
func (e *Engine) Digest() string { return e.digest }

// loadTemplate normalizes and compiles one template package.
func loadTemplate(name string, data []byte) (*template, []error) {
	bad := func(part, format string, args ...any) []error {
		return []error{&TemplateError{Template: name, Part: part, Problem: fmt.Sprintf(format, args...)}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, bad("", "không phải tệp .docx hợp lệ: %v", err)
	}
	t := &template{name: name}
	var errs []error
	seen := map[string]bool{}
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
		p := &part{name: f.Name, data: string(b)}
		t.parts = append(t.parts, p)
		if !isXMLPart(f.Name) {
			continue
		}
		if !templated(f.Name) {
			if strings.Contains(p.data, "{{") {
				errs = append(errs, bad(f.Name, "trường chỉ được dùng trong thân văn bản, đầu trang và chân trang")...)
			} else if err := wellFormed(b); err != nil {
				errs = append(errs, bad(f.Name, "%v", err)...)
			}
			continue
		}
		errs = append(errs, compileTemplatePart(name, p)...)
		if f.Name == bodyPart {
			t.body = p
		} else if p.nodes != nil {
			t.dynamicExtra = true
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
	if t.zipped, err = storedZip(t.parts); err != nil {
		return nil, bad("", "không đóng gói lại được: %v", err)
	}
	t.static = map[string]staticPart{}
	for _, p := range t.parts {
		if isXMLPart(p.name) && p.nodes == nil && p != t.body {
			t.static[p.name] = staticPart{crc: crc32.ChecksumIEEE([]byte(p.data)), size: uint64(len(p.data))}
		}
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

// compileTemplatePart joins split placeholders in a part, lints it and compiles it.
func compileTemplatePart(tmpl string, p *part) []error {
	p.data = joinSplit(p.data)
	ix, err := indexPart(p.data)
	if err != nil {
		return []error{&TemplateError{Template: tmpl, Part: p.name, Problem: err.Error()}}
	}
	toks, errs := lintPart(tmpl, p.name, p.data, ix)
	if len(errs) > 0 {
		return errs
	}
	if len(toks) == 0 && p.name != bodyPart {
		return nil
	}
	nodes, errs := compilePart(tmpl, p.name, p.data, ix, toks)
	p.nodes = nodes
	return errs
}

func storedZip(parts []*part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Render makes the five documents of a dossier in memory. Every document is read back
// and checked before Render returns; nothing is written anywhere.
func (e *Engine) Render(ctx context.Context, in Input) (*Dossier, error) {
	if in.RuleSet == nil {
		return nil, errors.New("lập hồ sơ: thiếu bộ quy tắc")
	}
	switch lvl := in.Decision.Level; {
	case lvl == 0:
		return nil, ErrUndetermined
	case lvl < 1 || lvl > 5:
		return nil, fmt.Errorf("lập hồ sơ: cấp độ %d không hợp lệ (1–5)", lvl)
	}
	v, err := buildValues(in)
	if err != nil {
		return nil, err
	}
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
	for _, t := range e.tmpls {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := t.render(v)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		f := File{Name: t.name, Data: data, SHA256: hex.EncodeToString(sum[:])}
		d.Files = append(d.Files, f)
		d.Manifest.Files = append(d.Manifest.Files, ManifestFile{Name: f.Name, SHA256: f.SHA256})
	}
	return d, nil
}
