package store

import "database/sql"

// OpenRaw opens the database at dsn behind the store's back: the engine's driver, no
// migration, no checks, no read-only pool, queries with ? parameters on both engines. For
// tests that tamper with what the store wrote, as someone who can write the database
// would; capdo itself never uses it.
func OpenRaw(dsn string) (*sql.DB, error) {
	if !IsURL(dsn) {
		return sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)")
	}
	return openRawPostgres(dsn)
}
