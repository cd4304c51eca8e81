package store_test

// testKey is the audit key of the test databases (MustOpen).
var testKey = []byte("khoa-kiem-toan-cua-bo-kiem-thu-store-32byte")
