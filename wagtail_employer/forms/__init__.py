"""Admin forms whose rules span a model and its inline children."""
