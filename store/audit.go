package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"capdo/review"
)

// Tamper evidence of the dossier history; review/history.go says what is sealed and why.
// The store seals every event with the audit key inside the transaction that records it,
// together with the dossier's head and the register, and refuses to record on top of a
// head or register that does not verify: tampering is reported, never sealed over.

// Audit is what the web application needs of the tamper evidence and the security log.
type Audit interface {
	// VerifyDossier checks a dossier's sealed history, status and documents.
	VerifyDossier(ctx context.Context, id int64) (DossierCheck, error)
	// CheckManifest verifies a manifest against the hash its dossier's history recorded.
	CheckManifest(ctx context.Context, id int64, manifest []byte) error
	// RecordSecurityEvent appends to the security log.
	RecordSecurityEvent(ctx context.Context, e SecurityEvent) error
	// SecurityEvents lists the security log, newest first; f.Limit and f.Offset page it.
	SecurityEvents(ctx context.Context, f SecurityFilter) ([]SecurityEvent, error)
	CountSecurityEvents(ctx context.Context, f SecurityFilter) (int, error)
	// SecurityEventNames lists the event names recorded so far.
	SecurityEventNames(ctx context.Context) ([]string, error)
}

// MinAuditKey is the shortest audit key accepted, in bytes.
const MinAuditKey = 32

var (
	// ErrNoAuditKey: the store was given no audit key, so it cannot seal history events.
	ErrNoAuditKey = errors.New("store: no audit key: history events cannot be sealed")
	// ErrTampered: the sealed record of a history does not verify; nothing is recorded on
	// top of it. A *Problem in the chain says where.
	ErrTampered = errors.New("store: the sealed history does not verify")
)

// AuditKeyError: the key cannot be used with this database (another key sealed it, or a
// database holding histories has never been sealed and may not be sealed silently).
type AuditKeyError struct{ Reason string }

func (e *AuditKeyError) Error() string { return e.Reason }

// Problem is one integrity failure, naming where it lies.
type Problem struct {
	DossierID int64  `json:"dossier_id,omitempty"` // 0: the database as a whole
	Seq       int    `json:"event,omitempty"`      // the event; 0: none in particular
	Document  string `json:"document,omitempty"`   // the stored document; "": none
	Reason    string `json:"reason"`
}

func (p Problem) Error() string {
	switch {
	case p.DossierID == 0:
		return "cơ sở dữ liệu: " + p.Reason
	case p.Seq > 0:
		return fmt.Sprintf("hồ sơ %d, sự kiện %d: %s", p.DossierID, p.Seq, p.Reason)
	case p.Document != "":
		return fmt.Sprintf("hồ sơ %d, tài liệu %s: %s", p.DossierID, p.Document, p.Reason)
	}
	return fmt.Sprintf("hồ sơ %d: %s", p.DossierID, p.Reason)
}

func (p Problem) Unwrap() error { return ErrTampered }

// SealReport says what UseAuditKey found and did.
type SealReport struct {
	// Sealed is set when the database was sealed now: its first use with a key.
	Sealed bool
	// Legacy lists the dossiers whose history, recorded before the key, verified and was
	// sealed now as it stands.
	Legacy []int64
	// Broken lists the histories recorded before the key that did not verify. They are
	// left unsealed: `capdo audit verify` keeps naming them and no step is recorded on them.
	Broken []Problem
}

// UseAuditKey checks that key is the one the database was sealed with and makes the store
// seal every event it records with it. It is called once, before the store is used.
//
// A database never sealed is sealed now with key. When it already holds dossiers (made
// before capdo had keys), sealExisting must be set, which the caller does only for a key
// it has just created: each existing history is verified with its plain SHA-256 chain
// and sealed as it stands. Otherwise an unsealed database with dossiers is refused, since
// someone who deleted the seal must not get the histories sealed anew.
func (db *DB) UseAuditKey(ctx context.Context, key []byte, sealExisting bool) (SealReport, error) {
	if len(key) < MinAuditKey {
		return SealReport{}, &AuditKeyError{Reason: fmt.Sprintf("khóa kiểm toán phải dài ít nhất %d byte", MinAuditKey)}
	}
	key = slices.Clone(key)
	var rep SealReport
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rep = SealReport{}
		_, check, err := readSeal(ctx, tx)
		if err == nil {
			if !review.KeyMatches(key, check) {
				return &AuditKeyError{Reason: "khóa kiểm toán này không phải khóa đã niêm phong cơ sở dữ liệu"}
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var heads, dossiers int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM audit_heads").Scan(&heads); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM dossiers").Scan(&dossiers); err != nil {
			return err
		}
		if heads > 0 {
			return &AuditKeyError{Reason: "cơ sở dữ liệu có bản ghi đầu chuỗi nhưng mất bản ghi niêm phong (audit_seal): lịch sử đã bị can thiệp"}
		}
		if dossiers > 0 && !sealExisting {
			return &AuditKeyError{Reason: fmt.Sprintf("cơ sở dữ liệu có %d hồ sơ nhưng chưa từng được niêm phong bằng khóa kiểm toán", dossiers)}
		}
		rep.Sealed = true
		return sealFirst(ctx, tx, key, &rep, micros(db.now()))
	})
	if err != nil {
		var ke *AuditKeyError
		if errors.As(err, &ke) {
			return SealReport{}, err
		}
		return SealReport{}, fmt.Errorf("store: audit key: %w", err)
	}
	db.auditKey = key
	return rep, nil
}

