package store

import "testing"

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"./capdo.db": "./capdo.db",
		"postgres://capdo:bi-mat@db:5432/capdo?sslmode=verify-full":   "postgres://capdo:xxxxx@db:5432/capdo?sslmode=verify-full",
		"postgresql://capdo@db/capdo?password=bi-mat&sslmode=require": "postgresql://capdo@db/capdo?password=xxxxx&sslmode=require",
		"postgres://capdo@db/capdo":                                   "postgres://capdo@db/capdo",
		"postgres://capdo:bi%mat@db/capdo":                            "postgres://…",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
