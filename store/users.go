package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"

	"capdo/credential"
	"capdo/people"
)

// capdo_username_key is credential.UsernameKey in SQL, for migration 0006, which gives
// existing accounts their key. It is registered before any connection is opened.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("capdo_username_key", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("capdo_username_key: %T is not text", args[0])
		}
		return credential.UsernameKey(s), nil
	})
}

// Roles are the contract's user roles (§3), in the order forms list them.
var Roles = []string{"operator", "infosec", "owner", "authority", "admin"}

// RoleLabels are the Vietnamese names of the roles.
var RoleLabels = map[string]string{
	"operator":  "Đơn vị vận hành",
	"infosec":   "Đơn vị chuyên trách ATTT",
	"owner":     "Chủ quản hệ thống thông tin",
	"authority": "Cơ quan thẩm định (cấp Bộ/quốc gia)",
	"admin":     "Quản trị",
}

const userCols = `u.id, u.username, u.role, u.org_id, o.name, coalesce(o.parent_id, 0), o.appraises, u.disabled, u.created_at, u.password_hash, u.totp_secret <> '',
	u.full_name, u.title, u.phone, u.email`

// userDest is where userCols are scanned to; created is the raw created_at.
func userDest(u *User, created *int64) []any {
	return []any{&u.ID, &u.Username, &u.Role, &u.OrgID, &u.OrgName, &u.OrgParentID, &u.OrgAppraises, &u.Disabled, created, &u.PasswordHash, &u.MFA,
		&u.FullName, &u.Title, &u.Phone, &u.Email}
}

func scanUser(sc interface{ Scan(...any) error }) (User, error) {
	var u User
	var created int64
	err := sc.Scan(userDest(&u, &created)...)
	u.CreatedAt = fromMicros(created)
	return u, err
}

// CreateUser adds an account. ErrConflict when its username, in any case, is taken.
func (db *DB) CreateUser(ctx context.Context, nu NewUser) (User, error) {
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = createUser(ctx, tx, nu, db.now())
		return err
	})
	if isUnique(err) {
		return User{}, fmt.Errorf("create user %q: %w", nu.Username, ErrConflict)
	}
	if err != nil {
		return User{}, fmt.Errorf("store: create user: %w", err)
	}
	return db.User(ctx, id)
}

// AddUser creates an account in the organisation named org and, when that does not exist,
// creates it first from no (under the organisation named parent, itself created as a root
// if missing), all in one transaction: an account refused (ErrConflict for a username
// taken) leaves no new organisation behind. It returns the organisations it created.
func (db *DB) AddUser(ctx context.Context, nu NewUser, no NewOrg, parent string) (User, []Org, error) {
	now := db.now()
	var created []Org
	var id int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		created = nil
		orgID, err := orgIDByName(ctx, tx, no.Name)
		if errors.Is(err, sql.ErrNoRows) {
			if parent != "" {
				if no.ParentID, err = orgIDByName(ctx, tx, parent); errors.Is(err, sql.ErrNoRows) {
					var p Org
					p, err = createOrg(ctx, tx, NewOrg{Name: parent}, now)
					no.ParentID = p.ID
					created = append(created, p)
				}
				if err != nil {
					return err
				}
			}
			var o Org
			if o, err = createOrg(ctx, tx, no, now); err != nil {
				return err
			}
			orgID = o.ID
			created = append(created, o)
		} else if err != nil {
			return err
		}
		nu.OrgID = orgID
		id, err = createUser(ctx, tx, nu, now)
		return err
	})
	if isUnique(err) {
		return User{}, nil, fmt.Errorf("create user %q: %w", nu.Username, ErrConflict)
	}
	if err != nil {
		return User{}, nil, fmt.Errorf("store: create user: %w", err)
	}
	u, err := db.User(ctx, id)
	return u, created, err
}

func orgIDByName(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM orgs WHERE name = ?", strings.TrimSpace(name)).Scan(&id)
	return id, err
}

