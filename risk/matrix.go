package risk

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Matrix is a scoring matrix: likelihood × impact (each 1–5) gives a score 1–25, the
// score falls in a band, and the band suggests a level. It is data (data/matrix.yaml),
// provisional until Bộ Công an issues the risk framework (Art. 10.8).
type Matrix struct {
	Provisional bool   `yaml:"provisional"`
	Title       string `yaml:"title"`
	Source      string `yaml:"source"`
	Note        string `yaml:"note"`
	Likelihood  []Step `yaml:"likelihood"`
	Impact      []Step `yaml:"impact"`
	Bands       []Band `yaml:"bands"`
}

// Step is one step of the likelihood or impact scale.
type Step struct {
	Value int    `yaml:"value"`
	Label string `yaml:"label"`
}

// Band is a range of scores and the level it suggests.
type Band struct {
	Min   int    `yaml:"min"`
	Max   int    `yaml:"max"`
	Name  string `yaml:"name"`
	Level int    `yaml:"level"`
}

//go:embed data/matrix.yaml
var defaultMatrix []byte

// DefaultMatrix is the provisional matrix capdo ships.
func DefaultMatrix() *Matrix {
	m, err := LoadMatrix(bytes.NewReader(defaultMatrix))
	if err != nil {
		panic("risk: data/matrix.yaml: " + err.Error()) // matrix_test.go keeps it valid
	}
	return m
}

// LoadMatrixFile reads a matrix from a YAML file in the format of data/matrix.yaml.
func LoadMatrixFile(path string) (*Matrix, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := LoadMatrix(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// LoadMatrix reads and checks a matrix: both scales list 1–5, the bands cover the scores
// 1–25 in order without gap or overlap, and their levels (1–5) never go down.
func LoadMatrix(r io.Reader) (*Matrix, error) {
	dec := yaml.NewDecoder(io.LimitReader(r, 1<<20))
	dec.KnownFields(true)
	var m Matrix
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("ma trận rủi ro không đọc được: %v", err)
	}
	var probs []string
	for _, s := range []struct {
		name  string
		scale []Step
	}{{"likelihood", m.Likelihood}, {"impact", m.Impact}} {
		if len(s.scale) != 5 {
			probs = append(probs, fmt.Sprintf("%s: cần đúng 5 mức 1–5", s.name))
			continue
		}
		for i, x := range s.scale {
			if x.Value != i+1 || strings.TrimSpace(x.Label) == "" {
				probs = append(probs, fmt.Sprintf("%s[%d]: cần value %d và label", s.name, i, i+1))
			}
		}
	}
	next, level := 1, 1
	for i, b := range m.Bands {
		at := fmt.Sprintf("bands[%d]", i)
		switch {
		case b.Min != next:
			probs = append(probs, fmt.Sprintf("%s: min phải là %d (nối tiếp mức trước)", at, next))
		case b.Max < b.Min || b.Max > 25:
			probs = append(probs, fmt.Sprintf("%s: max phải từ %d đến 25", at, b.Min))
		case b.Level < level || b.Level > 5:
			probs = append(probs, fmt.Sprintf("%s: level phải từ %d đến 5 (không giảm theo điểm)", at, level))
		case strings.TrimSpace(b.Name) == "":
			probs = append(probs, fmt.Sprintf("%s: cần name", at))
		}
		next, level = b.Max+1, max(level, b.Level)
	}
	if next != 26 {
		probs = append(probs, "bands: các mức phải phủ kín điểm 1–25")
	}
	if len(probs) > 0 {
		return nil, errors.New("ma trận rủi ro có lỗi: " + strings.Join(probs, "; "))
	}
	return &m, nil
}

// Band is the band of a likelihood and an impact (each 1–5), with their score.
func (m *Matrix) Band(likelihood, impact int) (score int, b Band) {
	score = likelihood * impact
	for _, b := range m.Bands {
		if score >= b.Min && score <= b.Max {
			return score, b
		}
	}
	return score, Band{}
}

// Label names the matrix for a reader, with its provisional mark.
func (m *Matrix) Label() string {
	if m.Provisional {
		return m.Title + " — " + strings.TrimSpace(m.Note)
	}
	return m.Title
}

// Suggestion is the level a register suggests under a matrix: that of its highest-scored
// risk.
type Suggestion struct {
	Level int
	Risk  int // index of the risk that sets it, -1 when the register is empty
	Score int
	Band  Band
}

// Suggest finds the level the register suggests (the highest band of any risk).
func (m *Matrix) Suggest(a *Assessment) Suggestion {
	s := Suggestion{Risk: -1}
	for i, r := range a.Risks {
		if r.Likelihood < 1 || r.Likelihood > 5 || r.Impact < 1 || r.Impact > 5 {
			continue
		}
		score, b := m.Band(r.Likelihood, r.Impact)
		if b.Level > s.Level || (b.Level == s.Level && score > s.Score) {
			s = Suggestion{Level: b.Level, Risk: i, Score: score, Band: b}
		}
	}
	return s
}

// Warnings lists, in Vietnamese, what the matrix says about the record: a register whose
// risks suggest a higher level than the one the assessment supports (Art. 10.5 asks the
// owner to propose the higher level), and a proposed level (0: none) below the one the
// assessment supports, which Art. 10.5 forbids.
func (a *Assessment) Warnings(m *Matrix, proposed int) []string {
	var out []string
	mark := ""
	if m.Provisional {
		mark = " [suy luận]"
	}
	s := m.Suggest(a)
	if s.Level > a.Level && s.Risk >= 0 {
		r := a.Risks[s.Risk]
		out = append(out, fmt.Sprintf("Rủi ro cao nhất (risks[%d], «%s»: %d × %d = %d, mức «%s») gợi ý cấp độ %d, cao hơn cấp độ %d mà đánh giá nêu; "+
			"khi rủi ro vượt cấp độ đã xác định, chủ quản phải đề xuất cấp độ cao hơn (khoản 5 Điều 10 %s). Gợi ý theo %s%s.",
			s.Risk, r.Asset, r.Likelihood, r.Impact, s.Score, s.Band.Name, s.Level, a.Level, decree, m.Title, mark))
	}
	if proposed > 0 && a.Level > proposed {
		out = append(out, fmt.Sprintf("Kết quả đánh giá rủi ro hỗ trợ cấp độ %d, cao hơn cấp độ %d được đề xuất: phải đề xuất cấp độ cao hơn (khoản 5 Điều 10 %s).",
			a.Level, proposed, decree))
	}
	return out
}
