"""The watch on every cited Microsoft passage.

A fingerprint (:mod:`macros.watch.fingerprints`) records, for one fact and one cited Learn page
in one locale, the page's address, the section that states the fact, a short quote of the
sentences that state it and a hash of the section's normalized text. ``make record-check``
writes them; ``make watch`` reads the cited pages again (Learn itself, or saved copies) and
names the facts whose passage changed or whose page went missing.
"""
