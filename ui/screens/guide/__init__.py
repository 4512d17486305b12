"""The guide panel's sections (one module each) and the guide-mode banner."""
