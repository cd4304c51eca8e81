package dossier

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readDir returns the files of a folder by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

// checkDossierFiles checks that files hold the five documents and a manifest whose hashes
// match them.
func checkDossierFiles(t *testing.T, files map[string][]byte, system string, level int) {
	t.Helper()
	want := append(slices.Clone(Names), ManifestName)
	if got := slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	}); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Fatalf("files %v, want %v", got, want)
	}
	var m Manifest
	if err := json.Unmarshal(files[ManifestName], &m); err != nil {
		t.Fatal(err)
	}
	if m.System != system || m.Level != level || m.RuleSet != "d85-2016" || m.RuleSetDigest == "" || m.TemplatesDigest == "" || m.GeneratedAt.IsZero() {
		t.Errorf("manifest %+v", m)
	}
	if len(m.Files) != len(Names) {
		t.Fatalf("manifest lists %d files", len(m.Files))
	}
	for i, mf := range m.Files {
		sum := sha256.Sum256(files[mf.Name])
		if mf.Name != Names[i] || mf.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("manifest entry %+v does not match the file", mf)
		}
	}
}

func TestWriteDir(t *testing.T) {
	t.Parallel()
	in := input(t, "dich-vu-cong-tinh.yaml")
	d := render(t, embedded(t), in)
	root := t.TempDir()
	out := filepath.Join(root, "hoso")

	if err := d.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	checkDossierFiles(t, readDir(t, out), in.Profile.Name, 3)

	// A folder holding a previous dossier is replaced whole.
	d2 := render(t, embedded(t), input(t, "scada-cap-i.yaml"))
	if err := d2.WriteDir(out); err != nil {
		t.Fatalf("rewriting a previous dossier: %v", err)
	}
	checkDossierFiles(t, readDir(t, out), d2.Manifest.System, 4)

	// An empty folder is used.
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteDir(empty); err != nil {
		t.Fatal(err)
	}
	checkDossierFiles(t, readDir(t, empty), in.Profile.Name, 3)

	// A folder with anything else is refused and left as it was.
	foreign := filepath.Join(root, "foreign")
	if err := os.Mkdir(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "ghi-chu.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteDir(foreign); !errors.Is(err, ErrOutDirInUse) {
		t.Errorf("WriteDir into a folder with other files: %v, want ErrOutDirInUse", err)
	}
	if got := readDir(t, foreign); len(got) != 1 {
		t.Errorf("the refused folder now holds %d files", len(got))
	}
	// No temporary folder is left behind.
	entries, _ := os.ReadDir(root)
	if len(entries) != 3 {
		t.Errorf("root holds %d entries, want hoso, empty and foreign", len(entries))
	}
}

