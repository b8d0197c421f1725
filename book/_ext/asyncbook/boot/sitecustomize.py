# Imported by Python at start-up when the listing runner puts this folder on
# PYTHONPATH: it switches the listing's interpreter to the virtual clock.
import os

if os.environ.get("ASYNCBOOK_VIRTUAL_CLOCK") == "1":
    import asyncbook.virtual_clock

    asyncbook.virtual_clock.install()
