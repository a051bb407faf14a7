"""Structure: split a page into regions (headline, byline, body, bio, comments)."""
