"""The dataset as a static site (``latinno-lint site``): a page per case in the
latinno.net layout, an overview with search and charts, and a quality report,
in English, Spanish and Portuguese. Jinja2 (the ``site`` extra) is imported
only here, and only by that command."""
