"""The book's editions.  The source language is Chinese; other editions are
translated through the gettext catalogs in ``locale/<lang>/LC_MESSAGES``."""

LANGUAGES = ["zh_CN"]
