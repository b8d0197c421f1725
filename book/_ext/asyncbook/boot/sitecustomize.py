# Imported by Python at start-up when the listing runner puts this folder on
# PYTHONPATH: it lets the runner ask a stuck listing where it is stuck
# (asyncbook.stuck), and switches the listing's interpreter to the virtual clock.
import os

import asyncbook.stuck

asyncbook.stuck.install_from_environment()

if os.environ.get("ASYNCBOOK_VIRTUAL_CLOCK") == "1":
    import asyncbook.virtual_clock

    asyncbook.virtual_clock.install()
