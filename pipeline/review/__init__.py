"""Review: reviewers' decisions on findings, and the web review.

Library (no web): ``decisions`` (record, undo, missed errors; re-exports the rest),
``claims`` (who holds which passage), ``state`` (what the append-only decisions add up to).
Pages as data: ``views`` (passage, document, MQM score), ``queue``, ``records``.
Web: ``web`` (FastAPI app and ``serve``), ``security``, ``render``, ``templates/``, ``static/``.
"""
