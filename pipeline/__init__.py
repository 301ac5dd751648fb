"""publish: raw text from Chinese document sites -> clean, typeset PDF, DOCX and EPUB."""

__version__ = "0.1.0"