// sealFirst seals a database for the first time: a head for every history that
// verifies with its plain chain, and the register.
func sealFirst(ctx context.Context, tx *sql.Tx, key []byte, rep *SealReport, now int64) error {
	ids, err := dossierIDs(ctx, tx)
	if err != nil {
		return err
	}
	events := 0
	for _, id := range ids {
		evs, err := eventsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		events += len(evs)
		if err := review.VerifyLegacy(evs); err != nil {
			var ce *review.ChainError
			errors.As(err, &ce)
			rep.Broken = append(rep.Broken, Problem{DossierID: id, Seq: ce.Seq, Reason: ce.Reason})
			continue
		}
		h := review.SealHead(key, id, len(evs), len(evs), review.Last(evs))
		if err := writeHead(ctx, tx, id, h); err != nil {
			return err
		}
		rep.Legacy = append(rep.Legacy, id)
	}
	var last int64
	if len(ids) > 0 {
		last = ids[len(ids)-1]
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_seal(id, key_check, dossiers, last_dossier, events, mac, sealed_at)
		VALUES (1, ?, ?, ?, ?, ?, ?)`, review.KeyCheck(key), len(ids), last, events, review.SealRegister(key, len(ids), last, events), now)
	return err
}

// appendEvent seals ev as event ev.Seq of dossier id, after prev, and records it with the
// dossier's new head and the register, in the caller's transaction. It refuses when the
// store has no key or the dossier's head or the register do not verify.
func (db *DB) appendEvent(ctx context.Context, tx *sql.Tx, id int64, ev *review.Event, prev string) error {
	key := db.auditKey
	if key == nil {
		return ErrNoAuditKey
	}
	reg, _, err := readSeal(ctx, tx)
	if errors.Is(err, sql.ErrNoRows) {
		return Problem{Reason: "mất bản ghi niêm phong (audit_seal)"}
	}
	if err != nil {
		return err
	}
	if !reg.Valid(key) {
		return Problem{Reason: "sổ đăng ký hồ sơ (audit_seal) bị sửa đổi"}
	}
	legacy := 0
	if ev.Seq == 1 {
		reg.Dossiers++
		reg.LastID = max(reg.LastID, id)
	} else {
		h, err := headOf(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case h == nil:
			return Problem{DossierID: id, Reason: "không có bản ghi đầu chuỗi có khóa"}
		case !h.Valid(key, id):
			return Problem{DossierID: id, Reason: "bản ghi đầu chuỗi bị sửa đổi"}
		case h.Seq != ev.Seq-1 || h.Hash != prev:
			return Problem{DossierID: id, Seq: min(h.Seq, ev.Seq-1) + 1, Reason: "lịch sử không kết thúc ở sự kiện đã niêm phong"}
		}
		legacy = h.Legacy
	}
	reg.Events++
	ev.Seal(key, id, prev)
	if err := insertEvent(ctx, tx, id, *ev); err != nil {
		return err
	}
	if err := writeHead(ctx, tx, id, review.SealHead(key, id, ev.Seq, legacy, ev.Hash)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, "UPDATE audit_seal SET dossiers = ?, last_dossier = ?, events = ?, mac = ? WHERE id = 1",
		reg.Dossiers, reg.LastID, reg.Events, review.SealRegister(key, reg.Dossiers, reg.LastID, reg.Events))
	return err
}

// querier is what reads need: the read pool, or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readSeal returns the register and the key check; sql.ErrNoRows when never sealed.
func readSeal(ctx context.Context, q querier) (review.Register, string, error) {
	var r review.Register
	var check string
	err := q.QueryRowContext(ctx, "SELECT key_check, dossiers, last_dossier, events, mac FROM audit_seal WHERE id = 1").
		Scan(&check, &r.Dossiers, &r.LastID, &r.Events, &r.MAC)
	return r, check, err
}

// headOf returns a dossier's head, nil when it has none.
func headOf(ctx context.Context, q querier, id int64) (*review.Head, error) {
	var h review.Head
	err := q.QueryRowContext(ctx, "SELECT seq, legacy, hash, mac FROM audit_heads WHERE dossier_id = ?", id).
		Scan(&h.Seq, &h.Legacy, &h.Hash, &h.MAC)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &h, nil
}

func writeHead(ctx context.Context, tx *sql.Tx, id int64, h review.Head) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_heads(dossier_id, seq, legacy, hash, mac) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (dossier_id) DO UPDATE SET seq = excluded.seq, legacy = excluded.legacy, hash = excluded.hash, mac = excluded.mac`,
		id, h.Seq, h.Legacy, h.Hash, h.MAC)
	return err
}

// eventsOf returns a dossier's history, oldest first, whoever asks: for verification.
func eventsOf(ctx context.Context, q querier, id int64) ([]review.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, action, from_status, to_status, actor, role, comment, data, at, prev_hash, hash
		FROM dossier_events WHERE dossier_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []review.Event
	for rows.Next() {
		var e review.Event
		var at int64
		if err := rows.Scan(&e.Seq, &e.Action, &e.From, &e.To, &e.Actor, &e.Role, &e.Comment, &e.Data, &at, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = fromMicros(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func dossierIDs(ctx context.Context, q querier) ([]int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM dossiers ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AuditSealed reports whether the database has been sealed with an audit key.
func (db *DB) AuditSealed(ctx context.Context) (bool, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM audit_seal").Scan(&n); err != nil {
		return false, fmt.Errorf("store: audit seal: %w", err)
	}
	return n > 0, nil
}
