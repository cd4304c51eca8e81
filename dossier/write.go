package dossier

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ManifestJSON is manifest.json exactly as WriteDir and WriteZip write it: the one
// serialization of the manifest, which the registry stores with a dossier and hashes.
func (d *Dossier) ManifestJSON() ([]byte, error) { return d.manifestJSON() }

// manifestJSON is the manifest as written next to the documents.
func (d *Dossier) manifestJSON() ([]byte, error) {
	b, err := json.MarshalIndent(d.Manifest, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// WriteZip writes the documents and manifest.json as one zip archive.
func (d *Dossier) WriteZip(w io.Writer) error {
	m, err := d.manifestJSON()
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	add := func(name string, data []byte) error {
		// Documents are zip packages already; storing them again deflated gains nothing.
		method := zip.Store
		if name == ManifestName {
			method = zip.Deflate
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: d.Manifest.GeneratedAt})
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	for _, f := range d.Files {
		if err := add(f.Name, f.Data); err != nil {
			return fmt.Errorf("ghi %s vào tệp zip: %w", f.Name, err)
		}
	}
	if err := add(ManifestName, m); err != nil {
		return fmt.Errorf("ghi %s vào tệp zip: %w", ManifestName, err)
	}
	return zw.Close()
}

// WriteDir writes the documents and manifest.json into dir, all or nothing: every file
// is first written into a temporary folder and read back, and only then put in place.
//
// dir may be missing, empty, or hold a dossier capdo wrote before (manifest.json and files
// capdo names, IsDossierFile, nothing else), which is replaced: a file of the previous
// dossier that the new one lacks (a document of another level, a PDF) is removed. Any other content is
// refused, so that a mistyped --out never deletes someone's files (ErrOutDirInUse); so is
// a previous dossier whose documents no longer match its manifest, so that edits made in
// Word are never silently lost (ErrEdited; WriteDirForce replaces it anyway). dir may not
// be a symbolic link, nor the current folder or one that holds it.
//
// A missing dir is made as a temporary folder next to it, renamed into place whole. An
// existing dir is kept (it may be a mount point, which cannot be renamed, or sit in a
// folder capdo may not write to, and its owner and mode are the user's): the temporary
// folder is made inside it, each file is renamed into place, manifest.json last, and the
// temporary folder is removed. Should a rename fail half-way, the previous manifest.json
// is still there and no longer matches the documents, so the next run reports them as
// edited rather than taking the mix for a dossier.
func (d *Dossier) WriteDir(dir string) error { return d.writeDir(dir, false) }

// WriteDirForce is WriteDir replacing a previous dossier even when its documents were
// edited after capdo wrote them.
func (d *Dossier) WriteDirForce(dir string) error { return d.writeDir(dir, true) }

func (d *Dossier) writeDir(dir string, force bool) error {
	m, err := d.manifestJSON()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("thư mục đích %s: %w", dir, err)
	}
	dir = abs
	if err := notWorkingDir(dir); err != nil {
		return err
	}
	existed, err := checkOutDir(dir, force)
	if err != nil {
		return err
	}
	if existed {
		return d.writeInto(dir, m)
	}
	return d.writeNew(dir, m)
}

// modes are the permissions of the files and of a new folder: owner-only for a dossier
// holding state secrets.
func (d *Dossier) modes() (file, dir os.FileMode) {
	if d.Secret {
		return 0o600, 0o700
	}
	return 0o644, 0o755
}

// writeNew writes a dossier into a temporary folder next to dir, which then becomes dir.
func (d *Dossier) writeNew(dir string, manifest []byte) error {
	// Missing parents are made as mkdir -p would ("--out ho-so/2026/cong-dich-vu").
	_, dirMode := d.modes()
	if err := os.MkdirAll(filepath.Dir(dir), dirMode); err != nil {
		return fmt.Errorf("tạo thư mục cha của %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".capdo-*")
	if err != nil {
		return fmt.Errorf("tạo thư mục tạm cạnh %s: %w", dir, err)
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()
	if err := d.stage(tmp, manifest); err != nil {
		return err
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("đổi tên thư mục tạm thành %s: %w", dir, err)
	}
	committed = true
	return nil
}

// writeInto writes a dossier into the existing folder dir through a temporary folder
// inside it, keeping dir itself.
func (d *Dossier) writeInto(dir string, manifest []byte) error {
	if err := removeStaging(dir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, stagingPrefix+"*")
	if err != nil {
		return fmt.Errorf("tạo thư mục tạm trong %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	if err := d.stage(tmp, manifest); err != nil {
		return err
	}
	// A secret dossier must not sit in a folder others can read or list. Only the
	// group's and others' permissions are taken away, before any file is in place.
	if d.Secret {
		st, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if perm := st.Mode().Perm(); perm&0o077 != 0 {
			if err := os.Chmod(dir, perm&^0o077); err != nil {
				return fmt.Errorf("%s: không hạn chế được quyền truy cập thư mục cho hồ sơ mật: %w", dir, err)
			}
		}
	}
	// manifest.json last: until it is replaced, the folder never passes for a complete
	// new dossier.
	for _, name := range append(d.names(), ManifestName) {
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("đưa %s vào %s: %w", name, dir, err)
		}
	}
	// What the previous dossier had and this one has not (checked unedited, or --force).
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && IsDossierFile(n) && n != ManifestName && !slices.Contains(d.names(), n) {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return fmt.Errorf("xóa %s của hồ sơ cũ: %w", n, err)
			}
		}
	}
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("xóa thư mục tạm %s: %w", tmp, err)
	}
	return nil
}

// stagingPrefix names the temporary folder a dossier is staged in inside --out.
const stagingPrefix = ".capdo-"

func isStaging(e os.DirEntry) bool {
	return e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix)
}

