"""Optional heavier backends behind extras (``pip install 'newsift[hf]'``)."""
