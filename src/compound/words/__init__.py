"""The wording layer: how compound says things, the same on every surface.

Days, amounts, plurals, book progress, entries, goals, and the sentences of the
figures (the streak, what is left today, the yearly goal's pace, the year ahead).
The command line, the app and the reports call these; each front end only adds
its own hints (a flag on the command line, a key in the app). Plain text only:
no markup, no colour, so every surface can style it its own way.

Stored free text is shown through `words.safe.shown`: its controls and bidi overrides
as visible marks, so that nothing a record holds can drive a terminal or reorder a
line. Every surface (the command line's output streams, the app's tables, meters,
dialogs and notifications, the Markdown and HTML reports) uses that one function.

Imports nothing itself, so the shell-prompt path pays only for the module it uses.
"""
