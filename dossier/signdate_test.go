package dossier

import (
	"strings"
	"testing"
)

// TestSigningDayBlank: the version to sign leaves the day and month of the place-and-date
// line blank for the văn thư, keeps the year, and touches no other date; the draft keeps
// the drafting date.
func TestSigningDayBlank(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, body, want string }{
		{"date line", para("Kiên Giang, ngày 03 tháng 12 năm 2026"), "Kiên Giang, " + blankDayMonth + " 2026\n"},
		{"date line, one-digit day", para("Hà Nội, ngày 5 tháng 3 năm 2026"), "Hà Nội, " + blankDayMonth + " 2026\n"},
		{"date in a sentence", para("Văn bản số 12 ngày 05 tháng 3 năm 2026 của Sở, ngày 05 tháng 3 năm 2026 về việc"),
			"Văn bản số 12 ngày 05 tháng 3 năm 2026 của Sở, ngày 05 tháng 3 năm 2026 về việc\n"},
		{"date split over runs", `<w:p><w:r><w:t>Kiên Giang, ngày 03 </w:t></w:r><w:r><w:t>tháng 12 năm 2026</w:t></w:r></w:p>`,
			"Kiên Giang, ngày 03 tháng 12 năm 2026\n"},
	}
	for _, c := range cases {
		nf, _, err := FinalFile(File{Name: "x.docx", Data: pkg(t, c.body, "")})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := text(t, zipPart(t, nf.Data, bodyPart)); got != c.want {
			t.Errorf("%s: final text %q, want %q", c.name, got, c.want)
		}
	}

	in := input(t, "dich-vu-cong-tinh.yaml")
	d := render(t, embedded(t), in)
	f, err := d.Final(true)
	if err != nil {
		t.Fatal(err)
	}
	line := dateLine("Kiên Giang", in.Date)
	for i, file := range f.Files {
		if !strings.HasSuffix(file.Name, ".docx") {
			continue
		}
		if draft := bodyText(t, d.Files[i]); !strings.Contains(draft, line) {
			t.Errorf("%s: the draft has no date line %q", file.Name, line)
		}
		final := bodyText(t, file)
		if strings.Contains(final, line) || !strings.Contains(final, "Kiên Giang, "+blankDayMonth+" "+in.Date.Format("2006")) {
			t.Errorf("%s: the version to sign keeps the drafting day or lost the line", file.Name)
		}
	}
}
