"""The Textual app that bare `compound` opens; imported only when it starts."""
