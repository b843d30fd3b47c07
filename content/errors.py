"""Errors in the files the content is made from."""


class ContentError(Exception):
    """A problem in a topic's files, located at a file and (where known) a line."""

    def __init__(self, path, line, message):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
