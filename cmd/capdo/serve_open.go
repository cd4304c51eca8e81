package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"capdo/store"
)

// openServed opens the database `capdo serve` runs on: it takes a SQLite file's lock (a
// second server on the same file is refused), refuses a file that is not a capdo database or
// that SQLite's quick_check finds damaged, opens it and gives it its audit key. release
// frees the lock; call it after closing db.
func openServed(ctx context.Context, path, keyPath string, out io.Writer, log *slog.Logger) (*store.DB, func(), error) {
	release := func() {}
	if !store.IsURL(path) { // several servers may share a PostgreSQL database
		var err error
		if release, err = store.Lock(path); err != nil {
			return nil, nil, err
		}
	}
	fail := func(err error) (*store.DB, func(), error) { release(); return nil, nil, err }
	if err := store.CheckOnStart(ctx, path); err != nil {
		var de *store.DamagedError
		if errors.As(err, &de) {
			err = fmt.Errorf("%w.\nKhông khởi động để không ghi thêm vào tệp hỏng. Chạy «capdo check --db %s» để xem chi tiết; "+
				"khôi phục từ bản sao lưu theo README (mục Sao lưu và khôi phục)", err, path)
		}
		return fail(err)
	}
	db, err := store.Open(ctx, path, log)
	if err != nil {
		return fail(err)
	}
	if err := useAuditKey(ctx, db, keyPath, out, log); err != nil {
		db.Close()
		return fail(err)
	}
	return db, release, nil
}
