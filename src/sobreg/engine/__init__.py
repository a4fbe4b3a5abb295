"""engine: the pure rules: the process checklist and transitions, timelines, reviews, the
nomination form's questions, summaries, the program a decision creates. No I/O at all.
May import i18n and models only (import-linter forbids store, audit, git, YAML, templates).
"""