func createUser(ctx context.Context, tx *sql.Tx, nu NewUser, now time.Time) (int64, error) {
	name := strings.TrimSpace(nu.Username)
	ct := nu.Contact.Normalize()
	res, err := tx.ExecContext(ctx, `INSERT INTO users(username, username_key, password_hash, role, org_id, created_at, full_name, title, phone, email)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		name, credential.UsernameKey(name), nu.PasswordHash, nu.Role, nu.OrgID, micros(now), ct.FullName, ct.Title, ct.Phone, ct.Email)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// User returns one account.
func (db *DB) User(ctx context.Context, id int64) (User, error) {
	return db.userWhere(ctx, "u.id = ?", id)
}

// UserByUsername returns the account with this username in any case (Unicode case
// folding: credential.UsernameKey).
func (db *DB) UserByUsername(ctx context.Context, username string) (User, error) {
	return db.userWhere(ctx, "u.username_key = ?", credential.UsernameKey(username))
}

func (db *DB) userWhere(ctx context.Context, where string, arg any) (User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userCols+" FROM users u JOIN orgs o ON o.id = u.org_id WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("store: user: %w", err)
	}
	return u, nil
}

// UsersIn lists the accounts of an organisation subtree by username.
func (db *DB) UsersIn(ctx context.Context, root int64) ([]User, error) {
	rows, err := db.read.QueryContext(ctx, subtreeCTE+" SELECT "+userCols+
		" FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.org_id IN (SELECT id FROM sub) ORDER BY u.username", root)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// ListUsers lists every account by username, for the server console (capdo users list).
func (db *DB) ListUsers(ctx context.Context) ([]User, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT "+userCols+" FROM users u JOIN orgs o ON o.id = u.org_id ORDER BY u.username")
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	out := []User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword replaces a password hash and logs the user out everywhere.
func (db *DB) SetPassword(ctx context.Context, id int64, hash []byte) error {
	return db.updateUser(ctx, id, "password_hash = ?", hash)
}

// SetDisabled blocks or unblocks an account; a blocked account loses its sessions.
func (db *DB) SetDisabled(ctx context.Context, id int64, disabled bool) error {
	return db.updateUser(ctx, id, "disabled = ?", disabled)
}

// SetPlacement gives an account another role and organisation; its sessions end, so
// that nothing it opened under the old placement stays open.
func (db *DB) SetPlacement(ctx context.Context, id int64, role string, orgID int64) error {
	return db.updateUser(ctx, id, "role = ?, org_id = ?", role, orgID)
}

// SetContact replaces an account's contact details (normalized, people.Contact.Normalize;
// the caller has checked them). Sessions stay: nothing the account may do changes.
func (db *DB) SetContact(ctx context.Context, id int64, c people.Contact) error {
	c = c.Normalize()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET full_name = ?, title = ?, phone = ?, email = ? WHERE id = ?",
			c.FullName, c.Title, c.Phone, c.Email, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("store: contact: %w", err)
	}
	return err
}

// Names returns, for the usernames given, how each person is named to others
// (people.Display: "Nguyễn Văn A (attt)"); a username without an account is left out.
// Histories record usernames; this puts the people behind them.
func (db *DB) Names(ctx context.Context, usernames []string) (map[string]string, error) {
	out := map[string]string{}
	seen := map[string]bool{}
	for _, n := range usernames {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		var full string
		err := db.read.QueryRowContext(ctx, "SELECT full_name FROM users WHERE username_key = ?", credential.UsernameKey(n)).Scan(&full)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: names: %w", err)
		}
		out[n] = people.Display(full, n)
	}
	return out, nil
}

// EnabledUsersWithRoles lists the enabled accounts that have one of the roles, by id: the
// candidates a notification rule chooses its recipients from.
func (db *DB) EnabledUsersWithRoles(ctx context.Context, roles []string) ([]User, error) {
	if len(roles) == 0 {
		return nil, nil
	}
	q := "SELECT " + userCols + " FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.disabled = 0 AND u.role IN (?" +
		strings.Repeat(", ?", len(roles)-1) + ") ORDER BY u.id"
	args := make([]any, len(roles))
	for i, r := range roles {
		args[i] = r
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (db *DB) updateUser(ctx context.Context, id int64, set string, args ...any) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET "+set+" WHERE id = ?", append(args, id)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", id)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("store: update user: %w", err)
	}
	return err
}

// CountUsers counts every account.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}
