"""Screenshots of a chapter in every edition, at phone and desktop widths, in
light and dark mode, for a person to look at (not a test):

    python tests/screenshots.py [PAGE]     # after `make html` of every edition

They go to _screens/ (not committed)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import CHROMIUM, ROOT  # noqa: E402

from asyncbook.languages import LANGUAGES  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


def main(page_name="ch02-async-await"):
    from playwright.sync_api import sync_playwright

    from conftest import serve_folder

    out = ROOT / "_screens"
    out.mkdir(exist_ok=True)
    base, server = serve_folder(ROOT / "_build")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
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
                    page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
