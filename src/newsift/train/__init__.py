"""Training scripts for the models shipped in ``newsift/models`` (``make models``)."""