// removeStaging clears staging folders that an interrupted run left in dir.
func removeStaging(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if isStaging(e) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("xóa thư mục tạm còn sót %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

func (d *Dossier) names() []string {
	out := make([]string, len(d.Files))
	for i, f := range d.Files {
		out[i] = f.Name
	}
	return out
}

// stage writes the documents and the manifest into the folder tmp and reads each back,
// comparing it with what was rendered: a short write or a full disk is found before any
// file takes the place of another.
func (d *Dossier) stage(tmp string, manifest []byte) error {
	fileMode, _ := d.modes()
	files := append(slices.Clone(d.Files), File{Name: ManifestName, Data: manifest})
	for _, f := range files {
		if err := writeFileSync(filepath.Join(tmp, f.Name), f.Data, fileMode); err != nil {
			return err
		}
	}
	for _, f := range files {
		want := sha256.Sum256(f.Data)
		got, err := fileSHA256(filepath.Join(tmp, f.Name))
		if err != nil {
			return err
		}
		if got != hex.EncodeToString(want[:]) {
			return fmt.Errorf("%s: tệp ghi ra khác nội dung đã lập", f.Name)
		}
	}
	return nil
}

// ErrOutDirInUse is returned by WriteDir when the target holds files that are not a
// previous capdo dossier.
var ErrOutDirInUse = errors.New("thư mục đích đã có tệp không thuộc hồ sơ do capdo lập; hãy chọn thư mục trống hoặc thư mục chưa tồn tại")

// ErrEdited is returned by WriteDir when the documents of the previous dossier in the
// target differ from what its manifest records: someone edited them after capdo wrote
// them, and replacing the folder would lose that work.
var ErrEdited = errors.New("hồ sơ cũ trong thư mục đích đã được sửa sau khi capdo lập; ghi đè sẽ mất các chỗ đã sửa")

// notWorkingDir refuses the current folder and any folder that holds it: "--out ." or
// "--out .." is far more likely a slip than a wish to fill the folder one works in with a
// dossier, and a folder holding the current one could never be replaced whole.
func notWorkingDir(dir string) error {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	refuse := func() error {
		return fmt.Errorf("%s là thư mục hiện hành hoặc chứa thư mục hiện hành; để tránh ghi nhầm, capdo không ghi hồ sơ vào đó: hãy chỉ định một thư mục con, ví dụ ho-so", dir)
	}
	if rel, err := filepath.Rel(dir, wd); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return refuse()
	}
	// The same folder reached by another path (a symbolic link on the way).
	if a, err := os.Stat(dir); err == nil {
		if b, err := os.Stat(wd); err == nil && os.SameFile(a, b) {
			return refuse()
		}
	}
	return nil
}

// checkOutDir reports whether dir exists, and refuses a symbolic link, a file, a folder
// with foreign content and, unless force, a previous dossier with edited documents.
func checkOutDir(dir string, force bool) (bool, error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if st.Mode()&os.ModeSymlink != 0 {
		return false, fmt.Errorf("%s là liên kết tượng trưng (symlink); hãy chỉ định trực tiếp thư mục cần ghi", dir)
	}
	if !st.IsDir() {
		return false, fmt.Errorf("%s không phải là thư mục", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	// A staging folder left by an interrupted run is capdo's own and is cleared by the
	// next write; it does not make the folder foreign.
	entries = slices.DeleteFunc(entries, isStaging)
	if len(entries) == 0 {
		return true, nil
	}
	hasManifest := false
	for _, e := range entries {
		switch {
		case e.Name() == ManifestName && e.Type().IsRegular():
			hasManifest = true
		case IsDossierFile(e.Name()) && e.Type().IsRegular():
		default:
			return false, fmt.Errorf("%s: %w (có «%s»)", dir, ErrOutDirInUse, e.Name())
		}
	}
	if !hasManifest {
		return false, fmt.Errorf("%s: %w (không có %s)", dir, ErrOutDirInUse, ManifestName)
	}
	if !force {
		if err := checkUnedited(dir, entries); err != nil {
			return false, err
		}
	}
	return true, nil
}

// maxManifestSize bounds the previous manifest read back: capdo writes about 1 KiB.
const maxManifestSize = 1 << 20

// checkUnedited compares every document of a previous dossier with the SHA-256 its
// manifest records, and names the documents that differ.
func checkUnedited(dir string, entries []os.DirEntry) error {
	var old Manifest
	b, err := readFileMax(filepath.Join(dir, ManifestName), maxManifestSize)
	if err == nil {
		err = json.Unmarshal(b, &old)
	}
	if err != nil {
		return fmt.Errorf("%s: %w (không đọc được %s của hồ sơ cũ để so sánh: %v); dùng --force để ghi đè", dir, ErrEdited, ManifestName, err)
	}
	recorded := map[string]string{}
	for _, f := range old.Files {
		recorded[f.Name] = f.SHA256
	}
	var edited []string
	for _, e := range entries {
		if e.Name() == ManifestName {
			continue
		}
		if sum, err := fileSHA256(filepath.Join(dir, e.Name())); err != nil || sum != recorded[e.Name()] {
			edited = append(edited, e.Name())
		}
	}
	if len(edited) > 0 {
		return fmt.Errorf("%s: %w: %s; dùng --force để ghi đè", dir, ErrEdited, strings.Join(edited, ", "))
	}
	return nil
}

func readFileMax(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		err = fmt.Errorf("tệp lớn hơn %d byte", max)
	}
	return b, err
}

func fileSHA256(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeFileSync(name string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
