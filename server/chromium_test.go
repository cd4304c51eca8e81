package server_test

import (
	"context"
	"flag"
	"os"
	"sync"

	"github.com/chromedp/chromedp"
)

// chromium is the one headless Chromium that the package's browser tests share. Starting
// Chromium costs more than most tests; each test opens its own tab in a browser context of
// its own (cookies, storage and downloads apart, as in a private window), so the tests run
// in parallel without seeing each other's sessions.
var chromium struct {
	once sync.Once
	ctx  context.Context // the browser's chromedp context; tabs are its children
	err  error
	stop func()
}

// sharedBrowser starts Chromium on first use, with a fresh profile, and returns its context.
func sharedBrowser() (context.Context, error) {
	chromium.once.Do(func() {
		dir, err := os.MkdirTemp("", "capdo-chromium-*")
		if err != nil {
			chromium.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{
			chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
			chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir), chromedp.WindowSize(1366, 900),
			chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-extensions", true), chromedp.Flag("password-store", "basic"),
		}
		actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelB := chromedp.NewContext(actx)
		chromium.stop = func() { cancelB(); cancelA(); os.RemoveAll(dir) }
		if err := chromedp.Do(bctx); err != nil { // starts the browser
			chromium.stop()
			chromium.stop, chromium.err = nil, err
			return
		}
		chromium.ctx = bctx
	})
	return chromium.ctx, chromium.err
}

// stopBrowser closes the shared Chromium, if a test started it (TestMain, after the tests).
func stopBrowser() {
	if chromium.stop != nil {
		chromium.stop()
	}
}

// keepScreenshots reports whether `go test -artifacts` keeps what tests write to
// t.ArtifactDir(); without it the folder is deleted after the test, and a screenshot
// would cost Chromium's time for nothing.
func keepScreenshots() bool {
	f := flag.Lookup("test.artifacts")
	return f != nil && f.Value.String() == "true"
}
