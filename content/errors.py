"""The one error of every file the site is built from: topics, the glossary, the self-check rules."""


class FileFormatError(Exception):
    """A problem in a file, located at its line (where known) and the part at fault.

    `where` names the part as an author knows it ("flag 'fever', 'level'", "reference
    'chou-2011'"); it is empty when the problem is the file as a whole.
    """

    def __init__(self, path, line, message, where=""):
        self.path = path
        self.line = line
        self.where = where
        self.message = message
        located = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{located}: {where}: {message}" if where else f"{located}: {message}")


# The name the content app has always caught; every format raises the same class.
ContentError = FileFormatError
