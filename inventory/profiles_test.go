package inventory_test

import (
	"testing"

	"capdo/inventory"
	"capdo/levels"
)

// Excel's plain «CSV» on a Vietnamese Windows is in code page 1258, its accents combining
// marks: the rows read as the same text a UTF-8 file gives.
func TestReadProfiles_Windows1258(t *testing.T) {
	// "Sở Y tế" and "Hưng Yên" as Windows writes them: ơ, ư, ê are letters of the code
	// page; the hook above (0xD2) and the acute (0xEC) are marks after the letter.
	cp := "id;name;owner;system_type;info_types\nHT-1;S\xf5\xd2 Y t\xea\xec;H\xfdng Y\xean;citizen_business;public\n"
	p, err := inventory.ReadProfiles("ds.csv", []byte(cp), levels.Standard(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Encoding != "windows-1258" || len(p.Rows) != 1 || p.Rows[0].Profile.Name != "Sở Y tế" || p.Rows[0].Profile.Owner != "Hưng Yên" {
		t.Errorf("read %q as %+v", cp, p)
	}
	if _, err := inventory.ReadProfiles("ds.csv", []byte("id,name\x00\n"), levels.Standard(), 0); err == nil {
		t.Error("a CSV with a NUL byte read as text")
	}
}

// Whatever the bytes, reading never panics, rows come in spreadsheet order after the
// header, and a row without problems is a valid profile.
func FuzzReadProfiles(f *testing.F) {
	for _, s := range []string{
		"id,name,owner,system_type,info_types\nHT-1,A,B,internal,public\n",
		"id;name;owner;system_type;info_types\nHT-1;A;B;internal;\"public;personal\"\n\nHT-2;\"x\"y;B;internal;public\n",
		"name,owner,system_type,info_types,personal_data_users,approved_level\nA,B,citizen_business,personal,-5,9\n",
		"\uFEFFMã hệ thống,Tên hệ thống\n\"HT\n1\",A\n",
	} {
		f.Add([]byte(s))
	}
	sch := levels.Standard()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := inventory.ReadProfiles("x.csv", data, sch, 1000)
		if err != nil {
			return
		}
		last := 1
		for _, r := range p.Rows {
			if r.Row <= last {
				t.Fatalf("row %d after row %d", r.Row, last)
			}
			last = r.Row
			if len(r.Problems) == 0 {
				prof := r.Profile
				if ps := sch.Validate(&prof); len(ps) > 0 {
					t.Fatalf("row %d has no problems but is invalid: %v", r.Row, ps)
				}
			}
		}
	})
}
