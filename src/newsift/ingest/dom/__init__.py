"""Structure of HTML pages: metadata, body (trafilatura) and comment threads (DOM)."""
