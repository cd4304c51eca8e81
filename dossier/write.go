package dossier

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

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

// WriteDir writes the documents and manifest.json into dir, all or nothing: everything is
// written into a new folder next to dir, which then takes dir's place.
//
// dir may be missing, empty, or hold a dossier capdo wrote before (manifest.json and
// documents named in Names, nothing else), which is replaced. Any other content is
// refused, so that a mistyped --out never deletes someone's files.
func (d *Dossier) WriteDir(dir string) error {
	m, err := d.manifestJSON()
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	existed, err := checkOutDir(dir)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".capdo-*")
	if err != nil {
		return fmt.Errorf("tạo thư mục tạm cạnh %s: %w", dir, err)
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()
	fileMode, dirMode := os.FileMode(0o644), os.FileMode(0o755)
	if d.Secret {
		fileMode, dirMode = 0o600, 0o700
	}
	for _, f := range d.Files {
		if err := writeFileSync(filepath.Join(tmp, f.Name), f.Data, fileMode); err != nil {
			return err
		}
	}
	if err := writeFileSync(filepath.Join(tmp, ManifestName), m, fileMode); err != nil {
		return err
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return err
	}
	if !existed {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("đổi tên thư mục tạm thành %s: %w", dir, err)
		}
		committed = true
		return nil
	}
	// Swap: move the old folder aside, put the new one in its place, then delete the old.
	old := tmp + ".old"
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("thay thư mục %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("thay thư mục %s: %w; hồ sơ cũ còn ở %s", dir, err, old)
		}
		return fmt.Errorf("thay thư mục %s: %w", dir, err)
	}
	committed = true
	return os.RemoveAll(old)
}

// ErrOutDirInUse is returned by WriteDir when the target holds files that are not a
// previous capdo dossier.
var ErrOutDirInUse = errors.New("thư mục đích đã có tệp không thuộc hồ sơ do capdo lập; hãy chọn thư mục trống hoặc thư mục chưa tồn tại")

// checkOutDir reports whether dir exists, and refuses a file or a folder with foreign
// content.
func checkOutDir(dir string) (bool, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return false, fmt.Errorf("%s không phải là thư mục", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	if len(entries) == 0 {
		return true, nil
	}
	hasManifest := false
	for _, e := range entries {
		switch {
		case e.Name() == ManifestName && e.Type().IsRegular():
			hasManifest = true
		case slices.Contains(Names, e.Name()) && e.Type().IsRegular():
		default:
			return false, fmt.Errorf("%s: %w (có «%s»)", dir, ErrOutDirInUse, e.Name())
		}
	}
	if !hasManifest {
		return false, fmt.Errorf("%s: %w (không có %s)", dir, ErrOutDirInUse, ManifestName)
	}
	return true, nil
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
