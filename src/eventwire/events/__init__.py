"""Event coding: the CAMEO/PLOVER ontology, pattern tables and the dependency coder."""
