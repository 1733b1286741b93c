from .drawing import plt  # noqa: F401  (the fixture every chart test draws on)
