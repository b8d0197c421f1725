"""The copy button copies code a reader can paste: no >>> / ... prompts and
no output lines."""

from conftest import ROOT


def copied_text(chromium, url, block_index):
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    block = page.locator("div.highlight").nth(block_index)
    block.hover()
    block.locator("button.copybtn").click()
    text = page.evaluate("navigator.clipboard.readText()")
    context.close()
    return text


def test_doctest_copy_has_no_prompts_or_output(html_build, chromium, serve):
    url = f"{serve(html_build)}/ch02-async-await.html"
    text = copied_text(chromium, url, 0)  # the first block on the page is the doctest
    assert text.splitlines() == [
        "import asyncio, inspect",
        "async def hello():",
        '    return "World"',
        "",  # the bare "..." that ends the function body
        "inspect.iscoroutinefunction(hello)",
        "coro = hello()",
        "inspect.iscoroutine(coro)",
        "asyncio.run(coro)",
    ]


def test_listing_copy_is_the_program(html_build, chromium, serve):
    url = f"{serve(html_build)}/ch01-why-async.html"
    program = (ROOT / "examples/ch01-why-async/01-sync-download/main.py").read_text("utf-8")
    assert copied_text(chromium, url, 0).strip() == program.strip()


def test_copy_button_on_listing_code_but_not_on_its_output(html_build, chromium, serve):
    page = chromium.new_page()
    page.goto(f"{serve(html_build)}/ch01-why-async.html")
    assert page.locator("div.listing-output button.copybtn").count() == 0
    assert page.locator("div.listing-code button.copybtn").count() == 1
    page.close()
