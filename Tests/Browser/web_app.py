"""Browser tests of Bookplate's web app: headless Debian Chromium driven by Playwright against a running serve.

Usage: web_app.py BASE_URL FOLDER SHARED SCREENSHOTS SITE (FOLDER holds viewer.key, editor.key and admin.key; SITE is
a loopback web site serving cover.png, a photo, and notes.jpg, a text file, for the import).
Each test prints its name and saves a screenshot; the first failed check ends the run with exit status 1.
"""
import json
import pathlib
import sys
import time
import traceback
import urllib.request

from playwright.sync_api import Error as PlaywrightError, sync_playwright

base, folder, shared, shots = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
site = sys.argv[5]
keys = {role: (folder / f"{role}.key").read_text().strip() for role in ("viewer", "editor", "admin")}


def api(method, path, key, body=None, content_type="application/json"):
    """Calls the JSON API with a key; returns (status, parsed body or None)."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def sign_in(page, role):
    page.goto(base + "/app/sign-in")
    page.get_by_label("API key").fill(keys[role])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/app/books")


def accessibility(page, name):
    """Every control has a label, headings go down one level at a time from one h1, every visible control (those in
    closed <details> count once opened) takes focus."""
    problems = page.evaluate("""() => {
        const problems = [];
        for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea, button')) {
            const labelled = (control.labels && control.labels.length > 0) || control.getAttribute('aria-label')
                || (control.tagName === 'BUTTON' && control.textContent.trim());
            if (!labelled) problems.push('unlabelled ' + control.outerHTML.slice(0, 80));
        }
        const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => Number(h.tagName[1]));
        if (levels.filter(l => l === 1).length !== 1) problems.push('not exactly one h1');
        for (let i = 1; i < levels.length; i++) {
            if (levels[i] > levels[i - 1] + 1) problems.push('heading jumps from h' + levels[i - 1] + ' to h' + levels[i]);
        }
        return problems;
    }""")
    check(not problems, f"{name}: {problems}")
    focusable = page.evaluate("""() => {
        const controls = [...document.querySelectorAll('a[href], input:not([type=hidden]), select, textarea, button, summary')]
            .filter(e => !e.disabled && e.checkVisibility());
        controls.forEach((control, index) => control.setAttribute('data-tab-check', index));
        return controls.map(control => control.outerHTML.slice(0, 100));
    }""")
    reached = set()
    page.keyboard.press("Tab")
    for _ in range(len(focusable) + 5):
        reached.add(page.evaluate("() => document.activeElement?.getAttribute('data-tab-check') ?? ''"))
        page.keyboard.press("Tab")
    missed = [control for index, control in enumerate(focusable) if str(index) not in reached]
    check(not missed, f"{name}: not reached by Tab: {missed}")


def wait_for(page, condition, message, seconds=120):
    """Waits, without reloading (the page updates itself), until `condition()` holds; a condition read while the
    page reloads itself counts as not yet."""
    deadline = time.time() + seconds
    while True:
        try:
            if condition():
                return
        except PlaywrightError:
            pass
        check(time.time() < deadline, message)
        page.wait_for_timeout(500)


def test_editor_book_photos_and_jobs(browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(base + "/app/books")
    check(page.url == base + "/app/sign-in", "a page without a session leads to sign-in")
    accessibility(page, "sign-in")
    page.get_by_label("API key").fill("bp_" + "0" * 64)
    page.get_by_role("button", name="Sign in").click()
    check("not valid" in page.content(), "a wrong key is refused")
    sign_in(page, "editor")
    page.get_by_text("New book").click()
    page.get_by_label("Title", exact=True).fill("<script>alert('x')</script> Dune")
    page.get_by_label("Author", exact=True).fill("Frank Herbert")
    accessibility(page, "books with the new-book form")
    page.get_by_role("button", name="Create the book").click()
    page.wait_for_url(base + "/app/books/*")
    check(page.get_by_role("heading", level=1).inner_text() == "<script>alert('x')</script> Dune", "the title shows as text")
    book_url = page.url
    page.get_by_label("Make the first one the primary photo").check()
    page.get_by_label("Add photos (or drop them here)").set_input_files([
        str(shared / "fixtures/books/fortSolitude.png"), str(shared / "fixtures/books/Jobs_ladeado.jpg")])
    wait_for(page, lambda: page.locator("ol.photos > li").count() == 2, "both uploads are listed", 60)
    check(page.locator("ol.photos .badge", has_text="Primary").count() == 1, "one primary photo")
    wait_for(page, lambda: page.locator("figure.compare").count() == 1, "the job finishes and the before/after appears")
    wait_for(page, lambda: "u2netp" in page.locator("figure.compare figcaption").inner_text(),
             "the before/after names its model", 10)
    wait_for(page, lambda: page.locator("td[data-label=Status]", has_text="completed").count() == 1,
             "the job history shows it completed", 10)
    page.get_by_label("Compare before and after of photo 1").fill("20")
    accessibility(page, "book")
    page.locator("figure.compare").screenshot(path=str(shots / "before-after.jpg"), type="jpeg", quality=80)
    order = page.locator("ol.photos > li").evaluate_all("items => items.map(item => item.dataset.photoId)")
    check(len(order) == 3, f"the processed photo joins the two uploads ({len(order)} photos)")
    second = page.locator("ol.photos > li", has_text="3024 × 4032")
    chosen = second.get_attribute("data-photo-id")
    position = order.index(chosen) + 1
    page.get_by_role("button", name=f"Make photo {position} primary").focus()
    page.keyboard.press("Enter")
    wait_for(page, lambda: page.locator("ol.photos > li").first.get_attribute("data-photo-id") == chosen,
             "the chosen photo moves first", 30)
    wait_for(page, lambda: page.locator("td[data-label=Status]").count() == 2,
             "reordering to a new primary creates a new job", 10)
    wait_for(page, lambda: page.locator("td[data-label=Status]", has_text="completed").count() == 2,
             "the new job finishes by itself")
    wait_for(page, lambda: page.locator("figure.compare").count() == 2, "both processed photos have a before/after", 10)
    wait_for(page, lambda: len(set(page.locator("figure.compare img.before").evaluate_all(
        "images => images.map(image => image.src)"))) == 2, "the before/afters are of the two uploads", 10)
    page.get_by_text("Edit the book").click()
    page.get_by_label("Year").fill("1965")
    page.get_by_role("button", name="Save the book").click()
    wait_for(page, lambda: "1965" in page.locator("dl.fields").inner_text(), "the edited year shows", 30)
    drop_file(page, "notes.txt", "text/plain", None)
    wait_for(page, lambda: "refused:" in page.locator("ul.progress").inner_text(), "a dropped non-image is refused", 30)
    check(page.locator("ul.progress progress").count() == 1, "the upload had its progress bar")
    before = page.locator("ol.photos > li").count()
    drop_file(page, "drawn.png", "image/png", 480)
    wait_for(page, lambda: page.locator("ol.photos > li").count() == before + 1, "a dropped photo is stored", 30)
    order = page.locator("ol.photos > li").evaluate_all("items => items.map(item => item.dataset.photoId)")
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.locator("ol.photos").scroll_into_view_if_needed()
    page.locator("ol.photos > li img").nth(len(order) - 1).drag_to(page.locator("ol.photos > li img").nth(1))
    expected = [order[0], order[-1]] + order[1:-1]
    wait_for(page, lambda: page.locator("ol.photos > li").evaluate_all("items => items.map(item => item.dataset.photoId)")
             == expected, "dragging the last photo onto the second puts it second", 30)
    check(page.locator("td[data-label=Status]").count() == 2, "a reorder that keeps the primary starts no job")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(shots / "book.jpg"), type="jpeg", quality=80, full_page=True)
    page.goto(base + "/app/books?q=herbert")
    check(page.get_by_text("<script>alert('x')</script> Dune").count() == 1, "the catalogue finds and escapes it")
    accessibility(page, "books")
    page.screenshot(path=str(shots / "books.jpg"), type="jpeg", quality=80, full_page=True)
    page.goto(book_url)
    count = page.locator("ol.photos > li").count()
    page.get_by_role("button", name=f"Delete photo {count}").click()
    wait_for(page, lambda: page.locator("ol.photos > li").count() == count - 1, "a deleted photo disappears", 30)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/app/sign-in")
    page.goto(base + "/app/books")
    check(page.url == base + "/app/sign-in", "signed out")
    page.close()


def test_import_from_a_loopback_site(browser):
    page = browser.new_page()
    sign_in(page, "editor")
    page.goto(base + "/app/import")
    accessibility(page, "import")
    page.get_by_label("Title", exact=True).fill("Imported <b>listing</b>")
    page.get_by_label("Photo addresses, one per line").fill(f"{site}/cover.png\n{site}/notes.jpg")
    page.get_by_role("button", name="Import").click()
    wait_for(page, lambda: page.locator("ul.results li").count() == 2, "each photo gets a line", 30)
    results = page.locator("ul.results").inner_text()
    check("notes.jpg — refused:" in results, f"the non-image is refused with its reason: {results}")
    check("cover.png — not stored (the listing was refused)" in results, f"the listing is all or nothing: {results}")
    page.get_by_label("Photo addresses, one per line").fill(f"{site}/cover.png")
    page.get_by_role("button", name="Import").click()
    wait_for(page, lambda: "cover.png — stored" in page.locator("ul.results").inner_text(), "the good photo is stored", 30)
    page.screenshot(path=str(shots / "import.jpg"), type="jpeg", quality=80, full_page=True)
    page.get_by_role("link", name="Open “Imported <b>listing</b>”").click()
    page.wait_for_url(base + "/app/books/*")
    check(page.locator("ol.photos > li").count() >= 1, "the imported book has its photo")
    page.close()


def test_admin_dashboard(browser):
    status, book = api("POST", "/books", keys["editor"], {"title": "Poison"})
    check(status == 201, f"book created ({status})")
    status, _ = api("POST", f"/books/{book['id']}/photos?is_primary=true", keys["editor"], wide_png(9000, 40), "image/png")
    check(status == 201, f"a 9000 px wide photo is accepted at upload ({status})")
    deadline = time.time() + 60
    while api("GET", "/admin/dead-letters", keys["admin"])[1]["items"] == []:
        check(time.time() < deadline, "the photo the pipeline refuses is dead-lettered")
        time.sleep(0.5)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, "admin")
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_url(base + "/app/admin")
    check("dimensions_too_large" in page.content() or "over the limit" in page.content(), "the failure's reason shows")
    accessibility(page, "dashboard")
    page.screenshot(path=str(shots / "dashboard.jpg"), type="jpeg", quality=80, full_page=True)
    page.get_by_role("button", name="Retry jobs whose enqueue failed").click()
    wait_for(page, lambda: "retried: 0" in page.content(), "the sweep's counts show", 30)
    page.get_by_role("button", name=f"Replay the message of job").first.click()
    wait_for(page, lambda: "Replayed." in page.content(), "the dead letter is replayed", 30)
    page.get_by_label("Name").fill("photographer")
    page.get_by_label("Role").select_option("editor")
    page.get_by_role("button", name="Create the key").click()
    wait_for(page, lambda: page.locator("[data-secret] code").inner_text().startswith("bp_"), "the new secret shows once", 30)
    page.reload()
    check("photographer" in page.content() and "bp_" not in page.content(), "the list shows the key, never a secret")
    page.get_by_role("button", name="Revoke photographer").click()
    wait_for(page, lambda: page.get_by_role("button", name="Revoke photographer").count() == 0, "the key is revoked", 30)
    page.close()


def test_viewer_reads_only(browser):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, "viewer")
    check(page.get_by_text("New book").count() == 0, "no new-book form for viewers")
    page.locator("ul.books a.title").first.click()
    page.wait_for_url(base + "/app/books/*")
    check(page.locator("form[data-api], form[data-upload]").count() == 0, "no edit controls on the book page")
    check(page.get_by_role("button").count() == 1, "the only button is sign-out")
    for path in ("/app/import", "/app/admin"):
        response = page.goto(base + path)
        check(response.status == 403, f"{path} is refused to viewers ({response.status})")
    forged = page.request.post(base + "/books", data={"title": "forged"})
    check(forged.status == 403, f"a forged change without the token is refused ({forged.status})")
    check(forged.headers.get("content-security-policy", "").startswith("default-src 'none'"), "CSP on answers")
    page.goto(base + "/app/books")
    page.screenshot(path=str(shots / "viewer.jpg"), type="jpeg", quality=80, full_page=True)
    context.close()


def drop_file(page, name, media_type, side):
    """Drops one file on the upload area as a user dragging it from their desktop would: an image drawn on a canvas
    (`side` pixels square) or, without `side`, a line of text."""
    page.evaluate("""async ([name, type, side]) => {
        let blob = new Blob(['shopping list, not a photo'], {type});
        if (side) {
            const canvas = document.createElement('canvas');
            canvas.width = side; canvas.height = side;
            const context = canvas.getContext('2d');
            context.fillStyle = '#e8e2d0'; context.fillRect(0, 0, side, side);
            context.fillStyle = '#7a2e1c'; context.fillRect(side / 4, side / 8, side / 2, side * 3 / 4);
            blob = await new Promise(resolve => canvas.toBlob(resolve, type));
        }
        const transfer = new DataTransfer();
        transfer.items.add(new File([blob], name, {type}));
        document.querySelector('[data-drop]').dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true}));
    }""", [name, media_type, side])


def test_reading_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, "viewer")
    page.get_by_label("Title or author").fill("herbert")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(base + "/app/books?q=herbert")
    page.get_by_role("link", name="<script>alert('x')</script> Dune").click()
    page.wait_for_url(base + "/app/books/*")
    check(page.locator("ol.photos > li").count() >= 2, "the photos are listed without JavaScript")
    before, after = page.locator("figure.compare img.before").first, page.locator("figure.compare img.after").first
    before_box, after_box = before.bounding_box(), after.bounding_box()
    check(before_box and after_box and after_box["x"] >= before_box["x"] + before_box["width"] - 1,
          f"before and after side by side without JavaScript: {before_box} {after_box}")
    check(not page.get_by_label("Compare before and after of photo 1").is_visible(), "no slider without JavaScript")
    check(page.locator("td[data-label=Status]", has_text="completed").count() >= 1, "the job history reads")
    page.screenshot(path=str(shots / "no-javascript.jpg"), type="jpeg", quality=80, full_page=True)
    context.close()


def wide_png(width, height):
    """A valid grey PNG the upload accepts but the pipeline refuses (wider than its 4096 px limit)."""
    import struct
    import zlib
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-dev-shm-usage"])
    failed = False
    for test in (test_editor_book_photos_and_jobs, test_import_from_a_loopback_site, test_admin_dashboard,
                 test_viewer_reads_only, test_reading_without_javascript):
        try:
            test(browser)
            print(f"ok   {test.__name__}")
        except Exception as error:
            failed = True
            line = next((frame.lineno for frame in reversed(traceback.extract_tb(error.__traceback__))
                         if frame.filename == __file__), "?")
            print(f"FAIL {test.__name__} (line {line}): {error}")
    browser.close()
sys.exit(1 if failed else 0)