func TestWriteZip(t *testing.T) {
	t.Parallel()
	in := input(t, "van-ban-mat.yaml")
	d := render(t, embedded(t), in)
	var buf bytes.Buffer
	if err := d.WriteZip(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	checkDossierFiles(t, files, in.Profile.Name, 3)
}

// TestWriteDirSecret: the dossier of a system that processes state secrets is written
// readable by its owner only. (An ordinary one follows the umask, so only its flag is
// checked.)
func TestWriteDirSecret(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, c := range []struct {
		profile       string
		dir, file     os.FileMode
		wantSecretSet bool
	}{
		{"van-ban-mat.yaml", 0o700, 0o600, true},
		{"dich-vu-cong-tinh.yaml", 0, 0, false},
	} {
		d := render(t, embedded(t), input(t, c.profile))
		if d.Secret != c.wantSecretSet {
			t.Errorf("%s: Secret = %v", c.profile, d.Secret)
		}
		if !c.wantSecretSet {
			continue
		}
		out := filepath.Join(root, c.profile)
		if err := d.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(out); st.Mode().Perm() != c.dir {
			t.Errorf("%s: folder mode %o, want %o", c.profile, st.Mode().Perm(), c.dir)
		}
		for _, name := range append(Names, ManifestName) {
			if st, _ := os.Stat(filepath.Join(out, name)); st.Mode().Perm() != c.file {
				t.Errorf("%s: %s mode %o, want %o", c.profile, name, st.Mode().Perm(), c.file)
			}
		}
	}
}

// TestWriteDirRefusesCwd: the current folder cannot be swapped for a new one (the process
// stands in it), so "--out ." is refused with a message asking for a subfolder, as is a
// folder that holds the current one.
func TestWriteDirRefusesCwd(t *testing.T) {
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	root := t.TempDir()
	cwd := filepath.Join(root, "hoso")
	if err := os.Mkdir(cwd, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(cwd)
	for _, out := range []string{".", cwd, "..", root} {
		err := d.WriteDir(out)
		if err == nil || !strings.Contains(err.Error(), "thư mục con") {
			t.Errorf("WriteDir(%q) = %v, want a refusal asking for a subfolder", out, err)
		}
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Errorf("the current folder now holds %d entries", len(entries))
	}
	// A relative subfolder is fine.
	if err := d.WriteDir("con"); err != nil {
		t.Fatal(err)
	}
	checkDossierFiles(t, readDir(t, filepath.Join(cwd, "con")), d.Manifest.System, 3)
}

// TestWriteDirRefusesSymlink: --out that is a symbolic link is refused; following it
// would replace the link with a folder, or write where the user did not look.
func TestWriteDirRefusesSymlink(t *testing.T) {
	t.Parallel()
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	root := t.TempDir()
	target := filepath.Join(root, "that")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteDir(link); err == nil || !strings.Contains(err.Error(), "liên kết") {
		t.Errorf("WriteDir(symlink) = %v, want a refusal", err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if entries, _ := os.ReadDir(target); len(entries) != 0 {
		t.Errorf("the link's target now holds %d entries", len(entries))
	}
}

// TestWriteDirKeepsEdits: a previous dossier whose documents were edited after capdo
// wrote them is not replaced unless forced, and the refusal names the edited files.
func TestWriteDirKeepsEdits(t *testing.T) {
	t.Parallel()
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	out := filepath.Join(t.TempDir(), "hoso")
	if err := d.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	// Unedited: replaced without asking.
	if err := d.WriteDir(out); err != nil {
		t.Fatalf("rewriting an unedited dossier: %v", err)
	}
	edited := []byte("đã sửa trong Word")
	for _, n := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx"} {
		if err := os.WriteFile(filepath.Join(out, n), edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A deleted document loses nothing.
	os.Remove(filepath.Join(out, "phuong-an-bao-dam-attt.docx"))
	err := d.WriteDir(out)
	if !errors.Is(err, ErrEdited) {
		t.Fatalf("WriteDir over edited files = %v, want ErrEdited", err)
	}
	for _, s := range []string{"to-trinh.docx", "du-thao-quyet-dinh.docx", "--force"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %s", err, s)
		}
	}
	if strings.Contains(err.Error(), "thuyet-minh") {
		t.Errorf("error %q names an unedited file", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "to-trinh.docx")); !bytes.Equal(b, edited) {
		t.Error("the edited file was overwritten")
	}
	// A manifest that no longer reads: nothing can be compared, so nothing is replaced.
	os.WriteFile(filepath.Join(out, ManifestName), []byte("{"), 0o644)
	if err := d.WriteDir(out); !errors.Is(err, ErrEdited) {
		t.Errorf("WriteDir with a broken manifest = %v, want ErrEdited", err)
	}
	if err := d.WriteDirForce(out); err != nil {
		t.Fatalf("forced: %v", err)
	}
	checkDossierFiles(t, readDir(t, out), d.Manifest.System, 3)
}

// TestWriteDirKeepsExistingFolder: an existing --out (a Docker volume's mount point, or a
// folder in a parent capdo may not write to) is written into, not replaced: it keeps its
// inode, owner and mode, and no temporary folder is left in it or beside it. A secret
// dossier only takes the group's and others' permissions away.
func TestWriteDirKeepsExistingFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, c := range []struct {
		profile  string
		mode     os.FileMode
		wantMode os.FileMode
	}{
		{"dich-vu-cong-tinh.yaml", 0o751, 0o751},
		{"van-ban-mat.yaml", 0o755, 0o700},
	} {
		d := render(t, embedded(t), input(t, c.profile))
		parent := filepath.Join(root, c.profile)
		out := filepath.Join(parent, "out")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(out, c.mode); err != nil {
			t.Fatal(err)
		}
		before, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		// Twice: into the empty folder, then over the dossier just written.
		for i := range 2 {
			if err := d.WriteDir(out); err != nil {
				t.Fatalf("%s, write %d: %v", c.profile, i+1, err)
			}
			after, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(before, after) {
				t.Errorf("%s, write %d: the folder was replaced", c.profile, i+1)
			}
			if after.Mode().Perm() != c.wantMode {
				t.Errorf("%s, write %d: folder mode %o, want %o", c.profile, i+1, after.Mode().Perm(), c.wantMode)
			}
			checkDossierFiles(t, readDir(t, out), d.Manifest.System, d.Manifest.Level)
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("%s: the parent holds %d entries, want the folder alone", c.profile, len(entries))
			}
		}
		if d.Secret {
			for _, name := range append(Names, ManifestName) {
				if st, _ := os.Stat(filepath.Join(out, name)); st.Mode().Perm() != 0o600 {
					t.Errorf("%s: %s mode %o, want 600", c.profile, name, st.Mode().Perm())
				}
			}
		}
	}
}

// TestWriteDirMakesParents: --out may name a folder whose parents do not exist yet.
func TestWriteDirMakesParents(t *testing.T) {
	t.Parallel()
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	out := filepath.Join(t.TempDir(), "ho-so", "2026", "cong-dich-vu")
	if err := d.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	checkDossierFiles(t, readDir(t, out), d.Manifest.System, d.Manifest.Level)
}

// TestWriteDirClearsStaleStaging: a staging folder left in --out by an interrupted run is
// capdo's own: the next write neither refuses the folder for it nor leaves it behind.
func TestWriteDirClearsStaleStaging(t *testing.T) {
	t.Parallel()
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	for _, previous := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "out")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		if previous {
			if err := d.WriteDir(out); err != nil {
				t.Fatal(err)
			}
		}
		stale := filepath.Join(out, stagingPrefix+"123456")
		if err := os.MkdirAll(stale, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(stale, "to-trinh.docx"), []byte("nửa chừng"), 0o600)
		if err := d.WriteDir(out); err != nil {
			t.Fatalf("previous dossier %v: %v", previous, err)
		}
		if _, err := os.Stat(stale); !os.IsNotExist(err) {
			t.Errorf("previous dossier %v: the stale staging folder is still there", previous)
		}
		checkDossierFiles(t, readDir(t, out), d.Manifest.System, d.Manifest.Level)
	}
	// Any other folder is still foreign content.
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "capdo-khac"), 0o700)
	if err := d.WriteDir(out); !errors.Is(err, ErrOutDirInUse) {
		t.Errorf("a foreign folder = %v, want ErrOutDirInUse", err)
	}
}

// TestWriteDirReadOnlyParent: an existing --out whose parent capdo may not write to is
// written into. Root ignores permissions, so there the test cannot fail and is skipped;
// TestWriteDirKeepsExistingFolder covers the same path by the folder's identity.
func TestWriteDirReadOnlyParent(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	d := render(t, embedded(t), input(t, "dich-vu-cong-tinh.yaml"))
	parent := filepath.Join(t.TempDir(), "ro")
	out := filepath.Join(parent, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	if err := d.WriteDir(out); err != nil {
		t.Fatalf("WriteDir into a folder whose parent is read-only: %v", err)
	}
	checkDossierFiles(t, readDir(t, out), d.Manifest.System, 3)
}
