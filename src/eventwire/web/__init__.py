"""The dashboard's static files (``static/``, built by ``make web``) and how the
project drives a browser over them."""
