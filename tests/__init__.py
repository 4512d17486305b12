"""The test suite, a package so its helpers import by path: ``from tests.plugins.packs import make_pack``."""
