package dossier

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/nguyenthenguyen/docx"
)

// BenchmarkDossier renders one full dossier (five documents, each read back and checked).
// bytes/op ÷ 5 is the memory per document.
func BenchmarkDossier(b *testing.B) {
	e := embedded(b)
	in := input(b, "dich-vu-cong-tinh.yaml")
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := e.Render(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// Benchmark1000Dossiers renders 1,000 dossiers of the sample profiles with a worker pool
// of GOMAXPROCS goroutines, as bulk generation does; one op is the whole batch.
func Benchmark1000Dossiers(b *testing.B) {
	e := embedded(b)
	profiles := []string{"ban-tin-noi-bo.yaml", "cong-thong-tin-so.yaml", "dich-vu-cong-tinh.yaml", "he-thong-co-phan-he.yaml",
		"quan-ly-van-ban.yaml", "scada-cap-i.yaml", "trung-tam-du-lieu.yaml", "van-ban-mat.yaml"}
	inputs := make([]Input, len(profiles))
	for i, p := range profiles {
		inputs[i] = input(b, p)
	}
	b.ReportAllocs()
	for b.Loop() {
		jobs := make(chan Input)
		errs := make(chan error, 1)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for in := range jobs {
					if _, err := e.Render(context.Background(), in); err != nil {
						select {
						case errs <- err:
						default:
						}
					}
				}
			}()
		}
		for i := range 1000 {
			jobs <- inputs[i%len(inputs)]
		}
		close(jobs)
		wg.Wait()
		select {
		case err := <-errs:
			b.Fatal(err)
		default:
		}
	}
}

// template60 is a template of 60 paragraphs, each with two placeholders, as a mid-sized
// agency form is.
func template60(tb testing.TB) []byte {
	tb.Helper()
	var body strings.Builder
	for i := range 60 {
		body.WriteString(para(fmt.Sprintf("Đoạn %d: hệ thống {{SYSTEM_NAME}} của {{OWNER}}, nội dung mô tả để đoạn văn có độ dài như một văn bản hành chính thường gặp.", i+1)))
	}
	return pkg(tb, body.String(), para("{{SYSTEM_NAME}}"))
}

// BenchmarkTemplate60 renders one document from a 60-paragraph template: with capdo's
// engine (the compiled template, the values escaped once per dossier, the package read
// back and checked), and with the bare DOCX library (open, replace each placeholder,
// write; no check). ns/op is the time per document.
func BenchmarkTemplate60(b *testing.B) {
	data := template60(b)
	in := input(b, "dich-vu-cong-tinh.yaml")
	b.Run("engine", func(b *testing.B) {
		t, errs := loadTemplate("to-trinh.docx", data)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		m, err := buildModel(in)
		if err != nil {
			b.Fatal(err)
		}
		v := m.escaped()
		b.ReportAllocs()
		start := cpuTime()
		for b.Loop() {
			if _, err := t.render(v); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, start)
	})
	b.Run("bare-library", func(b *testing.B) {
		b.ReportAllocs()
		start := cpuTime()
		defer func() { reportCPU(b, start) }()
		for b.Loop() {
			rd, err := docx.ReadDocxFromMemory(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				b.Fatal(err)
			}
			d := rd.Editable()
			d.Replace("{{SYSTEM_NAME}}", in.Profile.Name, -1)
			d.Replace("{{OWNER}}", in.Profile.Owner, -1)
			d.ReplaceHeader("{{SYSTEM_NAME}}", in.Profile.Name)
			var out bytes.Buffer
			if err := d.Write(&out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkFullDossier renders a full level-4 dossier: nine documents, the checklist, each
// read back and checked.
func BenchmarkFullDossier(b *testing.B) {
	e := embedded(b)
	in := input(b, "scada-cap-i.yaml")
	in.Full = true
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := e.Render(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkD331Dossier renders a full Decree 331 dossier of level 5 with a recorded risk
// assessment: the explanation, the protection plan with the eighteen TCVN 14423:2026
// groups, Mẫu 02–05 and 07, and the checklist, each read back and checked.
func BenchmarkD331Dossier(b *testing.B) {
	e := embedded(b)
	in := input331(b, "testdata/profiles/d331-cap-5-quoc-te.yaml")
	in.Risk = riskFile(b, "testdata/risk/cap-5.json")
	in.Full = true
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := e.Render(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
