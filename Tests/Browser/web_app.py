"""Browser tests of Bookplate's web app: headless Debian Chromium driven by Playwright against a running serve.

Usage: web_app.py BASE_URL FOLDER SHARED SCREENSHOTS (FOLDER holds viewer.key, editor.key and admin.key).
Each test prints its name and saves a screenshot; the first failed check ends the run with exit status 1.
"""
import json
import pathlib
import sys
import time
import urllib.request

from playwright.sync_api import sync_playwright

base, folder, shared, shots = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
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
    """Every control has a label, headings go down one level at a time from one h1, every control takes focus."""
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
    focusable = page.evaluate("""() => [...document.querySelectorAll(
        'a[href], input:not([type=hidden]), select, textarea, button')].filter(e => !e.disabled).length""")
    reached = set()
    page.keyboard.press("Tab")
    for _ in range(focusable + 5):
        reached.add(page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : ''"))
        page.keyboard.press("Tab")
    reached.discard("")
    check(len(reached) >= focusable, f"{name}: {len(reached)} of {focusable} controls reached by Tab")


def test_sign_in_and_catalogue(browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "/app/books")
    check(page.url == base + "/app/sign-in", "a page without a session leads to sign-in")
    accessibility(page, "sign-in")
    page.get_by_label("API key").fill("bp_" + "0" * 64)
    page.get_by_role("button", name="Sign in").click()
    check("not valid" in page.content(), "a wrong key is refused")
    sign_in(page, "editor")
    status, book = api("POST", "/books", keys["editor"], {"title": "<script>alert('x')</script> Dune", "author": "Frank Herbert"})
    check(status == 201, f"book created ({status})")
    photo = (shared / "fixtures/books/fortSolitude.png").read_bytes()
    status, _ = api("POST", f"/books/{book['id']}/photos?is_primary=true", keys["editor"], photo, "image/png")
    check(status == 201, f"photo uploaded ({status})")
    page.goto(base + "/app/books?q=herbert")
    check(page.get_by_text("<script>alert('x')</script> Dune").count() == 1, "the title shows as text")
    accessibility(page, "books")
    page.screenshot(path=str(shots / "books.png"), full_page=True)
    page.get_by_role("link", name="<script>alert('x')</script> Dune").click()
    deadline = time.time() + 120
    while "<td>completed</td>" not in page.content():
        check(time.time() < deadline, "the job completes within two minutes")
        time.sleep(1)
        page.reload()
    check(page.get_by_text("Background removed").count() == 1, "the processed photo is marked")
    check(page.get_by_text("Primary").count() == 1, "one primary photo")
    check("u2netp" in page.content(), "the job names its model")
    accessibility(page, "book")
    page.screenshot(path=str(shots / "book.png"), full_page=True)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(base + "/app/sign-in")
    page.goto(base + "/app/books")
    check(page.url == base + "/app/sign-in", "signed out")
    page.close()


def test_viewer_forged_post(browser):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, "viewer")
    check(page.get_by_role("button", name="Sign in").count() == 0, "signed in")
    forged = page.request.post(base + "/books", data={"title": "forged"})
    check(forged.status == 403, f"a forged change without the token is refused ({forged.status})")
    check(forged.headers.get("content-security-policy", "").startswith("default-src 'none'"), "CSP on answers")
    page.screenshot(path=str(shots / "viewer.png"), full_page=True)
    context.close()


with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-dev-shm-usage"])
    failed = False
    for test in (test_sign_in_and_catalogue, test_viewer_forged_post):
        try:
            test(browser)
            print(f"ok   {test.__name__}")
        except Exception as error:
            failed = True
            print(f"FAIL {test.__name__}: {error}")
    browser.close()
sys.exit(1 if failed else 0)
