package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"capdo/store"
	_ "modernc.org/sqlite"
)

func main() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "exp")
	p := filepath.Join(dir, "capdo.db")
	db, err := store.Open(ctx, p, nil)
	if err != nil { panic(err) }
	db.CreateOrg(ctx, store.NewOrg{Name: "x"})
	db.Close()
	ents, _ := os.ReadDir(dir); for _, e := range ents { fmt.Println(" ", e.Name()) }
	os.Remove(p+"-shm"); os.Remove(p+"-wal")
	ro, _ := sql.Open("sqlite", "file:"+p+"?mode=ro")
	var n int
	err = ro.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n)
	fmt.Println("ro without shm:", n, err)
	ro.Close()
	ents, _ = os.ReadDir(dir); for _, e := range ents { fmt.Println(" ", e.Name()) }
	// corrupt: find rootpage of orgs
	db2, _ := sql.Open("sqlite", "file:"+p)
	var root int
	db2.QueryRow("SELECT rootpage FROM sqlite_master WHERE name='orgs'").Scan(&root)
	var ps int
	db2.QueryRow("PRAGMA page_size").Scan(&ps)
	db2.Close()
	fmt.Println("root", root, ps)
	f, _ := os.OpenFile(p, os.O_RDWR, 0)
	junk := make([]byte, 64); for i := range junk { junk[i] = 0xA5 }
	f.WriteAt(junk, int64((root-1)*ps))
	f.Close()
	ro, _ = sql.Open("sqlite", "file:"+p+"?mode=ro")
	rows, err := ro.Query("PRAGMA quick_check")
	fmt.Println("qc err", err)
	for rows != nil && rows.Next() { var s string; rows.Scan(&s); fmt.Println("qc:", s) }
	// zero-byte file
	z := filepath.Join(dir, "z.db"); os.WriteFile(z, nil, 0600)
	zo, _ := sql.Open("sqlite", "file:"+z+"?mode=ro")
	err = zo.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n)
	fmt.Println("zero ro:", n, err)
	g := filepath.Join(dir, "g.db"); os.WriteFile(g, []byte("hello world this is not sqlite at all...................................................................................................."), 0600)
	gO, _ := sql.Open("sqlite", "file:"+g+"?mode=ro")
	err = gO.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n)
	fmt.Println("garbage ro:", n, err)
}
