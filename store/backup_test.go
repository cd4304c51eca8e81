//go:build unix

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"

	"capdo/store"
	"capdo/store/storetest"
)

// Backups taken while writers commit hold at least everything acknowledged before they
// began, with no hole, pass integrity_check, and are readable by their owner only
// whatever the umask.
func TestBackup_ConsistentUnderConcurrentWriters(t *testing.T) {
	storetest.SQLiteOnly(t)
	ctx := context.Background()
	db := MustOpen(t)
	id := sealedDossier(t, db)
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var werr atomic.Value
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.CreateOrg(ctx, store.NewOrg{Name: fmt.Sprintf("Đơn vị %d-%d", w, i)}); err != nil {
					werr.Store(err)
					return
				}
				acked.Add(1)
			}
		}()
	}
	wantSchema, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, mask := range []int{0o022, 0, 0o277} {
		for acked.Load() < int64(20*(i+1)) {
			runtime.Gosched() // until the writers have committed some more rows
		}
		before := acked.Load()
		old := syscall.Umask(mask)
		out := filepath.Join(dir, fmt.Sprintf("capdo-%d.db", i))
		info, err := store.Backup(ctx, db.Path(), out)
		syscall.Umask(old)
		if err != nil {
			t.Fatalf("Backup #%d: %v", i, err)
		}
		st, err := os.Stat(out)
		if err != nil || st.Mode().Perm() != 0o600 || st.Size() != info.Size || info.SchemaVersion != wantSchema || info.Dossiers != 1 || info.Events != 4 {
			t.Fatalf("backup #%d (umask %o): mode %v, info %+v, %v", i, mask, st.Mode(), info, err)
		}
		c, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var n, maxID int64
		if err := c.QueryRow("SELECT count(*), max(id) FROM orgs WHERE name LIKE 'Đơn vị %'").Scan(&n, &maxID); err != nil {
			t.Fatal(err)
		}
		c.Close()
		// Sở Y tế is org 1; the writers' rows follow it without a gap.
		if n < before || maxID != n+1 {
			t.Errorf("backup #%d holds %d rows (max id %d), %d were acknowledged before it", i, n, maxID, before)
		}
	}
	close(stop)
	wg.Wait()
	if err, _ := werr.Load().(error); err != nil {
		t.Fatal(err)
	}
	// Only the finished copies are left: no temporary or journal file.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("backup folder holds %v", names)
	}
	// A copy restored in place of the database opens with the same key and verifies.
	restored, err := store.Open(ctx, filepath.Join(dir, "capdo-0.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if _, err := restored.UseAuditKey(ctx, testKey, false); err != nil {
		t.Fatal(err)
	}
	if chk, err := restored.VerifyDossier(ctx, id); err != nil || !chk.OK() {
		t.Errorf("restored dossier: %+v, %v", chk, err)
	}
}

func TestBackup_Refusals(t *testing.T) {
	storetest.SQLiteOnly(t)
	ctx := context.Background()
	db := MustOpen(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "ban-sao.db")
	if err := os.WriteFile(out, []byte("bản sao cũ"), 0o600); err != nil {
		t.Fatal(err)
	}
	var fe *store.FileError
	if _, err := store.Backup(ctx, db.Path(), out); !errors.As(err, &fe) || fe.Path != out {
		t.Errorf("Backup over an existing file = %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "bản sao cũ" {
		t.Error("the existing file was changed")
	}
	missing := filepath.Join(dir, "khong-co.db")
	if _, err := store.Backup(ctx, missing, filepath.Join(dir, "x.db")); err == nil {
		t.Error("Backup of a missing database succeeded")
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("Backup created the missing database")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a failed backup left its output behind")
	}
}

func TestLock_SecondHolderRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "capdo.db")
	release, err := store.Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	var le *store.LockedError
	if _, err := store.Lock(path); !errors.As(err, &le) || le.PID != os.Getpid() || !strings.Contains(err.Error(), "đang được tiến trình capdo serve khác") {
		t.Errorf("second Lock = %v, want a LockedError naming this process", err)
	}
	release()
	again, err := store.Lock(path)
	if err != nil {
		t.Fatalf("Lock after release = %v", err)
	}
	again()
	if st, err := os.Stat(path + ".lock"); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("lock file: %v, %v", st, err)
	}
}
