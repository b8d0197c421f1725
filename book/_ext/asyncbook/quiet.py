"""A build prints its problems, not its progress.

Sphinx runs with ``-q`` (publish.SPHINXOPTS): warnings and errors only.
jieba, which cuts the Chinese search index into words, reports loading its
dictionary on stderr through a logger of its own ("Building prefix dict…",
"Loading model cost…"); its level is raised to warnings here, so that only
its problems show.
"""

import logging


def setup(app):
    import jieba

    jieba.setLogLevel(logging.WARNING)
