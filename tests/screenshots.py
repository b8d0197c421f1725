"""Screenshots of a chapter in every edition, at phone and desktop widths, in
light and dark mode, for a person to look at (not a test):

    python tests/screenshots.py [PAGE]     # after `make html` of every edition

They go to _screens/ (not committed): the page as it opens, on a phone with
the menu open too, and its first listing after Run (`-run`: the program's
output beside the recorded one) and while a second one runs, edited
(`-edit`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import ROOT  # noqa: E402

from asyncbook.languages import LANGUAGES  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def shoot_run(page, stem):
    """The first listing run to its end, then the second one edited and
    running (its Stop button showing)."""
    run = page.locator(".listing-run").first
    run.locator(".listing-run-start").click()
    page.wait_for_function("['finished', 'failed'].includes(document.querySelector('.listing-run').dataset.state)",
                           timeout=60_000)
    page.locator(".listing-run-output").first.scroll_into_view_if_needed()
    page.evaluate("document.querySelector('.listing-run').scrollIntoView({block: 'start'})")
    page.screenshot(path=f"{stem}-run.png")
    print(f"{stem}-run.png")
    second = page.locator(".listing-run").nth(1)
    if second.count():
        second.locator(".listing-run-edit").click()
        page.keyboard.press("Control+End")
        page.keyboard.type('\nprint("1/0 =", 1 / 0)\n')
        second.locator(".listing-run-start").click()
        page.wait_for_function("document.querySelectorAll('.listing-run')[1].dataset.state === 'running'",
                               timeout=60_000)
        page.wait_for_timeout(2500)
        page.evaluate("document.querySelectorAll('.listing-run')[1].scrollIntoView({block: 'center'})")
        page.screenshot(path=f"{stem}-edit.png")
        print(f"{stem}-edit.png")


def main(page_name="ch02-async-await"):
    from playwright.sync_api import sync_playwright

    from conftest import launch_chromium, serve_folder

    out = ROOT / "_screens"
    out.mkdir(exist_ok=True)
    base, server = serve_folder(ROOT / "_build")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for language in LANGUAGES:
            for size, (width, height) in SIZES.items():
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    page.goto(f"{base}/{language}/html/{page_name}.html")
                    path = out / f"{page_name}-{language}-{size}-{scheme}.png"
                    page.screenshot(path=str(path))
                    print(path)
                    if size == "phone":  # and with the menu open
                        page.locator(".mobile-header label.nav-overlay-icon").click()
                        page.wait_for_timeout(400)
                        path = out / f"{page_name}-{language}-{size}-{scheme}-menu.png"
                        page.screenshot(path=str(path))
                        print(path)
                        page.reload()  # the menu closed again
                    if page.locator(".listing-run-start").count():
                        shoot_run(page, out / f"{page_name}-{language}-{size}-{scheme}")
                    page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
