package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"capdo/store"
	"capdo/store/storetest"
)

// Only a missing file becomes a new database: an empty file, a file of another kind or
// another program's SQLite database is refused and left as it was.
func TestOpen_RefusesWhatIsNotCapdo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	other := filepath.Join(dir, "khac.db")
	c, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec("CREATE TABLE ghi_chu (x TEXT)"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	for _, f := range []struct {
		name, content, want string
	}{
		{"rong.db", "", "rỗng (0 byte)"},
		{"van-ban.db", "Đây là một tệp văn bản, không phải cơ sở dữ liệu.", "không phải cơ sở dữ liệu SQLite"},
		{"ngan.db", "SQLite", "không phải cơ sở dữ liệu SQLite"},
		{"khac.db", "", "không phải của capdo"},
	} {
		path := filepath.Join(dir, f.name)
		if f.name != "khac.db" {
			os.WriteFile(path, []byte(f.content), 0o600)
		}
		before, _ := os.ReadFile(path)
		db, err := store.Open(ctx, path, nil)
		var fe *store.FileError
		if err == nil {
			db.Close()
		}
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), f.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("Open(%s) = %v, want a FileError with %q", f.name, err, f.want)
		}
		if err := store.CheckOnStart(ctx, path); !errors.As(err, &fe) {
			t.Errorf("CheckOnStart(%s) = %v, want a FileError", f.name, err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("%s was changed", f.name)
		}
	}
	if err := store.CheckOnStart(ctx, filepath.Join(dir, "chua-co.db")); err != nil {
		t.Errorf("CheckOnStart(missing file) = %v", err)
	}
}

// A damaged page is found by the quick check at start and by the full check.
func TestCheck_FindsDamage(t *testing.T) {
	storetest.SQLiteOnly(t)
	ctx := context.Background()
	db := MustOpen(t)
	sealedDossier(t, db)
	path := db.Path()
	if err := store.CheckOnStart(ctx, path); err != nil {
		t.Fatalf("CheckOnStart(sound database) = %v", err)
	}
	if err := store.IntegrityCheck(ctx, path); err != nil {
		t.Fatalf("IntegrityCheck(sound database) = %v", err)
	}
	db.Close() // checkpoints the WAL into the file
	damagePage(t, path, "orgs")
	var de *store.DamagedError
	if err := store.CheckOnStart(ctx, path); !errors.As(err, &de) || de.Check != "quick_check" || len(de.Lines) == 0 {
		t.Errorf("CheckOnStart(damaged) = %v", err)
	}
	if err := store.IntegrityCheck(ctx, path); !errors.As(err, &de) || de.Check != "integrity_check" {
		t.Errorf("IntegrityCheck(damaged) = %v", err)
	}
}

// damagePage overwrites the start of the root page of table with junk.
func damagePage(t *testing.T, path, table string) {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	if err := c.QueryRow("SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = ?", table).Scan(&root, &size); err != nil {
		t.Fatal(err)
	}
	c.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := []byte(strings.Repeat("\xa5", 64))
	if _, err := f.WriteAt(junk, (root-1)*size); err != nil {
		t.Fatal(err)
	}
}
